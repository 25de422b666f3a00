import { describe, expect, it } from 'vitest';
import { createDeviceUi } from './device-ui.ts';
import type { AppSpec } from './screen-spec.ts';
import type { UiEvent } from './simulated-device-ui.ts';
import { createTestHost } from './testing/create-test-host.ts';
import { PENDING_INPUT_EVENT } from './ui-activity.ts';

const APP: AppSpec = {
  start: 'home',
  screens: {
    home: { title: 'Demo', widgets: [{ kind: 'TextView', id: 'status', text: 'Scanned 1 app' }, { kind: 'Button', id: 'next', text: 'Next', onTap: { type: 'navigate', screen: 'second' } }] },
    second: { title: 'Second', widgets: [{ kind: 'TextView', id: 'done', text: 'Done' }] },
  },
};

/** A device UI on a clock the test moves by hand. */
function setUp() {
  let now = 1_000_000;
  const host = createTestHost(undefined, () => now);
  host.addPackage('com.example.demo', 'Demo');
  const ui = createDeviceUi(host);
  ui.defineApp('com.example.demo', APP);
  ui.startActivity('com.example.demo', 'com.example.demo.MainActivity');
  return { ui, advance: (ms: number) => { now += ms; } };
}

describe('accessibility events and blocked UI threads', () => {
  it('stamps an event when an input changes what is on screen, not when it changes nothing; every re-render of the app in front is one', () => {
    const { ui, advance } = setUp();
    advance(2_000);
    expect(ui.msSinceAccessibilityEvent()).toBe(2_000);
    ui.tap(1, 1_000);
    expect(ui.msSinceAccessibilityEvent()).toBe(2_000);
    ui.defineApp('com.example.background', APP);
    expect(ui.msSinceAccessibilityEvent()).toBe(2_000);
    const ticked: AppSpec = { ...APP, screens: { ...APP.screens, home: { ...APP.screens['home']!, widgets: [{ kind: 'TextView', id: 'status', text: 'Scanned 2 apps' }] } } };
    ui.defineApp('com.example.demo', ticked);
    expect(ui.msSinceAccessibilityEvent()).toBe(0);
  });

  it('notices a change nobody drove through the UI (a toast expiring) when it is next asked', () => {
    const { ui, advance } = setUp();
    ui.showToast('com.example.demo', 'Saved', 2_000);
    advance(1_000);
    expect(ui.msSinceAccessibilityEvent()).toBe(1_000);
    advance(1_500);
    expect(ui.msSinceAccessibilityEvent()).toBe(0);
  });

  it("queues keys for a hung app's window (pending input) instead of acting on them; HOME still works", () => {
    const { ui } = setUp();
    const events: UiEvent[] = [];
    ui.onUiEvent((event) => events.push(event));
    ui.setUiThreadBlocked('com.example.demo', true);
    expect(ui.isUiThreadBlocked('com.example.demo')).toBe(true);
    ui.pressKey(4);
    expect(ui.focusedWindow().packageName).toBe('com.example.demo');
    expect(events.map((e) => e.name)).toEqual([PENDING_INPUT_EVENT]);
    ui.pressKey(3);
    expect(ui.focusedWindow().packageName).not.toBe('com.example.demo');
  });

  it('a closed package is no longer blocked', () => {
    const { ui } = setUp();
    ui.setUiThreadBlocked('com.example.demo', true);
    ui.closePackage('com.example.demo');
    expect(ui.isUiThreadBlocked('com.example.demo')).toBe(false);
  });
});
