/**
 * Fast mode and scaled delays change timings, never verdicts: a product whose real-time rule reads
 * the sample's state (a hidden launcher icon) must reach the same verdict with
 * `stalkerbench_fast_apps=1` or `stalkerbench_app_delay_scale=0.1` as with its real delay, although
 * the abuser's setup (hiding the icon) only happens a moment after the install.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildUnsignedApk, createSigningKey, manifestXml, signApk } from '../../test/support/apk-builder.ts';
import { pollFor } from '../../test/support/poll.ts';
import { createVirtualDevice, type VirtualAndroidDevice } from '../device/create-virtual-device.ts';
import type { DeviceProfile } from '../device/contracts.ts';
import { APP_DELAY_SCALE_SETTING, delayScale, FAST_APPS_SETTING, scaleDelay } from './app-delays.ts';
import { readDemoSamples } from './testing/ground-truth.ts';
import { shellOutput as shell } from '../shell/testing/run-shell.ts';

const API33: DeviceProfile = { avdName: 'a33', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64', device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420 };
const INSTALL = { replace: true, grantRuntimePermissions: true, allowDowngrade: false, allowTest: false };
const GUARD = 'org.example.heuristicguard';
/** The product checks a new package this long after its install. */
const REAL_TIME_DELAY_MS = 600;
/** How long after the install the abuser's setup hides the icon: well inside the product's delay. */
const SETUP_MS = 150;

const BEHAVIOUR = {
  role: 'security-product',
  app: { start: 'home', screens: { home: { title: 'Heuristic Guard', widgets: [{ kind: 'TextView', id: 'status', text: 'Protection: {protection}' }] } } },
  events: { protect: [{ do: 'startProtection' }] },
  product: {
    service: '.GuardService',
    signatures: { bundled: '1', latest: '2', updateMs: 0 },
    scan: { durationMs: 0, progressScreen: 'home', resultsScreen: 'home' },
    realTime: { delayMs: REAL_TIME_DELAY_MS, notification: { channel: 'alerts', title: 'Hidden app found', text: '{alertAppLabel} hides its icon' } },
    foregroundNotification: { channel: 'status', title: 'Heuristic Guard', text: 'Real-time protection on' },
    rules: [{ label: 'Hidden monitoring app', category: 'stalkerware', match: { hiddenIcon: true } }],
  },
};

let dir: string;
let productApk: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-fast-'));
  const unsigned = await buildUnsignedApk(dir, 'guard', {
    // Targets 33: it posts only with POST_NOTIFICATIONS, declared here and granted at install (-g).
    manifest: manifestXml(GUARD, `<uses-sdk android:minSdkVersion="26" android:targetSdkVersion="33" />
<uses-permission android:name="android.permission.POST_NOTIFICATIONS" />
<application android:label="Heuristic Guard">
  <activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN" /><category android:name="android.intent.category.LAUNCHER" /></intent-filter></activity>
  <service android:name=".GuardService" android:exported="false" />
</application>`),
    assets: { 'stalkerbench-behaviour.json': JSON.stringify(BEHAVIOUR) },
  });
  const key = await createSigningKey(dir, { name: 'guard', algorithm: 'RSA', dname: 'CN=Guard' });
  productApk = await readFile(await signApk(unsigned, join(dir, 'guard.apk'), key, { v1: true, v2: true, v3: false }));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const devices: VirtualAndroidDevice[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});

/** Installs the product with protection on, then the sample, whose setup hides its icon SETUP_MS later; returns the product's check. */
async function realTimeCheck(delays: 'real' | 'fast' | 'scaled'): Promise<string> {
  const device = createVirtualDevice({ profile: API33, serial: 'emulator-5554', bootDelayMs: 0 });
  devices.push(device);
  if (delays === 'fast') device.putSetting('global', FAST_APPS_SETTING, '1');
  if (delays === 'scaled') device.putSetting('global', APP_DELAY_SCALE_SETTING, '0.1');
  expect((await device.installApk(productApk, INSTALL)).ok).toBe(true);
  await shell(device, `am start -n ${GUARD}/.Main`);
  device.apps.controller(GUARD)?.handleEvent('protect');
  const mspy = (await readDemoSamples()).find((sample) => sample.id === 'mspy');
  if (!mspy) throw new Error('the demo catalogue has no mspy');
  expect((await device.installApk(await readFile(mspy.apk), INSTALL)).ok).toBe(true);
  // The abuser's setup takes a moment after the install (the harness's setup flow takes seconds).
  await sleep(SETUP_MS);
  const sample = device.apps.controller(mspy.packageName);
  await sample?.runEffects([{ do: 'hideIcon' }], sample.signal, '');
  return pollFor('the real-time check', async () => device.readLog().find((entry) => entry.tag === 'RealTimeProtection')?.message, { budgetMs: 5_000 });
}

describe('fast mode keeps the order of events', () => {
  it('a real-time rule on the sample\'s state gives the same verdict with and without fast mode', async () => {
    const real = await realTimeCheck('real');
    const fast = await realTimeCheck('fast');
    expect(real).toMatch(/: Hidden monitoring app \(stalkerware\)$/);
    expect(fast).toBe(real);
  }, 30_000);

  it('so it does with delays scaled ×0.1: the check that races the setup keeps its real length', async () => {
    const real = await realTimeCheck('real');
    const scaled = await realTimeCheck('scaled');
    expect(real).toMatch(/: Hidden monitoring app \(stalkerware\)$/);
    expect(scaled).toBe(real);
  }, 30_000);

  it('the delay scale is a factor in (0, 1]; fast mode wins; anything else leaves delays as they are', () => {
    const device = createVirtualDevice({ profile: API33, serial: 'emulator-5554', bootDelayMs: 0 });
    devices.push(device);
    expect(scaleDelay(device, 4000)).toBe(4000);
    device.putSetting('global', APP_DELAY_SCALE_SETTING, '0.1');
    expect(delayScale(device)).toBe(0.1);
    expect(scaleDelay(device, 4000)).toBe(400);
    for (const unusable of ['0', '-0.5', '2', 'fast', '', 'NaN', 'Infinity']) {
      device.putSetting('global', APP_DELAY_SCALE_SETTING, unusable);
      expect(delayScale(device), unusable).toBe(1);
    }
    device.putSetting('global', APP_DELAY_SCALE_SETTING, '0.1');
    device.putSetting('global', FAST_APPS_SETTING, '1');
    expect(scaleDelay(device, 4000)).toBe(0);
  });

  it('the product\'s status notification is its foreground service\'s: ongoing, no-clear, FGS (0x62)', async () => {
    const device = createVirtualDevice({ profile: API33, serial: 'emulator-5554', bootDelayMs: 0 });
    devices.push(device);
    device.putSetting('global', FAST_APPS_SETTING, '1');
    expect((await device.installApk(productApk, INSTALL)).ok).toBe(true);
    await shell(device, `am start -n ${GUARD}/.Main`);
    device.apps.controller(GUARD)?.handleEvent('protect');
    const status = await pollFor('the status notification', async () => device.notifications.list().find((record) => record.packageName === GUARD));
    expect(status.flags).toBe(0x62);
    expect(await shell(device, `dumpsys activity services ${GUARD}`)).toContain(`isForeground=true foregroundId=${status.id} foregroundNoti=Notification(channel=status`);
  });
});
