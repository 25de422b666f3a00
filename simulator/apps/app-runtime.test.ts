/**
 * The app runtime on an in-process virtual device with real fixture APKs (and one APK built here with
 * aapt/apksigner): invalid behaviour files, timed screens, the permission dialog per API level, and
 * special access set through an app's own screens or a lab's shell ending in the same device state.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildUnsignedApk, createSigningKey, manifestXml, signApk } from '../../test/support/apk-builder.ts';
import { createVirtualDevice, type VirtualAndroidDevice } from '../device/create-virtual-device.ts';
import type { DeviceProfile } from '../device/contracts.ts';
import { FAST_APPS_SETTING } from './app-delays.ts';
import { AppController } from './app-controller.ts';
import { parseBehaviour } from './load-behaviour.ts';
import { readDemoSamples, readProduct, SCENARIOS_DIR } from './testing/ground-truth.ts';
import { findAll, flatten, runSteps, waitForNode } from './testing/ui-flow-driver.ts';
import { shellOutput as shell } from '../shell/testing/run-shell.ts';

const API33: DeviceProfile = { avdName: 'a33', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64', device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420 };
const API29: DeviceProfile = { avdName: 'a29', apiLevel: 29, release: '10', manufacturer: 'Google', model: 'Android SDK built for x86_64', device: 'generic_x86_64', screenWidth: 1080, screenHeight: 1920, density: 420 };
const INSTALL = { replace: true, grantRuntimePermissions: false, allowDowngrade: false, allowTest: false };
const PC = 'com.android.permissioncontroller:id/';

const devices: VirtualAndroidDevice[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function boot(profile = API33, fast = true): VirtualAndroidDevice {
  const device = createVirtualDevice({ profile, serial: 'emulator-5554', bootDelayMs: 0 });
  devices.push(device);
  if (fast) device.putSetting('global', FAST_APPS_SETTING, '1');
  return device;
}

async function launch(device: VirtualAndroidDevice, packageName: string): Promise<void> {
  await shell(device, `am start -n ${packageName}/${device.packages.get(packageName)?.launchableActivity ?? ''}`);
}

function texts(device: VirtualAndroidDevice): string[] {
  return flatten(device.ui.hierarchy()).map((node) => node.text).filter(Boolean);
}

/** Lets the app react to a tap (its effects continue after the current tick). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function tap(device: VirtualAndroidDevice, id: string): void {
  const node = findAll(device, { id })[0];
  if (!node) throw new Error(`${id} not on screen: ${texts(device).join(' | ')}`);
  device.ui.click(node.uid);
}

describe('behaviour files', () => {
  it('an invalid file is reported in logcat and the app shows a plain screen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-apps-'));
    dirs.push(dir);
    const behaviour = JSON.stringify({ role: 'security-product', app: { start: 'home', screens: { home: { widgets: [{ kind: 'Slider', id: 'x' }] } } } });
    const unsigned = await buildUnsignedApk(dir, 'broken', {
      manifest: manifestXml('org.example.broken', '<uses-sdk android:minSdkVersion="26" android:targetSdkVersion="33" /><application android:label="Broken App"><activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN" /><category android:name="android.intent.category.LAUNCHER" /></intent-filter></activity></application>'),
      assets: { 'stalkerbench-behaviour.json': behaviour },
    });
    const key = await createSigningKey(dir, { name: 'broken', algorithm: 'RSA', dname: 'CN=Broken' });
    const apk = await signApk(unsigned, join(dir, 'broken.apk'), key, { v1: true, v2: true, v3: false });
    const device = boot();
    expect(await device.installApk(await readFile(apk), INSTALL)).toEqual({ ok: true, packageName: 'org.example.broken' });
    const errors = device.readLog().filter((entry) => entry.priority === 'E' && entry.tag === 'StalkerbenchApps').map((entry) => entry.message);
    expect(errors[0]).toBe('org.example.broken: invalid assets/stalkerbench-behaviour.json; the app shows a plain screen');
    expect(errors[1]).toMatch(/^org\.example\.broken: app\.screens\.home\.widgets\.0\.kind: Invalid discriminator value\. Expected 'TextView' \| /);
    await launch(device, 'org.example.broken');
    expect(device.ui.focusedWindow().packageName).toBe('org.example.broken');
    expect(texts(device).filter((text) => !/^\d\d:\d\d$/.test(text))).toEqual(['Broken App']);
  }, 60_000);

  it('a timed screen advances its progress, then replaces itself', async () => {
    const device = boot(API33, false);
    const product = await readProduct('thoroughshield');
    await device.installApk(await readFile(product.apk.file), INSTALL);
    await launch(device, product.package);
    const shown = new Set<string>();
    const deadline = Date.now() + 10_000;
    while (findAll(device, { id: `${product.package}:id/intro_next` }).length === 0 && Date.now() < deadline) {
      const status = findAll(device, { id: `${product.package}:id/splash_status` })[0]?.text;
      if (status) shown.add(status);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // It went through intermediate percentages before the first intro page replaced it.
    const percents = [...shown].map((text) => Number(/(\d+) %/.exec(text)?.[1]));
    expect(percents.some((value) => value > 0 && value < 100)).toBe(true);
    expect(findAll(device, { id: `${product.package}:id/splash_status` })).toHaveLength(0);
    expect(findAll(device, { text: 'Protect your privacy' })).toHaveLength(1);
  }, 20_000);
});

describe('permission dialog', () => {
  it.each([
    [29, API29, ['permission_allow_foreground_only_button', 'permission_deny_button'], 'Deny'],
    [33, API33, ['permission_allow_foreground_only_button', 'permission_allow_one_time_button', 'permission_deny_button'], "Don't allow"],
  ])('on API %i has the PermissionController ids, and answers change the runtime permissions', async (_api, profile, locationButtons, denyText) => {
    const device = boot(profile);
    const product = await readProduct('thoroughshield');
    await device.installApk(await readFile(product.apk.file), INSTALL);
    await launch(device, product.package);
    // Intro pages, the licence (scrolled to its end), the permission primer.
    await runSteps(device, product.flows.onboarding.slice(0, 6));
    expect(device.ui.focusedWindow()).toEqual({ packageName: 'com.google.android.permissioncontroller', activity: 'com.android.permissioncontroller.permission.ui.GrantPermissionsActivity' });
    expect(findAll(device, { id: `${PC}permission_message` })[0]?.text).toBe("Allow ThoroughShield Security to access this device's location?");
    const buttons = flatten(device.ui.hierarchy()).filter((node) => node.resourceId.startsWith(PC) && node.className === 'android.widget.Button');
    expect(buttons.map((node) => node.resourceId.slice(PC.length))).toEqual(locationButtons);
    expect(buttons.at(-1)?.text).toBe(denyText);
    tap(device, `${PC}permission_allow_foreground_only_button`);
    await settle();
    // The next group: phone (storage comes after it), each answered on its own.
    expect(findAll(device, { id: `${PC}permission_message` })[0]?.text).toBe('Allow ThoroughShield Security to make and manage phone calls?');
    tap(device, `${PC}permission_deny_button`);
    await settle();
    while (findAll(device, { id: `${PC}permission_allow_button` }).length > 0) {
      tap(device, `${PC}permission_allow_button`);
      await settle();
    }
    const granted = device.packages.get(product.package)?.grantedRuntime ?? [];
    expect(granted).toContain('android.permission.ACCESS_FINE_LOCATION');
    expect(granted).toContain('android.permission.READ_EXTERNAL_STORAGE');
    expect(granted).not.toContain('android.permission.READ_PHONE_STATE');
    expect(device.ui.focusedWindow().packageName).toBe(product.package);
    expect(findAll(device, { id: `${product.package}:id/open_usage_settings` })).toHaveLength(1);
  });
});

describe('stalkerware special access', () => {
  async function installSample(device: VirtualAndroidDevice, id: string): Promise<string> {
    const sample = (await readDemoSamples()).find((entry) => entry.id === id)!;
    await device.installApk(await readFile(sample.apk), { ...INSTALL, grantRuntimePermissions: true });
    return sample.packageName;
  }

  const stateOf = (device: VirtualAndroidDevice, packageName: string) => ({
    accessibility: device.getSetting('secure', 'enabled_accessibility_services'),
    listeners: device.getSetting('secure', 'enabled_notification_listeners'),
    admins: device.policy.deviceAdmins,
    services: device.processes.services().filter((service) => service.packageName === packageName).map((service) => service.className).sort(),
    launcherHidden: device.packages.get(packageName)?.disabledComponents,
  });

  it('through its own screens and Settings ends in the same state as a lab\'s shell commands', async () => {
    const viaScreens = boot();
    const pkg = await installSample(viaScreens, 'thetruthspy');
    await launch(viaScreens, pkg);
    viaScreens.ui.setText(findAll(viaScreens, { id: `${pkg}:id/account_email` })[0]!.uid, 'abuser@example.org');
    tap(viaScreens, `${pkg}:id/start_monitoring`);
    await waitForNode(viaScreens, { text: 'Monitoring started' });
    tap(viaScreens, `${pkg}:id/enable_accessibility`);
    tap(viaScreens, 'android:id/switch_widget');
    tap(viaScreens, 'android:id/button1');
    await waitForNode(viaScreens, { id: `${pkg}:id/enable_notification_access` });
    tap(viaScreens, `${pkg}:id/enable_notification_access`);
    tap(viaScreens, 'android:id/switch_widget');
    tap(viaScreens, 'android:id/button1');
    await waitForNode(viaScreens, { id: `${pkg}:id/activate_admin` });
    tap(viaScreens, `${pkg}:id/activate_admin`);
    tap(viaScreens, 'com.android.settings:id/action_button');
    await waitForNode(viaScreens, { id: `${pkg}:id/hide_icon_switch` });
    tap(viaScreens, `${pkg}:id/hide_icon_switch`);

    const viaShell = boot();
    await installSample(viaShell, 'thetruthspy');
    await shell(viaShell, `settings put secure enabled_accessibility_services ${pkg}/${pkg}.service.SystemAccessibilityService`);
    await shell(viaShell, `settings put secure accessibility_enabled 1`);
    await shell(viaShell, `cmd notification allow_listener ${pkg}/${pkg}.service.NotificationSyncService`);
    await shell(viaShell, `dpm set-active-admin ${pkg}/.receiver.DeviceAdminReceiver`);
    // Starting a non-exported service and disabling a component are refused to the shell uid:
    // a lab needs `adb root` (service.adb.root=1 on a debuggable image) for these two.
    viaShell.setProp('service.adb.root', '1');
    await shell(viaShell, `am start-foreground-service -n ${pkg}/.service.SyncService`);
    await shell(viaShell, `pm disable ${pkg}/.ui.SetupActivity`);

    // The last tap's effects run on zero-delay app timers: wait (bounded) for them to land.
    await vi.waitFor(() => expect(stateOf(viaScreens, pkg)).toEqual(stateOf(viaShell, pkg)), { timeout: 5_000, interval: 10 });
    expect(stateOf(viaScreens, pkg).services).toEqual([`${pkg}.service.NotificationSyncService`, `${pkg}.service.SyncService`, `${pkg}.service.SystemAccessibilityService`]);
    // Android 10+ keeps a synthesized icon for an app that requests permissions and hid its own
    // (LauncherAppsService.shouldShowSyntheticActivity); its collecting service writes log lines.
    viaScreens.ui.pressKey(3);
    expect(findAll(viaScreens, { desc: 'System Service' })).toHaveLength(1);
    await vi.waitFor(() => expect(viaScreens.readLog().some((entry) => entry.tag === 'SyncService' && entry.priority === 'D')).toBe(true), { timeout: 5_000, interval: 10 });
  });
});

describe('threat actions', () => {
  it('Remove asks the package installer, then the app is gone and leaves the results', async () => {
    const device = boot();
    const sample = (await readDemoSamples()).find((entry) => entry.id === 'mspy')!;
    await device.installApk(await readFile(sample.apk), { ...INSTALL, grantRuntimePermissions: true });
    const product = await readProduct('sentinel');
    await device.installApk(await readFile(product.apk.file), INSTALL);
    await launch(device, product.package);
    await runSteps(device, [...product.flows.onboarding, ...product.flows.scan]);
    expect(findAll(device, { id: `${product.package}:id/threat_package` }).map((node) => node.text)).toEqual([sample.packageName]);
    tap(device, `${product.package}:id/threat_remove`);
    expect(findAll(device, { id: 'android:id/message' })[0]?.text).toBe('Do you want to uninstall this app?');
    expect(findAll(device, { id: 'android:id/alertTitle' })[0]?.text).toBe(sample.label);
    tap(device, 'android:id/button1');
    await waitForNode(device, { id: `${product.package}:id/no_threats` });
    expect(device.packages.get(sample.packageName)).toBeUndefined();
    expect(device.ui.focusedWindow().packageName).toBe(product.package);
  });
});

describe('faults a behaviour file asks for', () => {
  async function notesWith(faults: Record<string, string>): Promise<{ device: VirtualAndroidDevice; controller: AppController }> {
    const device = boot();
    const sample = (await readDemoSamples()).find((entry) => entry.id === 'pocket-notes')!;
    await device.installApk(await readFile(sample.apk), INSTALL);
    const text = JSON.stringify({ ...JSON.parse(await readFile(`${SCENARIOS_DIR}fixtures/clean-pocket-notes/assets/stalkerbench-behaviour.json`, 'utf8')), faults });
    const loaded = parseBehaviour(text);
    if (loaded.kind !== 'ok') throw new Error('the test behaviour must be valid');
    await launch(device, sample.packageName);
    return { device, controller: new AppController(device, device.apps.broker, sample.packageName, loaded.behaviour) };
  }

  it('hangOnEvent: the screen stays but no tap does anything', async () => {
    const { device, controller } = await notesWith({ hangOnEvent: 'save' });
    controller.handleEvent('save');
    expect(controller.hung).toBe(true);
    tap(device, 'org.example.pocketnotes:id/new_note');
    expect(findAll(device, { id: 'org.example.pocketnotes:id/note_text' })).toHaveLength(0);
    expect(findAll(device, { id: 'org.example.pocketnotes:id/note_list' })).toHaveLength(1);
    controller.stop();
  });

  it('crashOnEvent: the process dies without a dialog the first time; crashing again after a relaunch shows "keeps stopping"', async () => {
    const { device, controller } = await notesWith({ crashOnEvent: 'save' });
    controller.handleEvent('save');
    await settle();
    expect(findAll(device, { id: 'android:id/alertTitle' })).toHaveLength(0);
    expect(device.processes.byPackage('org.example.pocketnotes')).toBeUndefined();
    expect(device.readLog().some((entry) => entry.buffer === 'crash' && entry.tag === 'AndroidRuntime' && entry.message === 'FATAL EXCEPTION: main')).toBe(true);
    expect(device.ui.focusedWindow().packageName).toBe('com.android.launcher3');
    await launch(device, 'org.example.pocketnotes');
    controller.handleEvent('save');
    await settle();
    expect(findAll(device, { id: 'android:id/alertTitle' })[0]?.text).toBe('Pocket Notes keeps stopping');
    tap(device, 'android:id/aerr_close');
    await settle();
    expect(device.ui.focusedWindow().packageName).toBe('com.android.launcher3');
  });
});
