/**
 * An app built for an old Android (the HelloSpy fixture targets 22) started on an in-process API 33
 * device: the permission review replaces its first start unless installed with -g, and the
 * deprecated-target warning covers it until "OK" (old-app-warnings.ts).
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualDevice, type VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import type { DeviceProfile } from '../../device/contracts.ts';
import { PACKAGES_WARNINGS_PATH } from '../../device/app-warnings.ts';
import { flagsOf } from '../../device/permission-flags.ts';
import { shellOutput as shell } from '../../shell/testing/run-shell.ts';
import { FAST_APPS_SETTING } from '../app-delays.ts';
import { SCENARIOS_DIR } from '../testing/ground-truth.ts';
import { findAll } from '../testing/ui-flow-driver.ts';
import { DEPRECATED_TARGET_MESSAGE } from './old-app-screens.ts';

const API33: DeviceProfile = { avdName: 'a33', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64', device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420 };
const HELLOSPY = 'com.googlesettings.setting';
const LOGIN = `${HELLOSPY}/.LoginActivity`;
const PC = 'com.android.permissioncontroller:id/';

const devices: VirtualAndroidDevice[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});

async function bootWithHelloSpy(grantAll: boolean): Promise<VirtualAndroidDevice> {
  const device = createVirtualDevice({ profile: API33, serial: 'emulator-5554', bootDelayMs: 0 });
  devices.push(device);
  device.putSetting('global', FAST_APPS_SETTING, '1');
  const apk = await readFile(`${SCENARIOS_DIR}apks/stalkerware-hellospy.apk`);
  expect(await device.installApk(apk, { replace: true, grantRuntimePermissions: grantAll, allowDowngrade: false, allowTest: false })).toMatchObject({ ok: true });
  return device;
}

/** Lets the system screens react (their work continues after the current tick). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The broker notices BACK by polling the front window (every 100 ms). */
async function waitForFocus(device: VirtualAndroidDevice, expected: string): Promise<void> {
  for (let tries = 0; tries < 50 && focused(device) !== expected; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
}

function tap(device: VirtualAndroidDevice, selector: { id?: string; text?: string }): void {
  const node = findAll(device, selector)[0];
  if (!node) throw new Error(`${JSON.stringify(selector)} not on screen`);
  device.ui.click(node.uid);
}

function focused(device: VirtualAndroidDevice): string {
  const window = device.ui.focusedWindow();
  return `${window.packageName}/${window.activity}`;
}

describe('the permission review of an app targeting 22 (installed without -g)', () => {
  it('replaces the start; Continue applies the switches and starts the app, which meets the warning', async () => {
    const device = await bootWithHelloSpy(false);
    const started = await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    expect(started).toContain('Activity: com.google.android.permissioncontroller/com.android.permissioncontroller.permission.ui.ReviewPermissionsActivity');
    expect(focused(device)).toBe('com.google.android.permissioncontroller/com.android.permissioncontroller.permission.ui.ReviewPermissionsActivity');
    expect(device.processes.byPackage(HELLOSPY)).toBeUndefined();
    expect(findAll(device, { id: `${PC}permissions_message` })[0]?.text).toBe('Choose what to allow Google Settings to access');
    const record = device.packages.get(HELLOSPY)!;
    expect(flagsOf(record, 'android.permission.CAMERA')).toEqual(['REVIEW_REQUIRED', 'REVOKED_COMPAT']);

    tap(device, { text: 'Camera' });
    tap(device, { id: `${PC}continue_button` });
    await settle();
    expect(focused(device)).toBe('android/DeprecatedTargetSdkVersionDialog');
    expect(findAll(device, { id: 'android:id/alertTitle' })[0]?.text).toBe('Google Settings');
    expect(findAll(device, { id: 'android:id/message' })[0]?.text).toBe(DEPRECATED_TARGET_MESSAGE);
    expect(findAll(device, { id: 'android:id/button3' })).toHaveLength(0);
    expect(device.processes.byPackage(HELLOSPY)).toBeDefined();
    const reviewed = device.packages.get(HELLOSPY)!;
    expect(reviewed.grantedRuntime).not.toContain('android.permission.CAMERA');
    expect(reviewed.grantedRuntime).toContain('android.permission.READ_SMS');
    expect(flagsOf(reviewed, 'android.permission.READ_SMS')).toEqual(['USER_SET']);
    expect(await shell(device, `dumpsys package ${HELLOSPY}`)).not.toContain('REVIEW_REQUIRED');

    tap(device, { id: 'android:id/button1' });
    await settle();
    expect(focused(device)).toBe(`${HELLOSPY}/${HELLOSPY}.LoginActivity`);
    expect(device.fs.read(PACKAGES_WARNINGS_PATH)?.toString()).toContain(`<package name="${HELLOSPY}" flags="4" />`);
    await shell(device, `am force-stop ${HELLOSPY}`);
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    expect(focused(device)).toBe(`${HELLOSPY}/${HELLOSPY}.LoginActivity`);
  });

  it('Cancel drops the start: the app does not run and the next start asks again', async () => {
    const device = await bootWithHelloSpy(false);
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    tap(device, { id: `${PC}cancel_button` });
    await settle();
    expect(focused(device)).toMatch(/^com\.android\.launcher3\//);
    expect(device.processes.byPackage(HELLOSPY)).toBeUndefined();
    expect(flagsOf(device.packages.get(HELLOSPY)!, 'android.permission.READ_SMS')).toContain('REVIEW_REQUIRED');
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    expect(findAll(device, { id: `${PC}continue_button` })).toHaveLength(1);
  });

  it('pm grant does not end the review of an app targeting 22', async () => {
    const device = await bootWithHelloSpy(false);
    await shell(device, `pm grant ${HELLOSPY} android.permission.READ_SMS`);
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    expect(findAll(device, { id: `${PC}continue_button` })).toHaveLength(1);
  });
});

describe('the deprecated-target warning (installed with -g: no review)', () => {
  it('covers the app on each start until OK; BACK only dismisses it', async () => {
    const device = await bootWithHelloSpy(true);
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    expect(focused(device)).toBe('android/DeprecatedTargetSdkVersionDialog');
    expect(findAll(device, { id: `${HELLOSPY}:id/license_key` })).toHaveLength(0);
    await shell(device, 'input keyevent 4');
    await waitForFocus(device, `${HELLOSPY}/${HELLOSPY}.LoginActivity`);
    expect(focused(device)).toBe(`${HELLOSPY}/${HELLOSPY}.LoginActivity`);
    expect(device.fs.read(PACKAGES_WARNINGS_PATH)).toBeUndefined();

    await shell(device, `am force-stop ${HELLOSPY}`);
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    expect(focused(device)).toBe('android/DeprecatedTargetSdkVersionDialog');
    tap(device, { id: 'android:id/button1' });
    await settle();
    expect(findAll(device, { id: `${HELLOSPY}:id/license_key` })).toHaveLength(1);
  });

  it('uninstalling the app forgets that OK was tapped', async () => {
    const device = await bootWithHelloSpy(true);
    await shell(device, `am start -W -n ${LOGIN}`);
    await settle();
    tap(device, { id: 'android:id/button1' });
    await settle();
    await shell(device, `pm uninstall ${HELLOSPY}`);
    expect(device.fs.read(PACKAGES_WARNINGS_PATH)?.toString()).not.toContain(HELLOSPY);
  });
});
