/**
 * Heads-up banners and the soft keyboard: windows that take taps but are never the active window
 * (heads-up.ts, soft-keyboard.ts), and `dumpsys input_method`'s flag follows the keyboard.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { UiNode } from './contracts.ts';
import { createDeviceUi } from './device-ui.ts';
import { HEADS_UP_DECAY_MS, IMPORTANCE_HIGH } from './heads-up.ts';
import type { SimulatedDeviceUi } from './simulated-device-ui.ts';
import { keyboardBounds } from './soft-keyboard.ts';
import { createTestHost, TEST_PROFILE, type TestUiHost } from './testing/create-test-host.ts';
import { Dimens } from './dimens.ts';

const APP = 'com.example.app';
const OTHER = 'com.example.other';
let now = Date.UTC(2026, 0, 1, 9, 41);
let host: TestUiHost;
let ui: SimulatedDeviceUi;

beforeEach(() => {
  now = Date.UTC(2026, 0, 1, 9, 41);
  host = createTestHost(TEST_PROFILE, () => now);
  host.addPackage(APP, 'Example');
  host.addPackage(OTHER, 'Other');
  ui = createDeviceUi(host);
});

function find(root: UiNode, test: (node: UiNode) => boolean): UiNode | undefined {
  if (test(root)) return root;
  for (const child of root.children) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

const center = (node: UiNode): [number, number] => [Math.floor((node.bounds[0] + node.bounds[2]) / 2), Math.floor((node.bounds[1] + node.bounds[3]) / 2)];
const kinds = (): string[] => ui.windows().map((w) => `${w.type}${w.active ? '*' : ''}:${w.root.packageName}`);

describe('heads-up notification banners', () => {
  beforeEach(() => {
    ui.showScreen(APP, { title: 'Home', widgets: [{ kind: 'Button', id: 'top', text: 'Top button' }] });
  });

  it('peek for 5 s for a high-importance notification only, never active, and take the tap over the app', () => {
    host.postNotification({ packageName: OTHER, id: 1, channelId: 'quiet', title: 'Quiet', text: 'default importance' });
    expect(kinds()).not.toContain('system:com.android.systemui:heads-up');
    expect(find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:'))).toBeUndefined();
    host.postNotification({ packageName: OTHER, id: 2, channelId: 'alerts', title: 'Threat found', text: 'Look now', importance: IMPORTANCE_HIGH });
    const banner = find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:') && n.text === 'Threat found');
    expect(banner).toBeDefined();
    // The app stays the active window; the banner is a system window on top of it.
    expect(ui.windows().find((w) => w.active)?.root.packageName).toBe(APP);
    expect(ui.windows()[0]?.root.packageName).toBe('com.android.systemui');
    now += HEADS_UP_DECAY_MS - 1;
    expect(find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:'))).toBeDefined();
    now += 1;
    expect(find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:'))).toBeUndefined();
  });

  it('a tap on the banner opens the notification and releases it; under it the app gets nothing', () => {
    host.postNotification({ packageName: OTHER, id: 2, channelId: 'alerts', title: 'Threat found', text: 'Look now', importance: IMPORTANCE_HIGH });
    const banner = find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:') && n.className === 'android.widget.FrameLayout')!;
    ui.tap(...center(banner));
    expect(ui.focusedWindow().packageName).toBe(OTHER);
    expect(find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:'))).toBeUndefined();
  });

  it('is not shown while the shade is open, and the shade releases it', () => {
    host.postNotification({ packageName: OTHER, id: 2, channelId: 'alerts', title: 'Threat found', text: 'Look now', importance: IMPORTANCE_HIGH });
    ui.openNotifications();
    expect(find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:'))).toBeUndefined();
    ui.pressKey(4);
    expect(find(ui.hierarchy(), (n) => n.uid.startsWith('headsup:'))).toBeUndefined();
  });
});

describe('the soft keyboard', () => {
  const keyboardTop = keyboardBounds(new Dimens(TEST_PROFILE))[1];

  beforeEach(() => {
    ui.showScreen(APP, { title: 'Report', widgets: [
      { kind: 'EditText', id: 'field', hint: 'What happened?' },
      { kind: 'ImageView', id: 'picture', size: 420 },
      { kind: 'Button', id: 'send', text: 'Send', onTap: { type: 'navigate', screen: 'nowhere' } },
    ] });
  });

  const field = (): UiNode => find(ui.hierarchy(), (n) => n.resourceId === `${APP}:id/field`)!;
  const send = (): UiNode => find(ui.hierarchy(), (n) => n.text === 'Send')!;

  it('shows when a text field is tapped, not when its text is set; never active; takes the taps over the app', () => {
    expect(center(send())[1]).toBeGreaterThan(keyboardTop);
    ui.setText(field().uid, 'typed without a touch');
    expect(ui.inputMethodShown()).toBe(false);
    ui.tap(...center(field()));
    expect(ui.inputMethodShown()).toBe(true);
    expect(kinds()).toContain('input_method:com.android.inputmethod.latin');
    expect(ui.windows().find((w) => w.active)?.root.packageName).toBe(APP);
    const before = ui.focusedWindow().activity;
    ui.tap(...center(send()));
    // The keyboard took it: still the same screen, nothing started.
    expect(ui.focusedWindow().activity).toBe(before);
    expect(ui.inputMethodShown()).toBe(true);
  });

  it('BACK (or ESCAPE) hides only the keyboard; a dialog taking focus hides it for good', () => {
    ui.tap(...center(field()));
    ui.pressKey(111);
    expect(ui.inputMethodShown()).toBe(false);
    expect(ui.focusedWindow().packageName).toBe(APP);
    ui.tap(...center(field()));
    ui.pressKey(4);
    expect(ui.inputMethodShown()).toBe(false);
    expect(ui.focusedWindow().packageName).toBe(APP);
    ui.tap(...center(field()));
    ui.showDialog(APP, { title: 'Sure?', positive: { text: 'OK' } });
    expect(ui.inputMethodShown()).toBe(false);
    ui.pressKey(4);
    expect(ui.inputMethodShown()).toBe(false);
  });
});
