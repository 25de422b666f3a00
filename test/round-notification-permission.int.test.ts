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
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { AttemptResult } from '../harness/results/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createRoundHome, runOneSampleRound, type RoundHome } from './support/one-sample-round.ts';

const PROFILE = join(REPO_ROOT, 'test/fixtures/trust/products/silentnotify.yaml');
const NEVER_ASKED = 'POST_NOTIFICATIONS not granted: the product never asked';

describe('a product that never asks for POST_NOTIFICATIONS', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(2200); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('is detected by its scan, never alerted by the notification Android dropped, and the evidence says why', async () => {
    // The control: the same product, granted the permission by the lab before onboarding.
    const profile = parse(await readFile(PROFILE, 'utf8')) as { id: string; apk: { file: string }; flows: { onboarding: unknown[] } };
    const control = join(roundHome.home.home, 'granted.yaml');
    await writeFile(control, stringify({
      ...profile,
      id: 'granted',
      apk: { ...profile.apk, file: join(REPO_ROOT, 'scenarios/apks/trust-product-silentnotify.apk') },
      flows: { ...profile.flows, onboarding: [{ shell: ['pm', 'grant', 'com.beaconshield.app', 'android.permission.POST_NOTIFICATIONS'] }, ...profile.flows.onboarding] },
    }));
    const { text, output, outcomes: outcome } = await runOneSampleRound(roundHome, {
      id: 'notification-permission', title: 'A product that never asks for POST_NOTIFICATIONS', products: [PROFILE, control], modes: ['on-demand', 'real-time'],
    });
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
