/**
 * The real-shapes products (scenarios/rounds/real-shapes.yaml) on an in-process virtual device with
 * their fixture APKs: the behaviour-format features they need — a launch screen by start parity, a
 * results AlertDialog, `granted:*` flags from the device state, a Remove that warns first — and a
 * notification as the only sign of a detection. test/round-real-shapes.int.test.ts runs the same
 * products through their profiles, real adb and Appium.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVirtualDevice, type VirtualAndroidDevice } from '../device/create-virtual-device.ts';
import type { DeviceProfile } from '../device/contracts.ts';
import { FAST_APPS_SETTING } from './app-delays.ts';
import { emptyAppState } from './app-state-store.ts';
import { behaviourSchema } from './behaviour-schema.ts';
import { launchScreen } from './launch-screen.ts';
import { readDemoSamples, SCENARIOS_DIR } from './testing/ground-truth.ts';
import { acceptPermissionDialogs, findAll, flatten, waitForNode } from './testing/ui-flow-driver.ts';
import { shellOutput as shell } from '../shell/testing/run-shell.ts';

const API33: DeviceProfile = { avdName: 'a33', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64', device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420 };
const INSTALL = { replace: true, grantRuntimePermissions: false, allowDowngrade: false, allowTest: false };

const devices: VirtualAndroidDevice[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});

function boot(): VirtualAndroidDevice {
  const device = createVirtualDevice({ profile: API33, serial: 'emulator-5554', bootDelayMs: 0 });
  devices.push(device);
  device.putSetting('global', FAST_APPS_SETTING, '1');
  return device;
}

async function installFixture(device: VirtualAndroidDevice, fixture: string): Promise<void> {
  const result = await device.installApk(await readFile(`${SCENARIOS_DIR}apks/${fixture}.apk`), INSTALL);
  expect(result.ok, fixture).toBe(true);
}

async function installSample(device: VirtualAndroidDevice, id: string): Promise<void> {
  const sample = (await readDemoSamples()).find((candidate) => candidate.id === id)!;
  const result = await device.installApk(await readFile(sample.apk), INSTALL);
  expect(result.ok, id).toBe(true);
}

async function launch(device: VirtualAndroidDevice, packageName: string): Promise<void> {
  await shell(device, `am start -n ${packageName}/${device.packages.get(packageName)?.launchableActivity ?? ''}`);
}

function texts(device: VirtualAndroidDevice): string[] {
  return flatten(device.ui.hierarchy()).map((node) => node.text).filter(Boolean);
}

type Selector = { id?: string; text?: string; desc?: string };

async function tap(device: VirtualAndroidDevice, selector: Selector): Promise<void> {
  const node = await waitForNode(device, selector, 3_000).catch(() => {
    throw new Error(`${JSON.stringify(selector)} not on screen: ${texts(device).join(' | ')}`);
  });
  device.ui.click(node.uid);
}

const BW = 'com.brightwall.security:id/';
const KS = 'com.keystone.protect:id/';

describe('launch entries by start parity', () => {
  const behaviour = behaviourSchema.parse({
    role: 'app',
    app: { start: 'tour', screens: { tour: { widgets: [] }, signIn: { widgets: [] }, home: { widgets: [] } } },
    launch: [{ starts: 'odd', screen: 'signIn' }, { flag: 'onboarded', screen: 'home' }],
  });

  it('picks the first entry whose flag is set and whose parity matches the start count', () => {
    expect(launchScreen(behaviour, emptyAppState(), 1)).toBe('signIn');
    expect(launchScreen(behaviour, emptyAppState(), 2)).toBe('tour');
    expect(launchScreen(behaviour, { ...emptyAppState(), flags: { onboarded: true } }, 2)).toBe('home');
    expect(launchScreen(behaviour, { ...emptyAppState(), flags: { onboarded: true } }, 3)).toBe('signIn');
    // Without a number: the next start's screen (the app has been started `starts` times so far).
    expect(launchScreen(behaviour, emptyAppState())).toBe('signIn');
    expect(launchScreen(behaviour, { ...emptyAppState(), starts: 1 })).toBe('tour');
  });

  it('refuses an entry with neither a flag nor starts', () => {
    const result = behaviourSchema.safeParse({ role: 'app', app: { start: 'a', screens: { a: { widgets: [] } } }, launch: [{ screen: 'a' }] });
    expect(result.success).toBe(false);
  });
});

describe('Brightwall: sign-in on odd starts, a three-page tour, an upsell, bottom tabs', () => {
  it('shows the sign-in screen on the 1st and 3rd start only, the upsell once after the tour', async () => {
    const device = boot();
    await installFixture(device, 'product-brightwall');
    await launch(device, 'com.brightwall.security');
    await tap(device, { id: `${BW}skip_sign_in` });
    for (const page of [1, 2, 3]) {
      await waitForNode(device, { text: `${page} of 3` });
      await tap(device, { id: `${BW}tour_next` });
    }
    await vi.waitFor(() => expect(acceptPermissionDialogs(device, 1)).toBe(1), { timeout: 3_000, interval: 10 });
    await tap(device, { desc: 'Close' });
    await waitForNode(device, { id: `${BW}status_text` });
    await tap(device, { desc: 'Scan' });
    await waitForNode(device, { id: `${BW}start_scan` });
    // Second start (from HOME): straight to the tabs; third: the sign-in prompt again, Skip → home.
    device.ui.pressKey(3);
    await launch(device, 'com.brightwall.security');
    expect(findAll(device, { id: `${BW}skip_sign_in` })).toHaveLength(0);
    expect(findAll(device, { text: 'Go Premium' })).toHaveLength(0);
    device.ui.pressKey(3);
    await shell(device, 'am force-stop com.brightwall.security');
    await launch(device, 'com.brightwall.security');
    await tap(device, { id: `${BW}skip_sign_in` });
    await waitForNode(device, { id: `${BW}status_text` });
  });
});

describe('Pinecrest: the scan ends in an AlertDialog listing the threats', () => {
  it('lists one line per threat under "Scan finished: 2 threats", and says "No threats found." when clean', async () => {
    const device = boot();
    await installSample(device, 'thetruthspy');
    await installSample(device, 'mspy');
    await installFixture(device, 'product-pinecrest');
    await launch(device, 'com.pinecrest.antivirus');
    await tap(device, { id: 'com.pinecrest.antivirus:id/get_started' });
    await vi.waitFor(() => expect(acceptPermissionDialogs(device, 1)).toBe(1), { timeout: 3_000, interval: 10 });
    await tap(device, { id: 'com.pinecrest.antivirus:id/scan_button' });
    const title = await waitForNode(device, { id: 'android:id/alertTitle' }, 5_000);
    expect(title.text).toBe('Scan finished: 2 threats');
    expect(findAll(device, { id: 'android:id/message' })[0]?.text.split('\n')).toEqual([
      'Threat: Android/Spy.TheTruthSpy in System Service (com.systemservice)',
      'Threat: Android/Spy.mSpy in Update Service (update.service.android)',
    ]);
    await tap(device, { id: 'android:id/button1' });
    expect(findAll(device, { id: 'android:id/alertTitle' })).toHaveLength(0);
    await shell(device, 'pm uninstall com.systemservice');
    await shell(device, 'pm uninstall update.service.android');
    await tap(device, { id: 'com.pinecrest.antivirus:id/scan_button' });
    await waitForNode(device, { text: 'No threats found.' }, 5_000);
    expect(findAll(device, { id: 'android:id/alertTitle' })[0]?.text).toBe('Scan finished');
  });
});

describe('Quietbell: detection by notification only', () => {
  it('posts a notification naming the sample and shows no result entry on screen', async () => {
    const device = boot();
    await installSample(device, 'mspy');
    await installFixture(device, 'product-quietbell');
    await launch(device, 'com.quietbell.mobile');
    await tap(device, { id: 'com.quietbell.mobile:id/turn_on' });
    await vi.waitFor(() => expect(acceptPermissionDialogs(device, 1)).toBe(1), { timeout: 3_000, interval: 10 });
    await tap(device, { id: 'com.quietbell.mobile:id/check_now' });
    await waitForNode(device, { id: 'com.quietbell.mobile:id/check_finished' }, 5_000);
    const posted = device.notifications.list().filter((n) => n.packageName === 'com.quietbell.mobile' && n.title.startsWith('Threat found'));
    expect(posted.map((n) => `${n.title} / ${n.text}`)).toEqual([
      'Threat found: Update Service / Update Service (update.service.android) can spy on you. Open Quietbell for advice before you remove it: removing it may alert the person who installed it.',
    ]);
    // Its own windows name no threat (the heads-up banner of the notification is the system UI's).
    const own = flatten(device.ui.hierarchy()).filter((node) => node.packageName === 'com.quietbell.mobile').map((node) => node.text);
    expect(own).toContain('Check finished. We will notify you about anything we find.');
    expect(own.some((text) => text.includes('update.service.android'))).toBe(false);
  });
});

describe('Keystone: four special accesses before onboarding goes on, a removal that warns first', () => {
  it('enables Continue only once every access is held, however it was granted', async () => {
    const device = boot();
    await installFixture(device, 'product-keystone');
    await launch(device, 'com.keystone.protect');
    await waitForNode(device, { id: `${KS}permissions_intro` });
    const continueEnabled = (): boolean | undefined => findAll(device, { id: `${KS}permissions_continue` })[0]?.enabled;
    expect(continueEnabled()).toBe(false);
    // Accessibility and notification access through the product's own Allow → Settings page → switch → Allow.
    for (const row of ['accessibility', 'notifications']) {
      await tap(device, { id: `${KS}${row}_allow` });
      await tap(device, { id: 'android:id/switch_widget' });
      await tap(device, { id: 'android:id/button1' });
      await waitForNode(device, { id: `${KS}${row}_allowed` });
    }
    await tap(device, { id: `${KS}usage_allow` });
    await tap(device, { id: 'android:id/switch_widget' });
    await waitForNode(device, { id: `${KS}usage_allowed` });
    expect(continueEnabled()).toBe(false);
    expect(findAll(device, { id: `${KS}all_set` })).toHaveLength(0);
    // Battery optimisation only through Settings or adb: the product re-checks and shows it.
    await shell(device, 'dumpsys deviceidle whitelist +com.keystone.protect');
    await waitForNode(device, { id: `${KS}all_set` }, 3_000);
    expect(continueEnabled()).toBe(true);
    expect(await shell(device, 'settings get secure enabled_accessibility_services')).toContain('com.keystone.protect/com.keystone.protect.guard.ScreenGuardService');
  });

  it('Remove warns that removal may alert the installer; Cancel keeps the app, Continue goes to Android\'s uninstall dialog', async () => {
    const device = boot();
    await installSample(device, 'mspy');
    await installFixture(device, 'product-keystone');
    for (const line of [
      'settings put secure enabled_accessibility_services com.keystone.protect/com.keystone.protect.guard.ScreenGuardService',
      'cmd notification allow_listener com.keystone.protect/com.keystone.protect.guard.NotificationGuardService',
      'appops set com.keystone.protect GET_USAGE_STATS allow',
      'dumpsys deviceidle whitelist +com.keystone.protect',
    ]) await shell(device, line);
    await launch(device, 'com.keystone.protect');
    await waitForNode(device, { id: `${KS}permissions_intro` });
    await tap(device, { id: `${KS}permissions_continue` });
    await vi.waitFor(() => expect(acceptPermissionDialogs(device, 1)).toBe(1), { timeout: 3_000, interval: 10 });
    await tap(device, { id: `${KS}scan_button` });
    await waitForNode(device, { id: `${KS}threat_remove` }, 5_000);
    await tap(device, { id: `${KS}threat_remove` });
    expect(findAll(device, { id: 'android:id/message' })[0]?.text).toBe('Removing this app may alert the person who installed it. Continue?');
    await tap(device, { text: 'Cancel' });
    expect(device.packages.get('update.service.android')).toBeDefined();
    await tap(device, { id: `${KS}threat_remove` });
    await tap(device, { text: 'Continue' });
    await waitForNode(device, { text: 'Do you want to uninstall this app?' }, 3_000);
    expect(device.packages.get('update.service.android')).toBeDefined();
    await tap(device, { text: 'OK' });
    await vi.waitFor(() => expect(device.packages.get('update.service.android')).toBeUndefined(), { timeout: 3_000, interval: 10 });
  });
});
