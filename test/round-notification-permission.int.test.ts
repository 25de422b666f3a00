/**
 * Issue 14 (rule 4): a product that targets Android 13 and never asks for POST_NOTIFICATIONS. Beacon
 * Shield (test/fixtures/trust/products/silentnotify.yaml) against TheTruthSpy's stand-in, both
 * protocols, fast mode:
 * - on-demand: its scan lists the sample → detected by scan; not alerted;
 * - real-time: it posts its "Spy app detected" notification, which Android 13 drops → not detected,
 *   not alerted;
 * - both cases carry the evidence note "POST_NOTIFICATIONS not granted: the product never asked".
 * The control is the same APK whose onboarding grants the permission from adb (a copy of the profile
 * written here): its real-time notification is shown and counts, so the silence above is Android's
 * doing, not a product that never posts.
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator.
 * Port block 2200–2399 (STALKERBENCH_PORT_BASE).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile, type AttemptResult } from '../harness/results/index.ts';
import { REPO_ROOT, writeVirtualSdk } from '../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

const SAMPLE_APK = join(REPO_ROOT, 'scenarios/apks/stalkerware-thetruthspy.apk');
const PROFILE = join(REPO_ROOT, 'test/fixtures/trust/products/silentnotify.yaml');
const NEVER_ASKED = 'POST_NOTIFICATIONS not granted: the product never asked';

describe('a product that never asks for POST_NOTIFICATIONS', () => {
  let home: TestHome;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await createTestHome();
    const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome,
      STALKERBENCH_PORT_BASE: '2200', CI: '1',
    };
  });
  afterAll(async () => { await home?.remove(); });

  it('is detected by its scan, never alerted by the notification Android dropped, and the evidence says why', async () => {
    const sha256 = createHash('sha256').update(await readFile(SAMPLE_APK)).digest('hex');
    const catalogue = join(home.home, 'catalogue.yaml');
    await writeFile(catalogue, [
      'title: One sample for the notification-permission round',
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
    // The control: the same product, granted the permission by the lab before onboarding.
    const profile = parse(await readFile(PROFILE, 'utf8')) as { id: string; apk: { file: string }; flows: { onboarding: unknown[] } };
    const control = join(home.home, 'granted.yaml');
    await writeFile(control, stringify({
      ...profile,
      id: 'granted',
      apk: { ...profile.apk, file: join(REPO_ROOT, 'scenarios/apks/trust-product-silentnotify.apk') },
      flows: { ...profile.flows, onboarding: [{ shell: ['pm', 'grant', 'com.beaconshield.app', 'android.permission.POST_NOTIFICATIONS'] }, ...profile.flows.onboarding] },
    }));
    const roundFile = join(home.home, 'notification-permission.yaml');
    await writeFile(roundFile, [
      'id: notification-permission',
      'title: A product that never asks for POST_NOTIFICATIONS',
      `products: [${PROFILE}, ${control}]`,
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
    const outcome = new Map<string, AttemptResult>();
    for (const result of finalOutcomes(results).values()) {
      const planned = round.plan.cases.find((c) => c.caseId === result.caseId);
      outcome.set(`${planned?.productId}/${planned?.mode}`, result);
    }
    const notes = async (result: AttemptResult): Promise<string> => {
      const items = result.evidence.filter((item) => item.kind === 'text' && item.path.includes('notification-permission'));
      return (await Promise.all(items.map((item) => readFile(join(output, item.path), 'utf8')))).join('');
    };

    const onDemand = outcome.get('silentnotify/on-demand');
    expect(onDemand, text).toBeDefined();
    expect({ status: onDemand!.status, error: onDemand!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
    expect({ detectedBy: onDemand!.detectedBy, alerted: onDemand!.alerted }).toEqual({ detectedBy: ['scan'], alerted: false });
    expect(onDemand!.basis?.identifiedBy).toBe('package');
    expect(await notes(onDemand!)).toContain(NEVER_ASKED);

    const realTime = outcome.get('silentnotify/real-time');
    expect(realTime, text).toBeDefined();
    expect({ status: realTime!.status, error: realTime!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
    expect({ detected: realTime!.detected, alerted: realTime!.alerted, alertText: realTime!.alertText }).toEqual({ detected: false, alerted: false, alertText: null });
    expect(await notes(realTime!)).toContain(NEVER_ASKED);

    const granted = outcome.get('granted/real-time');
    expect(granted, text).toBeDefined();
    expect({ status: granted!.status, detectedBy: granted!.detectedBy, alerted: granted!.alerted, kinds: granted!.alertKinds }, text)
      .toEqual({ status: 'completed', detectedBy: ['real-time'], alerted: true, kinds: ['notification'] });
    expect(granted!.alertText).toContain('Spy app detected');
    expect(await notes(granted!)).toBe('');
  }, 900_000);
});
