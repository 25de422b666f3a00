/**
 * Issue 15 §2, several threats in one results dialog or in several notifications: ShapeGuard Plus
 * (test/fixtures/shapes/products/dialog-pua.yaml, notification-pua.yaml) also flags two apps
 * pre-installed on the image as "Adware.PushAds", so every scan names two or three threats, the sample
 * (when flagged) last. One round, on-demand, fast mode, against
 * - TheTruthSpy's stand-in (com.systemservice, flagged): its line is the 3rd of the dialog's message and its
 *   notification the 3rd posted; each entry is identified alone, so the sample is detected and identified
 *   by package, and the basis is its own line/notification, not the adware's;
 * - TheTruthSpy renamed (com.apspy.app, which ShapeGuard Plus does not know): the dialog and the
 *   notifications name only the two pre-installed apps: "not detected" (results-without-sample) with the
 *   evidence that they were read in full: the dialog's UI dump and both adware entries in scan-entries.
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator.
 * Port block 15000–15199 (STALKERBENCH_PORT_BASE).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../harness/config/index.ts';
import type { AttemptResult } from '../harness/results/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createRoundHome, runRoundFile, type RoundHome } from './support/one-sample-round.ts';
import { SHAPES_PRODUCTS, theTruthSpyEntry } from './support/shapes-round.ts';

const RENAMED_APK = join(REPO_ROOT, 'scenarios/apks/stalkerware-thetruthspy-renamed.apk');
const ADWARE = [
  { threatName: '• Live Wallpaper Picker (com.android.wallpaper.livepicker): Adware.PushAds' },
  { threatName: '• Print Spooler (com.android.printspooler): Adware.PushAds' },
];

describe('results that name several threats', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(15000); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('reads every entry of the dialog and every notification, each identified alone', async () => {
    const dir = roundHome.home.home;
    const catalogue = join(dir, 'several-catalogue.yaml');
    await writeFile(catalogue, [
      'title: A flagged and an unknown sample',
      'samples:',
      ...await theTruthSpyEntry(),
      '  - id: renamed',
      `    file: ${RENAMED_APK}`,
      `    sha256: ${await hashFile(RENAMED_APK)}`,
      '    package: com.apspy.app',
      '    kind: stalkerware',
      '    family: TheTruthSpy',
      '    label: Wi-Fi',
      '',
    ].join('\n'));
    const roundFile = join(dir, 'several.yaml');
    await writeFile(roundFile, [
      'id: several', 'title: several threats in one dialog and in several notifications',
      `products: [${join(SHAPES_PRODUCTS, 'dialog-pua.yaml')}, ${join(SHAPES_PRODUCTS, 'notification-pua.yaml')}]`,
      'samples:', `  - catalogue: ${catalogue}`, '    select: all',
      'devices: [pixel-api33]', 'modes: [on-demand]', 'repetitions: 1',
      'timeouts: { caseMs: 240000, stepMs: 10000, alertWatchMs: 5000 }', 'retries: { infra: 0 }', 'concurrency: 1', 'appium: local',
      'detection: { categories: [], namePatterns: [] }', 'deviceSettings: { global: { stalkerbench_fast_apps: "1" } }', '',
    ].join('\n'));
    const { text, output, outcomes } = await runRoundFile(roundHome, roundFile, join(dir, 'several-out'), (planned) => `${planned.productId}/${planned.sampleId}`);
    const outcome = (key: string): AttemptResult => {
      const found = outcomes.get(key);
      expect(found, `${key}\n${text}`).toBeDefined();
      return found!;
    };
    const scanEntries = async (result: AttemptResult): Promise<Array<{ threatName: string; text: string }>> => {
      const file = result.evidence.find((item) => item.step === 'scan-entries');
      expect(file, text).toBeDefined();
      return JSON.parse(await readFile(join(output, file!.path), 'utf8')) as Array<{ threatName: string; text: string }>;
    };

    // The dialog: three lines, read as three entries; the sample's (3rd) identifies it by package.
    const dialog = outcome('sgp-dialog/thetruthspy');
    expect({ status: dialog.status, error: dialog.error?.code, detectedBy: dialog.detectedBy }, text).toEqual({ status: 'completed', error: undefined, detectedBy: ['scan'] });
    expect({ rule: dialog.basis?.identifiedBy, text: dialog.basis?.text }).toEqual({ rule: 'package', text: '• System Service (com.systemservice): Stalkerware.Monitor' });
    expect(await scanEntries(dialog)).toEqual([
      expect.objectContaining(ADWARE[0]), expect.objectContaining(ADWARE[1]),
      expect.objectContaining({ threatName: '• System Service (com.systemservice): Stalkerware.Monitor' }),
    ]);

    // Notifications: one per threat; the sample's identifies it, the adware's are entries of their own.
    const notified = outcome('sgp-notify/thetruthspy');
    expect({ status: notified.status, error: notified.error?.code, detectedBy: notified.detectedBy }, text).toEqual({ status: 'completed', error: undefined, detectedBy: ['scan'] });
    expect({ rule: notified.basis?.identifiedBy, text: notified.basis?.text }).toEqual({ rule: 'package', text: 'Threat found\nSystem Service (com.systemservice) is Stalkerware' });
    const notifiedEntries = await scanEntries(notified);
    expect(notifiedEntries.map((entry) => entry.text).sort()).toEqual([
      'Threat found\nLive Wallpaper Picker (com.android.wallpaper.livepicker) is Adware',
      'Threat found\nPrint Spooler (com.android.printspooler) is Adware',
      'Threat found\nSystem Service (com.systemservice) is Stalkerware',
    ]);

    // A dialog naming only other apps: not detected, from the dialog read in full (its dump, both entries).
    const unknownDialog = outcome('sgp-dialog/renamed');
    expect({ status: unknownDialog.status, error: unknownDialog.error?.code, detected: unknownDialog.detected, rule: unknownDialog.basis?.rule }, text)
      .toEqual({ status: 'completed', error: undefined, detected: false, rule: 'results-without-sample' });
    expect(await scanEntries(unknownDialog)).toEqual([expect.objectContaining(ADWARE[0]), expect.objectContaining(ADWARE[1])]);
    const dump = unknownDialog.evidence.find((item) => item.kind === 'ui-dump' && item.step === 'scan-results-screen-1');
    expect(dump, text).toBeDefined();
    expect(await readFile(join(output, dump!.path), 'utf8')).toContain('Print Spooler (com.android.printspooler): Adware.PushAds');

    const unknownNotified = outcome('sgp-notify/renamed');
    expect({ status: unknownNotified.status, error: unknownNotified.error?.code, detected: unknownNotified.detected, rule: unknownNotified.basis?.rule }, text)
      .toEqual({ status: 'completed', error: undefined, detected: false, rule: 'results-without-sample' });
    expect((await scanEntries(unknownNotified)).map((entry) => entry.threatName)).toEqual(['Threat found', 'Threat found']);
    expect(unknownNotified.evidence.map((item) => item.step)).toContain('scan-results-notifications');
  }, 1_200_000);
});
