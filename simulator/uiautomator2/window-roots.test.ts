/**
 * Which windows each kind of find and the page source see, on the real device UI: the active window only by
 * default, every window with enableMultiWindows (except UiSelector), overlays never active, the last toast
 * in the page source and XPath only for 3.5 s, invisible views only with allowInvisibleElements.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { UiNode } from '../ui/contracts.ts';
import { createDeviceUi } from '../ui/device-ui.ts';
import type { SimulatedDeviceUi } from '../ui/simulated-device-ui.ts';
import { createTestHost, TEST_PROFILE } from '../ui/testing/create-test-host.ts';
import { findElements, type FinderEnvironment } from './find-elements.ts';
import { createDefaultSettings, type SettingsValue } from './session-settings.ts';
import { formatSourceXml } from './source-xml.ts';
import { buildSnapshotRoot, withoutInvisible } from './window-roots.ts';
import { XPathDocumentCache } from './xpath/xpath-document-cache.ts';

const APP = 'com.example.app';
const display = { width: TEST_PROFILE.screenWidth, height: TEST_PROFILE.screenHeight, rotation: 0 };
let now = Date.UTC(2026, 0, 1, 9, 41);
let ui: SimulatedDeviceUi;
let settings: Record<string, SettingsValue>;
let env: FinderEnvironment;

beforeEach(() => {
  const host = createTestHost(TEST_PROFILE, () => now);
  host.addPackage(APP, 'Example');
  ui = createDeviceUi(host);
  ui.showScreen(APP, { title: 'Results', widgets: [{ kind: 'Button', id: 'scan', text: 'Scan now' }] });
  settings = createDefaultSettings();
  env = {
    hierarchy: () => ui.hierarchy(), windows: () => ui.windows(), lastToast: () => ui.lastToast(), settings: () => settings,
    idCompletionPackage: () => APP, swipe: (...args) => ui.swipe(...args), display, xpathDocuments: new XPathDocumentCache(),
  };
});

const texts = (nodes: UiNode[]): string[] => nodes.map((node) => node.text || node.contentDesc);
const find = (strategy: string, selector: string): string[] => texts(findElements(env, strategy, selector, undefined));
const source = (): string => formatSourceXml(buildSnapshotRoot(env, display), display);

describe('windows a lookup sees', () => {
  it('searches only the active window: not the status bar, not the navigation bar', () => {
    expect(find('id', 'scan')).toEqual(['Scan now']);
    expect(find('accessibility id', 'Back')).toEqual([]);
    expect(find('id', 'com.android.systemui:id/clock')).toEqual([]);
    expect(find('xpath', "//*[@content-desc='Home']")).toEqual([]);
    expect(source()).not.toContain('com.android.systemui');
  });

  it('finds nothing behind a dialog by id, xpath or UiSelector; enableMultiWindows opens id and xpath, never UiSelector', () => {
    ui.showDialog(APP, { title: 'Threat found', message: 'Remove it?', positive: { text: 'OK' } });
    expect(find('id', 'android:id/alertTitle')).toEqual(['Threat found']);
    expect(find('id', 'scan')).toEqual([]);
    expect(find('xpath', "//*[@text='Scan now']")).toEqual([]);
    expect(find('-android uiautomator', 'new UiSelector().text("Scan now")')).toEqual([]);
    settings['enableMultiWindows'] = true;
    expect(find('id', 'scan')).toEqual(['Scan now']);
    expect(find('xpath', "//*[@text='Scan now']")).toEqual(['Scan now']);
    expect(find('accessibility id', 'Back')).toEqual(['Back']);
    expect(find('-android uiautomator', 'new UiSelector().text("Scan now")')).toEqual([]);
    expect(find('-android uiautomator', 'new UiSelector().text("OK")')).toEqual(['OK']);
  });

  it('never makes an overlay the active window, though taps reach it', () => {
    ui.showOverlay(APP, { title: 'Stalkerware found', positive: { text: 'Dismiss' } });
    expect(ui.windows().find((w) => w.active)?.root.packageName).toBe(APP);
    expect(find('xpath', "//*[@text='Stalkerware found']")).toEqual([]);
    settings['enableMultiWindows'] = true;
    const [dismiss] = findElements(env, 'xpath', "//*[@text='Dismiss']", undefined);
    expect(dismiss).toBeDefined();
    const [l, t, r, b] = dismiss!.bounds;
    ui.tap((l + r) / 2, (t + b) / 2);
    expect(find('xpath', "//*[@text='Stalkerware found']")).toEqual([]);
  });

  it('lists windows topmost first with their ids on every node; the shade is active while open', () => {
    ui.openNotifications();
    const windows = ui.windows();
    expect(windows.filter((w) => w.active).map((w) => w.root.packageName)).toEqual(['com.android.systemui']);
    expect(windows.at(-1)?.root.packageName).toBe(APP);
    settings['enableMultiWindows'] = true;
    const xml = source();
    expect(xml.indexOf('navigation_bar_frame')).toBeLessThan(xml.indexOf(`${APP}:id/scan`));
    expect(xml).toContain(`window-id="${windows.at(-1)!.id}"`);
  });

  it('adds the last toast to the page source and XPath only, for 3.5 s after it was shown', () => {
    ui.showToast(APP, 'First');
    ui.showToast(APP, 'Scan finished', 2000);
    expect(source()).toMatch(/<android\.widget\.Toast index="1" package="com\.android\.settings" class="android\.widget\.Toast" text="Scan finished" displayed="true" \/>\r\n<\/hierarchy>$/);
    expect(source()).not.toContain('text="First"');
    expect(find('xpath', '//android.widget.Toast')).toEqual(['Scan finished']);
    expect(find('class name', 'android.widget.Toast')).toEqual([]);
    expect(find('-android uiautomator', 'new UiSelector().text("Scan finished")')).toEqual([]);
    now += 3000; // the toast has left the screen; the server still holds its text
    expect(find('xpath', '//android.widget.Toast')).toEqual(['Scan finished']);
    now += 600;
    expect(find('xpath', '//android.widget.Toast')).toEqual([]);
  });

  it('leaves invisible views out unless allowInvisibleElements, and completes ids unless disableIdLocatorAutocompletion', () => {
    const hidden: UiNode = { ...ui.hierarchy(), uid: 'x', displayed: false, children: [] };
    const root: UiNode = { ...ui.hierarchy(), children: [hidden] };
    expect(withoutInvisible(root).children).toEqual([]);
    expect(find('id', 'scan')).toEqual(['Scan now']);
    settings['disableIdLocatorAutocompletion'] = true;
    expect(find('id', 'scan')).toEqual([]);
    expect(find('id', `${APP}:id/scan`)).toEqual(['Scan now']);
  });
});
