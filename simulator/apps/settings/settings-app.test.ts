/**
 * Settings' special-access pages on an in-process virtual device, with an APK built here by the real
 * aapt/apksigner that declares every special access: each page lists only apps that declare it, each
 * switch writes what `appops`/`settings`/`dumpsys` then read, and a sideloaded app (installed through
 * the package installer's APK view) meets Android 13's restricted settings until App info allows them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSpecialAccessApk, SPECIAL_PACKAGE } from '../../../test/support/special-access-apk.ts';
import type { VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import { bootDevice, type ShellResult } from '../../shell/testing/run-shell.ts';
import { findAll, waitForNode } from '../testing/ui-flow-driver.ts';

let dir: string;
let apk: Buffer;
const devices: VirtualAndroidDevice[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-settings-'));
  apk = await readSpecialAccessApk(dir);
}, 120_000);
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function boot(): Promise<{ device: VirtualAndroidDevice; sh: (line: string, stdin?: Buffer) => Promise<ShellResult> }> {
  const booted = await bootDevice();
  devices.push(booted.device);
  return { device: booted.device, sh: (line, stdin) => booted.sh(line, stdin === undefined ? {} : { stdin }) };
}

type Selector = { text?: string; textContains?: string; desc?: string; id?: string };

async function tap(device: VirtualAndroidDevice, selector: Selector): Promise<void> {
  device.ui.click((await waitForNode(device, selector, 2000)).uid);
}

function shown(device: VirtualAndroidDevice, selector: Selector): boolean {
  return findAll(device, selector).length > 0;
}

describe('Settings special-access pages (adb install: not restricted)', () => {
  it('grants each access through its page and writes the state adb reads', async () => {
    const { device, sh } = await boot();
    expect((await sh(`pm install -S ${apk.length}`, apk)).stdout).toBe('Success\n');
    expect((await sh(`appops get ${SPECIAL_PACKAGE} ACCESS_RESTRICTED_SETTINGS`)).stdout).toBe('No operations.\n');

    await sh('am start -a android.settings.MANAGE_ALL_FILES_ACCESS_PERMISSION');
    await tap(device, { text: 'Special Helper' });
    await tap(device, { text: 'Allow access to manage all files' });
    expect((await sh(`appops get ${SPECIAL_PACKAGE} MANAGE_EXTERNAL_STORAGE`)).stdout).toMatch(/^MANAGE_EXTERNAL_STORAGE: allow;/);
    expect(findAll(device, { text: 'Allow access to manage all files' })[0]?.checked).toBe(true);

    await sh(`am start -a android.settings.USAGE_ACCESS_SETTINGS -d package:${SPECIAL_PACKAGE}`);
    await tap(device, { text: 'Permit usage access' });
    expect((await sh(`appops get ${SPECIAL_PACKAGE} GET_USAGE_STATS`)).stdout).toMatch(/^GET_USAGE_STATS: allow;/);

    await sh(`am start -a android.settings.action.MANAGE_OVERLAY_PERMISSION -d package:${SPECIAL_PACKAGE}`);
    expect(shown(device, { text: 'Display over other apps' })).toBe(true);
    await tap(device, { text: 'Special Helper' });
    await tap(device, { text: 'Allow display over other apps' });
    expect((await sh(`appops get ${SPECIAL_PACKAGE} SYSTEM_ALERT_WINDOW`)).stdout).toMatch(/^SYSTEM_ALERT_WINDOW: allow;/);

    await sh('am start -a android.settings.ACCESSIBILITY_SETTINGS');
    expect(shown(device, { text: 'Downloaded apps' })).toBe(true);
    await tap(device, { text: 'Special Helper' });
    await tap(device, { text: 'Use Special Helper' });
    await tap(device, { text: 'Deny' });
    expect((await sh('settings get secure enabled_accessibility_services')).stdout).not.toContain(SPECIAL_PACKAGE);
    expect(findAll(device, { text: 'Use Special Helper' })[0]?.checked).toBe(false);
    await tap(device, { text: 'Use Special Helper' });
    expect(shown(device, { text: 'Allow Special Helper to have full control of your device?' })).toBe(true);
    await tap(device, { text: 'Allow' });
    expect((await sh('settings get secure enabled_accessibility_services')).stdout.trim()).toBe(`${SPECIAL_PACKAGE}/${SPECIAL_PACKAGE}.Access`);

    await sh('am start -a android.settings.ACTION_NOTIFICATION_LISTENER_SETTINGS');
    await tap(device, { text: 'Special Helper' });
    await tap(device, { text: 'Allow notification access' });
    await tap(device, { text: 'Allow' });
    expect((await sh('settings get secure enabled_notification_listeners')).stdout).toContain(`${SPECIAL_PACKAGE}/${SPECIAL_PACKAGE}.Listener`);

    await sh(`am start -a android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS -d package:${SPECIAL_PACKAGE}`);
    expect(shown(device, { text: 'Let app always run in background?' })).toBe(true);
    await tap(device, { text: 'Allow' });
    expect((await sh('cmd deviceidle whitelist')).stdout).toMatch(new RegExp(`^user,${SPECIAL_PACKAGE.replace(/\./g, '\\.')},\\d+$`, 'm'));

    await sh(`am start -a android.app.action.ADD_DEVICE_ADMIN --ecn android.app.extra.DEVICE_ADMIN ${SPECIAL_PACKAGE}/.Admin`);
    await tap(device, { text: 'Activate this device admin app' });
    expect((await sh('dumpsys device_policy')).stdout).toContain(`${SPECIAL_PACKAGE}/.Admin`);

    await sh(`am start -a android.settings.APPLICATION_DETAILS_SETTINGS -d package:${SPECIAL_PACKAGE}`);
    expect(shown(device, { desc: 'More options' })).toBe(false);
    await tap(device, { text: 'Notifications' });
    await tap(device, { text: 'All Special Helper notifications' });
    expect((await sh(`dumpsys package ${SPECIAL_PACKAGE}`)).stdout).toMatch(/android\.permission\.POST_NOTIFICATIONS: granted=true, flags=\[ USER_SET/);
  });

  it('lists only apps that declare the access', async () => {
    const { device, sh } = await boot();
    await sh('am start -a android.settings.MANAGE_ALL_FILES_ACCESS_PERMISSION');
    expect(shown(device, { text: 'No apps' })).toBe(true);
    expect((await sh(`pm install -S ${apk.length}`, apk)).stdout).toBe('Success\n');
    await sh('am start -a android.settings.IGNORE_BATTERY_OPTIMIZATION_SETTINGS');
    await tap(device, { text: 'Special Helper' });
    await tap(device, { textContains: 'Don’t optimize' });
    await tap(device, { text: 'Done' });
    expect((await sh('dumpsys deviceidle whitelist')).stdout).toContain(`user,${SPECIAL_PACKAGE},`);
    expect(shown(device, { text: 'Not optimized' })).toBe(true);
  });
});

describe('Android 13 restricted settings (installed from a file)', () => {
  it('refuses accessibility and notification access until App info allows restricted settings', async () => {
    const { device, sh } = await boot();
    device.fs.write('/sdcard/Download/special.apk', apk);
    await sh('am start -a android.intent.action.VIEW -d file:///sdcard/Download/special.apk -t application/vnd.android.package-archive');
    expect(shown(device, { textContains: 'isn’t allowed to install unknown apps from this source' })).toBe(true);
    await tap(device, { text: 'Settings' });
    await tap(device, { text: 'Allow from this source' });
    expect(shown(device, { text: 'Do you want to install this app?' })).toBe(true);
    await tap(device, { text: 'Install' });
    await waitForNode(device, { text: 'App installed.' }, 3000);
    await tap(device, { text: 'Done' });
    expect((await sh(`appops get ${SPECIAL_PACKAGE} ACCESS_RESTRICTED_SETTINGS`)).stdout).toMatch(/^ACCESS_RESTRICTED_SETTINGS: deny;/);
    expect((await sh(`dumpsys package ${SPECIAL_PACKAGE}`)).stdout).toContain('installerPackageName=com.google.android.packageinstaller');

    await sh('am start -a android.settings.ACCESSIBILITY_SETTINGS');
    expect(shown(device, { text: 'Restricted setting' })).toBe(true);
    await tap(device, { text: 'Special Helper' });
    expect(shown(device, { text: 'For your security, this setting is currently unavailable.' })).toBe(true);
    await tap(device, { text: 'OK' });
    expect((await sh('settings get secure enabled_accessibility_services')).stdout).not.toContain(SPECIAL_PACKAGE);
    expect((await sh(`appops get ${SPECIAL_PACKAGE} ACCESS_RESTRICTED_SETTINGS`)).stdout).toMatch(/^ACCESS_RESTRICTED_SETTINGS: ignore;/);

    await sh('am start -a android.settings.ACTION_NOTIFICATION_LISTENER_SETTINGS');
    await tap(device, { text: 'Special Helper' });
    expect(shown(device, { text: 'For your security, this setting is currently unavailable.' })).toBe(true);
    await tap(device, { text: 'OK' });
    expect((await sh('settings get secure enabled_notification_listeners')).stdout).not.toContain(SPECIAL_PACKAGE);

    await sh(`am start -a android.settings.APPLICATION_DETAILS_SETTINGS -d package:${SPECIAL_PACKAGE}`);
    await tap(device, { desc: 'More options' });
    await tap(device, { text: 'Allow restricted settings' });
    expect((await sh(`appops get ${SPECIAL_PACKAGE} ACCESS_RESTRICTED_SETTINGS`)).stdout).toMatch(/^ACCESS_RESTRICTED_SETTINGS: allow;/);
    expect(shown(device, { desc: 'More options' })).toBe(false);

    await sh('am start -a android.settings.ACCESSIBILITY_SETTINGS');
    await tap(device, { text: 'Special Helper' });
    await tap(device, { text: 'Use Special Helper' });
    await tap(device, { text: 'Allow' });
    expect((await sh('settings get secure enabled_accessibility_services')).stdout.trim()).toBe(`${SPECIAL_PACKAGE}/${SPECIAL_PACKAGE}.Access`);
  });

  it('also refuses the page an app opens itself ("open settings" in its own screen) while restricted', async () => {
    const { device, sh } = await boot();
    device.fs.write('/sdcard/Download/special.apk', apk);
    await sh(`appops set com.android.shell REQUEST_INSTALL_PACKAGES allow`);
    await sh('am start -a android.intent.action.VIEW -d file:///sdcard/Download/special.apk');
    await tap(device, { text: 'Install' });
    await tap(device, { text: 'Done' });
    let granted = false;
    const asked = device.apps.broker.openSpecialAccess(SPECIAL_PACKAGE, 'accessibility', new AbortController().signal, () => { granted = true; });
    await tap(device, { id: 'android:id/switch_widget' });
    expect(shown(device, { text: 'Restricted setting' })).toBe(true);
    expect(shown(device, { textContains: 'full control' })).toBe(false);
    await tap(device, { text: 'OK' });
    expect(await asked).toBe(false);
    expect(granted).toBe(false);
    expect((await sh(`appops get ${SPECIAL_PACKAGE} ACCESS_RESTRICTED_SETTINGS`)).stdout).toMatch(/^ACCESS_RESTRICTED_SETTINGS: ignore;/);
  });
});

