/**
 * Issue 14 (rules 8, 13): a product whose alert is a window drawn over other apps (TYPE_APPLICATION_OVERLAY,
 * never the focused window), and whose results get covered by a dialog. WatchTower
 * (test/fixtures/trust/products/overlay.yaml) against TheTruthSpy's stand-in, both protocols:
 * - real-time: the overlay "Threat found" is seen through readDialogs' multi-window lookup (a default
 *   UiAutomator2 lookup sees the active window only) → alerted, with a dialog among its alert kinds;
 * - on-demand: the scan's "Remove threats now?" dialog covers the results the profile does not dismiss;
 *   rows behind it are not the results → RESULTS_NOT_SHOWN (flow-error), never a read through the dialog.
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator, fast mode.
 * Port block 1600–1699 (STALKERBENCH_PORT_BASE).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile } from '../harness/results/index.ts';
import { REPO_ROOT, writeVirtualSdk } from '../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

const SAMPLE_APK = join(REPO_ROOT, 'scenarios/apks/stalkerware-thetruthspy.apk');

describe('a product that alerts over other apps and covers its results with a dialog', () => {
  let home: TestHome;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await createTestHome();
    const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome,
      STALKERBENCH_PORT_BASE: '1600', CI: '1',
    };
  });
  afterAll(async () => { await home?.remove(); });

  it('sees the overlay alert in real time and reads no results through the dialog on demand', async () => {
    const sha256 = createHash('sha256').update(await readFile(SAMPLE_APK)).digest('hex');
    const catalogue = join(home.home, 'catalogue.yaml');
    await writeFile(catalogue, [
      'title: One sample for the overlay round',
      'samples:',
      '  - id: thetruthspy',
      `    file: ${SAMPLE_APK}`,
      `    sha256: ${sha256}`,
      '    package: com.systemservice',
      '    kind: stalkerware',
      '    family: TheTruthSpy',
      '    label: System Service',
      '    setup:',
      '      - grantRuntimePermissions: all',
      '      - launch: true',
      '      - type: { into: { id: "com.systemservice:id/account_email" }, text: abuser@example.org }',
      '      - type: { into: { id: "com.systemservice:id/account_password" }, text: demo-password }',
      '      - tap: { id: "com.systemservice:id/start_monitoring" }',
      '      - waitFor: { text: Monitoring started }',
      '        timeoutMs: 10000',
      '',
    ].join('\n'));
    const roundFile = join(home.home, 'overlay.yaml');
    await writeFile(roundFile, [
      'id: overlay',
      'title: An alert drawn over other apps',
      `products: [${join(REPO_ROOT, 'test/fixtures/trust/products/overlay.yaml')}]`,
      'samples:',
      `  - catalogue: ${catalogue}`,
      '    select: all',
      'devices: [pixel-api33]',
      'modes: [on-demand, real-time]',
      'repetitions: 1',
      'timeouts: { caseMs: 240000, stepMs: 10000, alertWatchMs: 5000 }',
      'retries: { infra: 0 }',
      'concurrency: 1',
      'appium: local',
      'detection: { categories: [], namePatterns: [] }',
      'deviceSettings: { global: { stalkerbench_fast_apps: "1" } }',
      '',
    ].join('\n'));
    const output = join(home.home, 'out');
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: REPO_ROOT, env };
    await runCommand([roundFile, '--output', output], io);

    const round = await readRoundFile(output);
    const { results } = await readResults(output);
    const byMode = new Map([...finalOutcomes(results).values()].map((result) => {
      const planned = round.plan.cases.find((c) => c.caseId === result.caseId);
      return [planned?.mode, result] as const;
    }));

    const realTime = byMode.get('real-time');
    expect(realTime, text).toBeDefined();
    expect({ status: realTime!.status, error: realTime!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
    expect(realTime!.detectedBy).toEqual(['real-time']);
    expect(realTime!.alerted).toBe(true);
    expect(realTime!.alertKinds).toContain('dialog');

    const onDemand = byMode.get('on-demand');
    expect(onDemand, text).toBeDefined();
    expect({ status: onDemand!.status, error: onDemand!.error?.code }, text).toEqual({ status: 'flow-error', error: 'RESULTS_NOT_SHOWN' });
    expect(onDemand!.detected).toBe(false);
    // The screen the reader gave up on shows the dialog in front; its page source holds no result row.
    const dumps = onDemand!.evidence.filter((item) => item.kind === 'ui-dump');
    const sources = await Promise.all(dumps.map(async (item) => readFile(join(output, item.path), 'utf8')));
    expect(sources.some((xml) => xml.includes('Remove threats now?'))).toBe(true);
    expect(sources.some((xml) => xml.includes('Remove threats now?') && xml.includes('com.watchtower.security:id/threat_row'))).toBe(false);
  }, 600_000);
});
