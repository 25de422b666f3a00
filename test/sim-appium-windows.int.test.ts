/**
 * Which windows UiAutomator2 sees, through the whole stack (WebdriverIO → real Appium → UiAutomator2 driver →
 * real adb → the virtual emulator's server), on the trust product WatchTower (test/fixtures/trust/products/
 * overlay.yaml) and the mSpy stand-in: the active window only by default (nothing behind a dialog by id,
 * XPath or UiSelector; enableMultiWindows opens id and XPath, never UiSelector), no navigation bar, a toast
 * in the page source and XPath only and only for 3.5 s, no empty resource-id/content-desc, bare ids
 * completed with the server's own package, the soft keyboard eating taps until hidden (and the harness's
 * flow hiding it), a heads-up banner and an overlay alert that are not in the tree yet take taps.
 * Sessions use the harness's own capabilities (no appPackage). Ports: 1700–1703 (H3's block).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';
import { acceptPermissionDialogs } from '../harness/appium/permission-dialogs.ts';
import { runFlow, type FlowContext } from '../harness/appium/flow-interpreter.ts';
import { buildCapabilities } from '../harness/appium/index.ts';
import { readDialogs } from '../harness/round/watch-alerts.ts';
import { loadProductProfile, type ResolvedProduct } from '../harness/config/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createSimEnvironment, pollFor, startAppium, type AppiumServer, type SimEnvironment } from './support/index.ts';
import type { LaunchedEmulator } from './support/index.ts';

const PORT_BASE = 1_700; // emulator console, its adb port, Appium, the UiAutomator2 server's systemPort
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'];
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const PRODUCT = 'com.watchtower.security';
const id = (name: string): string => `${PRODUCT}:id/${name}`;

let sim: SimEnvironment;
let emulator: LaunchedEmulator;
let appium: AppiumServer;
let driver: WebdriverIO.Browser;
let profile: ResolvedProduct;

async function adb(...args: string[]): Promise<string> {
  const result = await sim.server.adb(['-s', emulator.serial, ...args]);
  if (result.exitCode !== 0) throw new Error(`adb ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function count(using: string, value: string): Promise<number> {
  return (await driver.findElements(using, value)).length;
}

async function first(using: string, value: string): Promise<string> {
  const found = await pollFor(`${using}=${value}`, async () => (await driver.findElements(using, value))[0], { budgetMs: 10_000, intervalMs: 100 });
  return found[ELEMENT];
}

async function withAllWindows<T>(read: () => Promise<T>): Promise<T> {
  await driver.updateSettings({ enableMultiWindows: true });
  try {
    return await read();
  } finally {
    await driver.updateSettings({ enableMultiWindows: false });
  }
}

async function tapAt(x: number, y: number): Promise<void> {
  await driver.action('pointer', { parameters: { pointerType: 'touch' } }).move({ x: Math.round(x), y: Math.round(y) }).down().pause(50).up().perform();
}

function flowContext(): FlowContext {
  return { driver, defaultStepTimeoutMs: 10_000, autoAcceptPermissionDialogs: true, signal: new AbortController().signal, capture: async () => undefined, values: new Map(), pollIntervalMs: 100 };
}

beforeAll(async () => {
  sim = await createSimEnvironment();
  emulator = await sim.boot({ port: PORT_BASE, flags: FLAGS });
  appium = await startAppium({ port: PORT_BASE + 2, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
  profile = await loadProductProfile(join(REPO_ROOT, 'test/fixtures/trust/products/overlay.yaml'));
  // mSpy's stand-in first: WatchTower's scan finds it and covers its results with a dialog.
  await adb('install', '-g', join(REPO_ROOT, 'scenarios/apks/stalkerware-mspy.apk'));
  await adb('install', profile.apk.file);
  await adb('shell', 'appops', 'set', PRODUCT, 'SYSTEM_ALERT_WINDOW', 'allow');
  driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: { ...buildCapabilities({ udid: emulator.serial, adbPort: sim.server.port, systemPort: PORT_BASE + 3, preparedSnapshot: false, preparingAttempt: 1 }), 'appium:newCommandTimeout': 120 },
  });
  await driver.execute('mobile: activateApp', { appId: PRODUCT });
  await driver.elementClick(await first('id', id('get_started')));
  await pollFor('the notification permission dialog', async () => ((await acceptPermissionDialogs(driver, 1)) > 0 ? true : undefined), { budgetMs: 10_000, intervalMs: 100 });
  await first('id', id('status_text'));
}, 240_000);

afterAll(async () => {
  await driver?.deleteSession().catch(() => undefined);
  await appium?.stop();
  await sim?.dispose();
});

describe('UiAutomator2 windows through Appium on the virtual emulator', () => {
  it('completes a bare id with the server package (no appPackage capability), never the app in front', async () => {
    expect(await count('id', 'status_text')).toBe(0);
    expect(await count('id', id('status_text'))).toBe(1);
  });

  it('does not see the navigation bar, the status bar or empty resource-id/content-desc attributes', async () => {
    expect(await count('accessibility id', 'Back')).toBe(0);
    expect(await count('xpath', "//*[@resource-id='com.android.systemui:id/clock']")).toBe(0);
    const source = await driver.getPageSource();
    expect(source).toContain('Watching this phone');
    expect(source).not.toContain('com.android.systemui');
    expect(source).not.toMatch(/resource-id=""|content-desc=""/);
    expect(source).toMatch(/<hierarchy [^>]*>\s*<android\.widget\.FrameLayout [^>]*package="com\.watchtower\.security"/);
  });

  it('shows a toast in the page source and XPath only, answers getText while it is kept, and drops it after 3.5 s', async () => {
    await driver.elementClick(await first('id', id('update_button')));
    const toast = await first('xpath', '//android.widget.Toast');
    const text = await driver.getElementText(toast);
    expect(text).toMatch(/^Definitions updated to 3\.12$/);
    expect(await driver.getPageSource()).toContain(`text="${text}"`);
    expect(await count('-android uiautomator', `new UiSelector().text("${text}")`)).toBe(0);
    expect(await count('class name', 'android.widget.Toast')).toBe(0);
    // NotificationListener.TOAST_CLEAR_TIMEOUT: the text is dropped 3.5 s after the toast event.
    await delay(3_800);
    expect(await count('xpath', '//android.widget.Toast')).toBe(0);
    expect(await driver.getPageSource()).not.toContain(text);
    await expect(driver.getElementText(toast)).rejects.toMatchObject({ name: expect.stringMatching(/^(stale element reference|no such element)$/) });
  });

  it('lets the soft keyboard take the taps over the app until it is hidden, unseen by default finds', async () => {
    await driver.elementClick(await first('id', id('report_button')));
    expect(await driver.isKeyboardShown()).toBe(false);
    await driver.elementClick(await first('id', id('report_text')));
    expect(await driver.isKeyboardShown()).toBe(true);
    expect(await driver.getPageSource()).not.toContain('com.android.inputmethod.latin');
    expect(await withAllWindows(() => count('id', 'com.android.inputmethod.latin:id/keyboard_view'))).toBe(1);
    // Send report lies under the keyboard: the click lands on a key, the app never gets it.
    const send = await first('id', id('send_report'));
    const keyboard = await withAllWindows(async () => driver.getElementRect(await first('id', 'com.android.inputmethod.latin:id/keyboard_view')));
    const button = await driver.getElementRect(send);
    expect(button.y).toBeGreaterThan(keyboard.y);
    expect(button.y + button.height).toBeLessThan(keyboard.y + keyboard.height);
    await driver.elementClick(send);
    expect(await count('id', id('send_report'))).toBe(1);
    expect(await count('xpath', '//android.widget.Toast')).toBe(0);
    await driver.hideKeyboard();
    expect(await driver.isKeyboardShown()).toBe(false);
    expect(await count('id', id('report_text'))).toBe(1);
    await driver.elementClick(await first('id', id('send_report')));
    expect(await driver.getElementText(await first('xpath', '//android.widget.Toast'))).toBe('Report sent. Thank you!');
    await first('id', id('status_text'));
  });

  it('runs a flow that taps a field, types and taps a button the keyboard would cover', async () => {
    await runFlow('report', [
      { action: 'tap', args: { id: id('report_button') } },
      { action: 'tap', args: { id: id('report_text') } },
      { action: 'type', args: { into: { id: id('report_text') }, text: 'It warned me twice' } },
      { action: 'tap', args: { id: id('send_report') } },
      { action: 'waitFor', args: { id: id('status_text') } },
    ], flowContext());
    expect(await driver.isKeyboardShown()).toBe(false);
  });

  it('finds nothing behind a dialog by id, XPath or UiSelector; enableMultiWindows opens id and XPath, never UiSelector', async () => {
    await driver.elementClick(await first('id', id('scan_button')));
    await first('id', 'android:id/alertTitle');
    expect(await count('id', id('scan_done'))).toBe(0);
    expect(await count('xpath', "//*[@text='Scan finished']")).toBe(0);
    expect(await count('-android uiautomator', 'new UiSelector().text("Scan finished")')).toBe(0);
    await withAllWindows(async () => {
      expect(await count('id', id('scan_done'))).toBe(1);
      expect(await count('xpath', "//*[@text='Scan finished']")).toBe(1);
      expect(await count('-android uiautomator', 'new UiSelector().text("Scan finished")')).toBe(0);
      expect(await count('-android uiautomator', 'new UiSelector().text("Later")')).toBe(1);
    });
    await driver.elementClick(await first('-android uiautomator', 'new UiSelector().text("Later")'));
    expect(await count('id', id('scan_done'))).toBe(1);
    await driver.execute('mobile: pressKey', { keycode: 3 });
  });

  it('raises a heads-up banner and an overlay alert that default finds never see, yet both take taps', async () => {
    await adb('install', '-g', join(REPO_ROOT, 'scenarios/apks/stalkerware-thetruthspy.apk'));
    const banner = await withAllWindows(() => first('xpath', "//*[@resource-id='com.android.systemui:id/expandableNotificationRow']"));
    expect(await count('xpath', "//*[@resource-id='com.android.systemui:id/expandableNotificationRow']")).toBe(0);
    expect(await count('xpath', "//*[@text='Threat found']")).toBe(0);
    expect(await driver.getPageSource()).not.toContain('is spying on this phone');
    // The harness's alert lookup switches enableMultiWindows on around its XPath/id lookups.
    expect(await readDialogs(driver, profile.alerts)).toEqual([{ title: 'Threat found', text: 'System Service (com.systemservice) is spying on this phone' }]);
    expect(await driver.getCurrentPackage()).toBe('com.android.launcher3');
    const rect = await withAllWindows(() => driver.getElementRect(banner));
    await tapAt(rect.x + rect.width / 2, rect.y + rect.height / 2);
    // The tap went to the banner (it opened WatchTower), not to the launcher under it; the banner is gone.
    await pollFor('WatchTower in front', async () => ((await driver.getCurrentPackage()) === PRODUCT ? true : undefined), { budgetMs: 10_000, intervalMs: 100 });
    expect(await withAllWindows(() => count('xpath', "//*[@resource-id='com.android.systemui:id/expandableNotificationRow']"))).toBe(0);
    // The overlay stays over WatchTower's own screen, still outside the active window; its button takes the tap.
    expect(await count('id', 'android:id/button2')).toBe(0);
    const dismiss = await withAllWindows(() => first('id', 'android:id/button2'));
    const box = await withAllWindows(() => driver.getElementRect(dismiss));
    await tapAt(box.x + box.width / 2, box.y + box.height / 2);
    expect(await readDialogs(driver, profile.alerts)).toEqual([]);
    expect(await driver.getCurrentPackage()).toBe(PRODUCT);
  });

  it('dumps only the active window with uiautomator dump, every window with --windows', async () => {
    expect(await adb('shell', 'uiautomator', 'dump', '/data/local/tmp/active.xml')).toBe('UI hierchary dumped to: /data/local/tmp/active.xml\n');
    const active = await adb('shell', 'cat', '/data/local/tmp/active.xml');
    expect(active).toMatch(/^<\?xml[^>]*\?><hierarchy rotation="0"><node index="0" [^>]*package="com\.watchtower\.security"/);
    expect(active).not.toContain('com.android.systemui');
    await adb('shell', 'uiautomator', 'dump', '--windows', '/data/local/tmp/all.xml');
    const all = await adb('shell', 'cat', '/data/local/tmp/all.xml');
    expect(all).toMatch(/^<\?xml[^>]*\?><displays><display id="0"><window [^>]*active="false"[^>]*type="TYPE_SYSTEM"/);
    expect(all).toContain('com.android.systemui:id/navigation_bar_frame');
    expect(all).toMatch(/<window [^>]*active="true"[^>]*type="TYPE_APPLICATION"><hierarchy rotation="0"><node [^>]*package="com\.watchtower\.security"/);
  });
});
