import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { UiNode } from './contracts.ts';
import { createDeviceUi } from './device-ui.ts';
import type { AppSpec } from './screen-spec.ts';
import { createTestHost, TEST_PROFILE } from './testing/create-test-host.ts';

function all(node: UiNode): UiNode[] {
  return [node, ...node.children.flatMap(all)];
}

function find(root: UiNode, predicate: (node: UiNode) => boolean): UiNode | undefined {
  return all(root).find(predicate);
}

function byText(root: UiNode, text: string): UiNode {
  const node = find(root, (n) => n.text === text);
  if (!node) throw new Error(`no view with text '${text}'`);
  return node;
}

function center(node: UiNode): [number, number] {
  return [Math.floor((node.bounds[0] + node.bounds[2]) / 2), Math.floor((node.bounds[1] + node.bounds[3]) / 2)];
}

const DEMO: AppSpec = {
  start: 'home',
  screens: {
    home: {
      title: 'Demo Security',
      widgets: [
        { kind: 'TextView', id: 'status', text: 'Protected' },
        { kind: 'Button', id: 'scan', text: 'Scan now', onTap: { type: 'navigate', screen: 'results' } },
        { kind: 'EditText', id: 'email', hint: 'Email address' },
        { kind: 'Switch', id: 'realtime', text: 'Real-time protection' },
        { kind: 'Button', id: 'about', text: 'About', onTap: { type: 'dialog', dialog: { title: 'About', message: 'Version 1', positive: { text: 'OK' } } } },
      ],
    },
    results: {
      title: 'Results',
      widgets: [{ kind: 'RecyclerView', id: 'threats', items: Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, title: `Threat ${i}` })) }],
    },
  },
};

function setUp() {
  const host = createTestHost();
  host.addPackage('com.example.demo', 'Demo Security');
  host.addPackage('com.android.chrome', 'Chrome');
  host.addPackage('com.example.hidden', 'Hidden Spy', { hidden: true });
  host.addPackage('com.example.service', 'No Launcher', { launchable: false });
  const ui = createDeviceUi(host);
  ui.defineApp('com.example.demo', DEMO);
  return { host, ui };
}

describe('createDeviceUi', () => {
  it('shows the launcher with launchable, visible apps only, sorted by label, under the status bar', () => {
    const { ui } = setUp();
    const root = ui.hierarchy();
    expect(root.className).toBe('hierarchy');
    const icons = all(root).filter((n) => n.resourceId === 'com.android.launcher3:id/icon');
    expect(icons.map((n) => n.contentDesc)).toEqual(['Chrome', 'Demo Security']);
    const statusBar = find(root, (n) => n.resourceId === 'com.android.systemui:id/status_bar')!;
    expect(statusBar.bounds).toEqual([0, 0, 1080, 63]);
    expect(find(root, (n) => n.resourceId === 'com.android.systemui:id/clock')?.text).toBe(new Date(Date.UTC(2026, 0, 1, 9, 41)).toTimeString().slice(0, 5));
    for (const icon of icons) expect(icon.bounds[1]).toBeGreaterThanOrEqual(63);
    expect(ui.focusedWindow()).toEqual({ packageName: 'com.android.launcher3', activity: 'com.android.launcher3.uioverrides.QuickstepLauncher' });
  });

  it('starts an app from its icon and shows its screen with computed, stacked bounds', () => {
    const { ui } = setUp();
    ui.tap(...center(byText(ui.hierarchy(), 'Demo Security')));
    expect(ui.focusedWindow()).toEqual({ packageName: 'com.example.demo', activity: 'com.example.demo.MainActivity' });
    const root = ui.hierarchy();
    const status = find(root, (n) => n.resourceId === 'com.example.demo:id/status')!;
    const scan = find(root, (n) => n.resourceId === 'com.example.demo:id/scan')!;
    const title = byText(root, 'Demo Security');
    expect(status.className).toBe('android.widget.TextView');
    expect(scan).toMatchObject({ className: 'android.widget.Button', clickable: true, packageName: 'com.example.demo' });
    expect(title.bounds[1]).toBeGreaterThanOrEqual(63);
    expect(status.bounds[1]).toBeGreaterThanOrEqual(title.bounds[3]);
    expect(scan.bounds[1]).toBeGreaterThanOrEqual(status.bounds[3]);
    expect(status.bounds[0]).toBe(42); // 16 dp padding at 420 dpi
  });

  it('shows a plain screen with the label in the app bar for an app without behaviour', () => {
    const { ui } = setUp();
    expect(ui.startActivity('com.android.chrome', '.Main')).toBe('started');
    const root = ui.hierarchy();
    expect(find(root, (n) => n.resourceId === 'com.android.chrome:id/toolbar')).toBeDefined();
    expect(byText(root, 'Chrome').packageName).toBe('com.android.chrome');
    expect(ui.startActivity('com.not.installed', '.Main')).toBe(false);
  });

  it('navigates, scrolls a long list with a swipe, keeps uids while the screen lives, and BACK makes them stale', () => {
    const { ui } = setUp();
    ui.startActivity('com.example.demo', 'com.example.demo.MainActivity');
    const scan = find(ui.hierarchy(), (n) => n.text === 'Scan now')!;
    expect(ui.click(scan.uid)).toBe(true);
    const list = find(ui.hierarchy(), (n) => n.resourceId === 'com.example.demo:id/threats')!;
    expect(list).toMatchObject({ className: 'androidx.recyclerview.widget.RecyclerView', scrollable: true });
    const visibleBefore = all(list).filter((n) => n.text.startsWith('Threat '));
    expect(visibleBefore.length).toBeLessThan(40);
    expect(find(ui.hierarchy(), (n) => n.text === 'Threat 39')).toBeUndefined();
    const firstRow = find(ui.hierarchy(), (n) => n.text === 'Threat 1')!;
    const [x, y] = center(list);
    ui.swipe(x, list.bounds[3] - 10, x, list.bounds[1] + 10, 300);
    const after = ui.hierarchy();
    expect(find(after, (n) => n.text === 'Threat 0')).toBeUndefined();
    ui.swipe(x, y + 500, x, y - 500, 300);
    for (let i = 0; i < 10; i++) ui.swipe(x, list.bounds[3] - 10, x, list.bounds[1] + 10, 300);
    const last = find(ui.hierarchy(), (n) => n.text === 'Threat 39')!;
    expect(last.bounds[3]).toBeLessThanOrEqual(list.bounds[3]);
    ui.swipe(x, list.bounds[1] + 10, x, list.bounds[3] - 10, 300);
    for (let i = 0; i < 10; i++) ui.swipe(x, list.bounds[1] + 10, x, list.bounds[3] - 10, 300);
    expect(find(ui.hierarchy(), (n) => n.text === 'Threat 1')?.uid).toBe(firstRow.uid);
    ui.pressKey(4);
    expect(find(ui.hierarchy(), (n) => n.uid === firstRow.uid)).toBeUndefined();
    expect(find(ui.hierarchy(), (n) => n.uid === scan.uid)).toBeDefined();
  });

  it('types into text fields, toggles switches, and shows and dismisses dialogs', () => {
    const { ui } = setUp();
    ui.startActivity('com.example.demo', '.MainActivity');
    const email = find(ui.hierarchy(), (n) => n.resourceId === 'com.example.demo:id/email')!;
    expect(email.text).toBe('Email address');
    ui.tap(...center(email));
    ui.inputText('me@example.org');
    ui.pressKey(67);
    expect(find(ui.hierarchy(), (n) => n.uid === email.uid)).toMatchObject({ text: 'me@example.or', focused: true });
    expect(ui.setText(email.uid, 'x')).toBe(true);
    expect(find(ui.hierarchy(), (n) => n.uid === email.uid)?.text).toBe('x');
    const toggle = find(ui.hierarchy(), (n) => n.className === 'android.widget.Switch')!;
    expect(toggle.checked).toBe(false);
    ui.click(toggle.uid);
    expect(find(ui.hierarchy(), (n) => n.uid === toggle.uid)?.checked).toBe(true);
    ui.click(find(ui.hierarchy(), (n) => n.text === 'About')!.uid);
    const message = find(ui.hierarchy(), (n) => n.resourceId === 'android:id/message')!;
    expect(message.text).toBe('Version 1');
    expect(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/alertTitle')?.text).toBe('About');
    ui.tap(5, 200); // outside the dialog: a cancelable dialog goes, the tap does not reach the activity
    expect(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/message')).toBeUndefined();
    expect(ui.focusedWindow().packageName).toBe('com.example.demo');
  });

  it('lists posted notifications in the shade with the real ids, closed by BACK and HOME', () => {
    const { host, ui } = setUp();
    host.postNotification({ packageName: 'com.example.demo', id: 7, channelId: 'alerts', title: 'Threat found', text: 'Hidden Spy watches you' });
    ui.openNotifications();
    const root = ui.hierarchy();
    const title = find(root, (n) => n.resourceId === 'android:id/title')!;
    expect(title).toMatchObject({ text: 'Threat found', packageName: 'com.android.systemui' });
    expect(find(root, (n) => n.resourceId === 'android:id/text')?.text).toBe('Hidden Spy watches you');
    expect(find(root, (n) => n.resourceId === 'android:id/app_name_text')?.text).toBe('Demo Security');
    ui.pressKey(4);
    expect(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/title')).toBeUndefined();
    ui.openNotifications();
    ui.pressKey(3);
    expect(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/title')).toBeUndefined();
    ui.openNotifications();
    ui.click(find(ui.hierarchy(), (n) => n.resourceId === 'com.android.systemui:id/expandableNotificationRow')!.uid);
    expect(ui.focusedWindow().packageName).toBe('com.example.demo');
    expect(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/title')).toBeUndefined();
    ui.openNotifications();
    ui.click(find(ui.hierarchy(), (n) => n.text === 'Clear all')!.uid);
    expect(host.notifications()).toEqual([]);
  });

  it('closes a package, goes HOME, and restores a saved state', () => {
    const { ui } = setUp();
    ui.startActivity('com.example.demo', '.MainActivity');
    const saved = JSON.parse(JSON.stringify(ui.saveState())) as unknown;
    ui.closePackage('com.example.demo');
    expect(ui.focusedWindow().packageName).toBe('com.android.launcher3');
    ui.loadState(saved);
    expect(ui.focusedWindow()).toEqual({ packageName: 'com.example.demo', activity: 'com.example.demo.MainActivity' });
    ui.pressKey(3);
    expect(ui.focusedWindow().packageName).toBe('com.android.launcher3');
  });

  it('renders a PNG of the profile size, reusing it while the screen is unchanged', () => {
    const { ui } = setUp();
    const png = ui.screenshotPng();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([TEST_PROFILE.screenWidth, TEST_PROFILE.screenHeight]);
    const idatLength = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((1080 * 3 + 1) * 2400);
    expect(ui.screenshotPng()).toBe(png);
    ui.startActivity('com.android.chrome', '.Main');
    expect(ui.screenshotPng()).not.toBe(png);
  });

  it('shows system dialogs with their own package, ids and stacked buttons, like the permission dialog', () => {
    const { ui } = setUp();
    ui.startActivity('com.example.demo', '.MainActivity');
    const ID = 'com.android.permissioncontroller:id/';
    expect(ui.showDialog('com.example.demo', {
      packageName: 'com.android.permissioncontroller', messageId: `${ID}permission_message`, message: 'Allow Demo Security to access this device\'s location?',
      buttons: [
        { id: `${ID}permission_allow_foreground_only_button`, text: 'While using the app' },
        { id: `${ID}permission_deny_button`, text: "Don't allow" },
      ],
    })).toBe(true);
    const root = ui.hierarchy();
    const allow = find(root, (n) => n.resourceId === `${ID}permission_allow_foreground_only_button`)!;
    const deny = find(root, (n) => n.resourceId === `${ID}permission_deny_button`)!;
    expect(allow).toMatchObject({ packageName: 'com.android.permissioncontroller', className: 'android.widget.Button', clickable: true });
    expect(deny.bounds[1]).toBeGreaterThan(allow.bounds[3] - 1);
    expect(find(root, (n) => n.resourceId === `${ID}permission_message`)?.text).toContain('location');
    ui.click(allow.uid);
    expect(find(ui.hierarchy(), (n) => n.resourceId === `${ID}permission_message`)).toBeUndefined();
    ui.showDialog('com.example.demo', { message: 'Go to results?', positive: { text: 'Go', onTap: { type: 'navigate', screen: 'results' } } });
    ui.click(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/button1')!.uid);
    expect(find(ui.hierarchy(), (n) => n.text === 'Threat 0')).toBeDefined();
    ui.pressKey(4);
    expect(find(ui.hierarchy(), (n) => n.text === 'Go to results?')).toBeUndefined();
  });

  it('shows a toast until its time is up', () => {
    let now = Date.UTC(2026, 0, 1, 9, 41);
    const host = createTestHost(TEST_PROFILE, () => now);
    const ui = createDeviceUi(host);
    host.addPackage('com.example.demo', 'Demo Security');
    const opened = { type: 'dialog' as const, dialog: { message: 'Row opened' } };
    ui.showScreen('com.example.demo', { widgets: [{ kind: 'RecyclerView', items: Array.from({ length: 40 }, (_, i) => ({ title: `Row ${i}`, onTap: opened })) }] });
    ui.showToast('com.example.demo', 'Scan complete', 2000);
    const toast = find(ui.hierarchy(), (n) => n.className === 'android.widget.Toast')!;
    expect(toast).toMatchObject({ text: 'Scan complete', packageName: 'com.android.settings' });
    ui.tap(...center(toast)); // toasts take no touches: the tap reaches the row below
    expect(find(ui.hierarchy(), (n) => n.text === 'Row opened')).toBeDefined();
    now += 2001;
    expect(find(ui.hierarchy(), (n) => n.className === 'android.widget.Toast')).toBeUndefined();
  });

  it('gives child screens a Navigate up button and the decor its system bar backgrounds', () => {
    const { ui } = setUp();
    ui.startActivity('com.example.demo', '.MainActivity');
    expect(find(ui.hierarchy(), (n) => n.contentDesc === 'Navigate up')).toBeUndefined();
    expect(find(ui.hierarchy(), (n) => n.resourceId === 'android:id/statusBarBackground')).toMatchObject({ className: 'android.view.View', bounds: [0, 0, 1080, 63] });
    ui.click(find(ui.hierarchy(), (n) => n.text === 'Scan now')!.uid);
    const up = find(ui.hierarchy(), (n) => n.contentDesc === 'Navigate up')!;
    expect(up).toMatchObject({ className: 'android.widget.ImageButton', clickable: true });
    ui.click(up.uid);
    expect(find(ui.hierarchy(), (n) => n.text === 'Scan now')).toBeDefined();
  });

  it('lays out other profiles at their own size and density', () => {
    const profile = { ...TEST_PROFILE, screenWidth: 720, screenHeight: 1280, density: 320 };
    const host = createTestHost(profile);
    host.addPackage('com.example.demo', 'Demo Security');
    const ui = createDeviceUi(host);
    ui.showScreen('com.example.demo', { widgets: [{ kind: 'ProgressBar', id: 'progress', progress: 40 }] });
    const root = ui.hierarchy();
    expect(find(root, (n) => n.resourceId === 'com.android.systemui:id/status_bar')?.bounds).toEqual([0, 0, 720, 48]);
    expect(find(root, (n) => n.resourceId === 'com.example.demo:id/progress')).toMatchObject({ className: 'android.widget.ProgressBar', text: '40.0' });
    const png = ui.screenshotPng();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([720, 1280]);
  });

  /** A device UI with one app of the given screens installed. */
  function uiWithApp(packageName: string, label: string, spec: AppSpec) {
    const host = createTestHost();
    host.addPackage(packageName, label);
    const ui = createDeviceUi(host);
    ui.defineApp(packageName, spec);
    return ui;
  }

  it('gives every list row its own element key, even when two items share an id', () => {
    const ui = uiWithApp('com.example.dup', 'Dup Scanner', {
      start: 'home',
      screens: { home: { title: 'Dup', widgets: [{ kind: 'RecyclerView', id: 'threats', items: [{ id: 'same', title: 'First' }, { id: 'same', title: 'Second' }, { title: 'Third' }] }] } },
    });
    ui.tap(...center(byText(ui.hierarchy(), 'Dup Scanner')));
    const root = ui.hierarchy();
    const titles = ['First', 'Second', 'Third'].map((text) => byText(root, text));
    expect(new Set(titles.map((node) => node.uid)).size).toBe(3);
    const keys = all(root).map((node) => node.uid);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('draws the status bar icons dark over a light screen without an app bar, light on the launcher\'s dark bar', () => {
    const ui = uiWithApp('com.example.plain', 'Plain', {
      start: 'bare',
      screens: { bare: { appBar: false, widgets: [{ kind: 'TextView', id: 'hello', text: 'Hello' }] } },
    });
    /** The darkest and lightest grey level of the clock's pixels on a fresh screenshot. */
    const clockLevels = (): [number, number] => {
      const clock = find(ui.hierarchy(), (n) => n.resourceId === 'com.android.systemui:id/clock')!;
      const png = ui.screenshotPng();
      const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
      const stride = TEST_PROFILE.screenWidth * 3 + 1;
      let min = 255;
      let max = 0;
      for (let y = clock.bounds[1]; y < clock.bounds[3]; y += 1) {
        for (let x = clock.bounds[0]; x < clock.bounds[2]; x += 1) {
          const at = y * stride + 1 + x * 3;
          const level = Math.round((raw[at]! + raw[at + 1]! + raw[at + 2]!) / 3);
          min = Math.min(min, level);
          max = Math.max(max, level);
        }
      }
      return [min, max];
    };
    ui.startActivity('com.example.plain', '.MainActivity');
    const [darkest, lightest] = clockLevels();
    expect(lightest).toBeGreaterThan(200); // the light window shows through
    expect(darkest).toBeLessThan(80); // the glyphs are dark on it
    ui.pressKey(3);
    const [, launcherLightest] = clockLevels();
    expect(launcherLightest).toBeGreaterThan(200); // white glyphs on the dark bar
  });
});
