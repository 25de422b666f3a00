/**
 * A stalkerware stand-in set up through its own screens, as an abuser would, with real adb and Appium:
 * runtime permissions through the system dialog, accessibility / notification access / device admin
 * through the Settings pages it opens, the hidden launcher icon, its collecting service and log lines.
 * Then UiAutomation's accessibility suppression: a session without `disableSuppressAccessibilityService`
 * unbinds the service while it runs (the setting keeps listing it); with it, the service stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webdriverio';
import { acceptPermissionDialogs } from '../harness/appium/permission-dialogs.ts';
import { readDemoSamples, type DemoSample } from '../simulator/apps/testing/ground-truth.ts';
import { startAppsStack, type AppsStack } from '../simulator/apps/testing/stack.ts';
import { pollFor } from './support/index.ts';

const PKG = 'com.systemservice';
const A11Y = `${PKG}/${PKG}.service.SystemAccessibilityService`;

let stack: AppsStack;
let sample: DemoSample;

beforeAll(async () => {
  stack = await startAppsStack();
  sample = (await readDemoSamples()).find((entry) => entry.id === 'thetruthspy')!;
  await stack.restore();
  await stack.adb(['install', sample.apk]);
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

async function tap(driver: Browser, selector: string): Promise<void> {
  const element = await driver.$(selector);
  await element.waitForExist({ timeout: 10_000 });
  await element.click();
}

const enabledServices = async (): Promise<string> => (await stack.shell('settings get secure enabled_accessibility_services')).trim();

describe('TheTruthSpy stand-in, set up through its own flow', () => {
  it('ends with its accessibility service enabled, notification access, device admin, hidden icon and a collecting service', async () => {
    const driver = await stack.session();
    await driver.execute('mobile: activateApp', { appId: PKG });
    await (await driver.$(`id=${PKG}:id/account_email`)).setValue('abuser@example.org');
    await (await driver.$(`id=${PKG}:id/account_password`)).setValue('demo-password');
    await tap(driver, `id=${PKG}:id/start_monitoring`);
    // The real PermissionController dialog, once per permission group the app declares.
    expect(await (await driver.$('id=com.android.permissioncontroller:id/permission_message')).getText()).toMatch(/^Allow System Service to /);
    expect(await acceptPermissionDialogs(driver, 20)).toBeGreaterThanOrEqual(5);
    await (await driver.$('android=new UiSelector().text("Monitoring started")')).waitForExist({ timeout: 10_000 });
    expect(await stack.shell(`dumpsys package ${PKG} | grep 'READ_SMS: granted=true'`)).toContain('granted=true');

    await tap(driver, `id=${PKG}:id/enable_accessibility`);
    expect(await driver.getCurrentPackage()).toBe('com.android.settings');
    await tap(driver, 'id=android:id/switch_widget');
    expect(await (await driver.$('id=android:id/alertTitle')).getText()).toBe('Allow System Service to have full control of your device?');
    await tap(driver, 'id=android:id/button1');
    await tap(driver, `id=${PKG}:id/enable_notification_access`);
    await tap(driver, 'id=android:id/switch_widget');
    await tap(driver, 'id=android:id/button1');
    await tap(driver, `id=${PKG}:id/activate_admin`);
    await tap(driver, 'id=com.android.settings:id/action_button');
    await tap(driver, `id=${PKG}:id/hide_icon_switch`);

    expect((await enabledServices()).split(':')).toContain(A11Y);
    expect(await stack.shell('settings get secure enabled_notification_listeners')).toContain(`${PKG}/${PKG}.service.NotificationSyncService`);
    const services = await stack.shell(`dumpsys activity services ${PKG}`);
    expect(services).toContain('.service.SyncService');
    expect(services).toContain('.service.SystemAccessibilityService');
    // "Hidden": its launcher activity is disabled (by the app itself), yet Android 10+ keeps a
    // synthesized App-info icon for an app that requests permissions (LauncherAppsService
    // .shouldShowSyntheticActivity); tapping it never opens the app's own screens.
    expect(await stack.shell(`dumpsys package ${PKG}`)).toContain(`disabledComponents:\n        ${PKG}.ui.SetupActivity\n`);
    await driver.execute('mobile: pressKey', { keycode: 3 });
    await pollFor('the launcher', async () => ((await driver.getCurrentPackage()) === 'com.android.launcher3' ? true : undefined), { budgetMs: 10_000 });
    await (await driver.$('~System Service')).click();
    expect(await driver.getCurrentPackage()).not.toBe(PKG);
    // It "collects": its service writes log lines.
    const lines = await pollFor('collecting log lines', async () => {
      const log = await stack.adb(['logcat', '-d', '-s', 'SyncService']);
      return log.includes('uploading') || log.includes('location') ? log : undefined;
    }, { budgetMs: 10_000, intervalMs: 500 });
    expect(lines).toMatch(/D SyncService: /);
    await stack.end(driver);
  }, 120_000);

  it('keeps its accessibility service while a session with disableSuppressAccessibilityService runs', async () => {
    const driver = await stack.session();
    expect((await enabledServices()).split(':')).toContain(A11Y);
    expect(await driver.execute('mobile: shell', { command: 'dumpsys', args: ['activity', 'services', PKG] })).toContain('SystemAccessibilityService');
    await stack.end(driver);
  }, 60_000);

  it('loses it while a session without the flag runs, and gets it back when the session ends', async () => {
    const driver = await stack.session({ suppressAccessibility: true });
    // As on Android: the setting still lists the service, but the system has unbound it.
    expect((await enabledServices()).split(':')).toContain(A11Y);
    expect(await stack.shell(`dumpsys activity services ${PKG}`)).not.toContain('SystemAccessibilityService');
    expect(await stack.shell('dumpsys accessibility')).toMatch(/Bound services:\{\}/);
    await stack.end(driver);
    await pollFor('the service bound again', async () => ((await stack.shell(`dumpsys activity services ${PKG}`)).includes('SystemAccessibilityService') ? true : undefined), { budgetMs: 10_000 });
    expect(await stack.shell('dumpsys accessibility')).toMatch(/Bound services:\{Service\[label=com\.systemservice/);
  }, 60_000);
});
