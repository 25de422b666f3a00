/**
 * The activity stack against Android 13: Recents on KEYCODE_APP_SWITCH, ENTER in a text field, the
 * launcher intent bringing a running task back as it was, and BACK out of another app's page over an
 * app returning to that app (window-stack.ts, recents.ts).
 */
import { describe, expect, it } from 'vitest';
import type { UiNode } from './contracts.ts';
import { createDeviceUi } from './device-ui.ts';
import type { AppSpec } from './screen-spec.ts';
import { createTestHost } from './testing/create-test-host.ts';
import { launcherIntent } from './window-stack.ts';

const all = (node: UiNode): UiNode[] => [node, ...node.children.flatMap(all)];
const byId = (root: UiNode, id: string): UiNode | undefined => all(root).find((n) => n.resourceId === id);
const texts = (root: UiNode): string[] => all(root).map((n) => n.text).filter(Boolean);

const APP: AppSpec = {
  start: 'home',
  screens: {
    home: { title: 'Demo', widgets: [
      { kind: 'EditText', id: 'query', hint: 'Search apps', onSubmit: { type: 'navigate', screen: 'found' } },
      { kind: 'EditText', id: 'note', hint: 'Note' },
      { kind: 'Button', id: 'details', text: 'Details', onTap: { type: 'navigate', screen: 'details' } },
    ] },
    found: { title: 'Found', widgets: [{ kind: 'TextView', id: 'found', text: 'Search results' }] },
    details: { title: 'Details', widgets: [{ kind: 'TextView', id: 'details_text', text: 'Details page' }] },
  },
};
const PKG = 'com.example.demo';
const MAIN = `${PKG}.MainActivity`;

function setUp() {
  const host = createTestHost();
  host.addPackage(PKG, 'Demo Security');
  host.addPackage('com.android.settings', 'Settings');
  const ui = createDeviceUi(host);
  ui.defineApp(PKG, APP);
  return ui;
}

function tapView(ui: ReturnType<typeof setUp>, id: string): void {
  const node = byId(ui.hierarchy(), id);
  if (!node) throw new Error(`no ${id} on screen: ${texts(ui.hierarchy()).join(' | ')}`);
  ui.tap(Math.floor((node.bounds[0] + node.bounds[2]) / 2), Math.floor((node.bounds[1] + node.bounds[3]) / 2));
}

describe('the activity stack', () => {
  it('APP_SWITCH shows Recents over the app; BACK or a tap on the card brings the app back as it was', () => {
    const ui = setUp();
    expect(ui.startActivity(PKG, MAIN, launcherIntent(PKG, MAIN))).toBe('started');
    tapView(ui, `${PKG}:id/details`);
    ui.pressKey(187);
    expect(ui.focusedWindow().packageName).toBe('com.android.launcher3');
    const card = byId(ui.hierarchy(), 'com.android.launcher3:id/task');
    expect(card?.contentDesc).toBe('Demo Security');
    expect(byId(ui.hierarchy(), 'com.android.launcher3:id/clear_all')?.text).toBe('Clear all');
    expect(texts(ui.hierarchy())).not.toContain('Details page');
    ui.pressKey(4);
    expect(texts(ui.hierarchy())).toContain('Details page');
    ui.pressKey(187);
    tapView(ui, 'com.android.launcher3:id/task');
    expect(ui.focusedWindow()).toEqual({ packageName: PKG, activity: `${PKG}.DetailsActivity` });
  });

  it('Recents with no task says so; HOME leaves it for the home screen', () => {
    const ui = setUp();
    ui.pressKey(187);
    expect(texts(ui.hierarchy())).toContain('No recent items');
    ui.pressKey(3);
    expect(byId(ui.hierarchy(), 'com.android.launcher3:id/apps_list_view')).toBeDefined();
  });

  it('ENTER runs the focused field\'s editor action and does nothing in a field without one', () => {
    const ui = setUp();
    ui.startActivity(PKG, MAIN);
    tapView(ui, `${PKG}:id/note`);
    ui.pressKey(66);
    expect(texts(ui.hierarchy())).not.toContain('Search results');
    tapView(ui, `${PKG}:id/query`);
    ui.pressKey(66);
    expect(texts(ui.hierarchy())).toContain('Search results');
  });

  it('the launcher intent brings a running task to the front with its screen; another intent adds the activity', () => {
    const ui = setUp();
    ui.startActivity(PKG, MAIN, launcherIntent(PKG, MAIN));
    tapView(ui, `${PKG}:id/details`);
    ui.pressKey(3);
    expect(ui.startActivity(PKG, MAIN, launcherIntent(PKG, MAIN))).toBe('task-to-front');
    expect(texts(ui.hierarchy())).toContain('Details page');
    // `am start -n` without action: not the task's root intent, so a new MainActivity goes on top.
    expect(ui.startActivity(PKG, MAIN, { key: `||||${PKG}/${MAIN}`, resetTaskIfNeeded: false })).toBe('started');
    expect(byId(ui.hierarchy(), `${PKG}:id/query`)).toBeDefined();
  });

  it('BACK out of a Settings page opened over the app returns to the app; opened from home, to home', () => {
    const ui = setUp();
    ui.startActivity(PKG, MAIN, launcherIntent(PKG, MAIN));
    ui.showScreen('com.android.settings', { title: 'App info', widgets: [] }, 'com.android.settings.SubSettings');
    expect(ui.focusedWindow().packageName).toBe('com.android.settings');
    ui.pressKey(4);
    expect(ui.focusedWindow()).toEqual({ packageName: PKG, activity: MAIN });
    ui.pressKey(3);
    ui.showScreen('com.android.settings', { title: 'App info', widgets: [] }, 'com.android.settings.SubSettings');
    ui.pressKey(4);
    expect(ui.focusedWindow().packageName).toBe('com.android.launcher3');
  });
});
