/**
 * An app built for an old Android (the HelloSpy stand-in targets 22) on the virtual API 33 phone, with
 * real adb, Appium and WebdriverIO: the permission review replaces its first start when installed
 * without -g, the deprecated-target warning of system_server covers it (only that dialog is in the
 * tree: the app behind is not the active window), and the harness's acceptPermissionDialogs gets
 * past both in its one lookup, as an abuser setting the sample up would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptPermissionDialogs } from '../harness/appium/permission-dialogs.ts';
import { readDemoSamples, type DemoSample } from '../simulator/apps/testing/ground-truth.ts';
import { startAppsStack, type AppsStack } from '../simulator/apps/testing/stack.ts';

const PKG = 'com.googlesettings.setting';
const PC = 'com.android.permissioncontroller:id/';

let stack: AppsStack;
let sample: DemoSample;

beforeAll(async () => {
  stack = await startAppsStack();
  sample = (await readDemoSamples()).find((entry) => entry.id === 'hellospy')!;
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

describe('HelloSpy (targetSdk 22) on API 33', () => {
  it('installed without -g: the review, then the warning; acceptPermissionDialogs passes both and the app is in front', async () => {
    await stack.restore();
    await stack.adb(['install', sample.apk]);
    expect(await stack.shell(`am start -W -n ${PKG}/.LoginActivity`)).toContain('Activity: com.google.android.permissioncontroller/com.android.permissioncontroller.permission.ui.ReviewPermissionsActivity');
    const driver = await stack.session();
    expect(await (await driver.$(`id=${PC}permissions_message`)).getText()).toBe('Choose what to allow Google Settings to access');
    expect(await acceptPermissionDialogs(driver, 1)).toBe(1);
    // system_server's dialog is the active window: the app's field behind it is not found.
    expect(await (await driver.$('id=android:id/message')).getText()).toMatch(/^This app was built for an older version of Android/);
    expect(await (await driver.$(`id=${PKG}:id/license_key`)).isExisting()).toBe(false);
    expect(await acceptPermissionDialogs(driver, 5)).toBe(1);
    await (await driver.$(`id=${PKG}:id/license_key`)).waitForExist({ timeout: 10_000 });
    const dump = await stack.shell(`dumpsys package ${PKG}`);
    expect(dump).toContain('android.permission.READ_SMS: granted=true');
    expect(dump).not.toContain('REVIEW_REQUIRED');
    await stack.end(driver);
  }, 180_000);

  it('installed with -g (the catalogue\'s grantRuntimePermissions: all): no review, the warning once until OK', async () => {
    await stack.restore();
    await stack.adb(['install', '-g', sample.apk]);
    await stack.shell(`am start -W -n ${PKG}/.LoginActivity`);
    const driver = await stack.session();
    expect(await (await driver.$('id=android:id/alertTitle')).getText()).toBe('Google Settings');
    expect(await acceptPermissionDialogs(driver, 5)).toBe(1);
    await (await driver.$(`id=${PKG}:id/license_key`)).waitForExist({ timeout: 10_000 });
    await stack.shell(`am force-stop ${PKG}`);
    await stack.shell(`am start -W -n ${PKG}/.LoginActivity`);
    await (await driver.$(`id=${PKG}:id/license_key`)).waitForExist({ timeout: 10_000 });
    expect(await acceptPermissionDialogs(driver, 5)).toBe(0);
    await stack.end(driver);
  }, 180_000);
});
