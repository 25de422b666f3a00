/** Screen-wide commands: source, screenshot, keys, notifications, W3C actions, alerts and mobile gestures. */
import type { UiNode } from '../ui/contracts.ts';
import { readGestureElement } from './element-routes.ts';
import { findElements } from './find-elements.ts';
import { formatSourceXml } from './source-xml.ts';
import { buildSnapshotRoot } from './window-roots.ts';
import { spendSnapshotCost } from './idle-wait.ts';
import { prepareLookup, readBodyField, resolveElement, type Route, type RouteContext } from './server-state.ts';
import { invalidArgument, noSuchAlert } from './uia2-error.ts';
import { performW3cActions } from './w3c-actions.ts';

type Rect = { left: number; top: number; width: number; height: number };

/** The area a gesture works on: an element's bounds, an explicit area, or the whole screen. */
function readGestureArea(ctx: RouteContext): Rect {
  const id = readGestureElement(ctx.body);
  if (id) {
    const [l, t, r, b] = resolveElement(ctx, id).bounds;
    return { left: l, top: t, width: r - l, height: b - t };
  }
  const area = (readBodyField(ctx.body, 'area') ?? ctx.body) as Partial<Rect> | undefined;
  if (area && typeof area.left === 'number' && typeof area.top === 'number' && typeof area.width === 'number' && typeof area.height === 'number') {
    return { left: area.left, top: area.top, width: area.width, height: area.height };
  }
  const { screenWidth, screenHeight } = ctx.state.device.profile;
  return { left: 0, top: 0, width: screenWidth, height: screenHeight };
}

function readGesturePoint(ctx: RouteContext): { x: number; y: number } {
  const id = readGestureElement(ctx.body);
  const offset = readBodyField(ctx.body, 'offset') as { x?: number; y?: number } | undefined;
  if (id) {
    const [l, t, r, b] = resolveElement(ctx, id).bounds;
    return offset && typeof offset.x === 'number' && typeof offset.y === 'number'
      ? { x: l + offset.x, y: t + offset.y }
      : { x: Math.floor((l + r) / 2), y: Math.floor((t + b) / 2) };
  }
  if (offset && typeof offset.x === 'number' && typeof offset.y === 'number') return { x: offset.x, y: offset.y };
  throw invalidArgument('Either an element origin or absolute offset coordinates must be provided');
}

/** Swipes across `area` in a direction over `percent` of its size; returns whether the screen changed. */
function swipeArea(ctx: RouteContext, area: Rect, direction: string, percent: number): boolean {
  const cx = area.left + area.width / 2;
  const cy = area.top + area.height / 2;
  // Both ends stay inside the area (its right and bottom edges are exclusive).
  const dx = Math.min((area.width * percent) / 2, area.width / 2 - 1);
  const dy = Math.min((area.height * percent) / 2, area.height / 2 - 1);
  const vectors: Record<string, [number, number, number, number]> = {
    up: [cx, cy + dy, cx, cy - dy], down: [cx, cy - dy, cx, cy + dy],
    left: [cx + dx, cy, cx - dx, cy], right: [cx - dx, cy, cx + dx, cy],
  };
  const vector = vectors[direction.toLowerCase()];
  if (!vector) throw invalidArgument(`direction must be one of up, down, left, right; got '${direction}'`);
  const ui = ctx.state.device.ui;
  const before = JSON.stringify(ui.hierarchy());
  ui.swipe(...(vector.map(Math.round) as [number, number, number, number]), 200);
  return JSON.stringify(ui.hierarchy()) !== before;
}

/** The dialog on screen, found by the framework's AlertDialog ids. */
function findAlert(ctx: RouteContext): { title: UiNode | undefined; message: UiNode | undefined; button1: UiNode | undefined; button2: UiNode | undefined } {
  const byId = (id: string): UiNode | undefined => findElements(ctx.state.finder, 'id', id, undefined)[0];
  const alert = { title: byId('android:id/alertTitle'), message: byId('android:id/message'), button1: byId('android:id/button1'), button2: byId('android:id/button2') };
  if (!alert.title && !alert.message && !alert.button1 && !alert.button2) throw noSuchAlert();
  return alert;
}

export const DEVICE_ROUTES: Route[] = [
  { method: 'GET', pattern: '/session/:sessionId/source', name: 'Source',
    // handler/Source: resetAccessibilityCache() (idle wait), then a full snapshot of the window roots.
    handle: async (ctx) => {
      await prepareLookup(ctx);
      const { state } = ctx;
      // Only the active window (every window with enableMultiWindows), then the last toast (window-roots.ts).
      const root = buildSnapshotRoot(state.finder, state.finder.display);
      await spendSnapshotCost(root);
      return formatSourceXml(root, { ...state.finder.display });
    } },
  { method: 'GET', pattern: '/session/:sessionId/screenshot', name: 'CaptureScreenshot',
    handle: ({ state }) => state.device.ui.screenshotPng().toString('base64') },
  { method: 'POST', pattern: '/session/:sessionId/back', name: 'PressBack',
    handle: ({ state }) => { state.device.ui.pressKey(4); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/appium/device/press_keycode', name: 'PressKeyCode',
    handle: ({ state, body }) => {
      const keycode = readBodyField(body, 'keycode');
      if (typeof keycode !== 'number') throw invalidArgument("'keycode' must be a number");
      state.device.ui.pressKey(keycode);
      return null;
    } },
  { method: 'POST', pattern: '/session/:sessionId/appium/device/long_press_keycode', name: 'LongPressKeyCode',
    handle: ({ state, body }) => {
      const keycode = readBodyField(body, 'keycode');
      if (typeof keycode !== 'number') throw invalidArgument("'keycode' must be a number");
      state.device.ui.pressKey(keycode);
      return null;
    } },
  { method: 'POST', pattern: '/session/:sessionId/appium/device/open_notifications', name: 'OpenNotification',
    handle: ({ state }) => { state.device.ui.openNotifications(); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/keys', name: 'SendKeysToElement',
    handle: ({ state, body }) => {
      const value = readBodyField(body, 'value');
      const text = readBodyField(body, 'text') ?? (Array.isArray(value) ? value.join('') : undefined);
      if (typeof text !== 'string') throw invalidArgument("'text' must be a string");
      state.device.ui.inputText(text);
      return null;
    } },
  { method: 'POST', pattern: '/session/:sessionId/actions', name: 'W3CActions',
    handle: (ctx) => {
      const ui = ctx.state.device.ui;
      performW3cActions(ctx.body, {
        tap: (x, y) => ui.tap(x, y),
        swipe: (x1, y1, x2, y2, ms, velocity) => ui.swipe(x1, y1, x2, y2, ms, velocity),
        pressKey: (code) => ui.pressKey(code),
        inputText: (text) => ui.inputText(text),
        elementCenter: (id) => { const [l, t, r, b] = resolveElement(ctx, id).bounds; return { x: (l + r) / 2, y: (t + b) / 2 }; },
        touchSlop: Math.round((8 * ctx.state.device.profile.density) / 160),
      });
      return null;
    } },
  { method: 'DELETE', pattern: '/session/:sessionId/actions', name: 'ReleaseActions', handle: () => null },
  { method: 'GET', pattern: '/session/:sessionId/alert/text', name: 'GetAlertText',
    handle: (ctx) => { const alert = findAlert(ctx); return (alert.message ?? alert.title)?.text ?? ''; } },
  { method: 'POST', pattern: '/session/:sessionId/alert/accept', name: 'AcceptAlert',
    handle: (ctx) => { const button = findAlert(ctx).button1; if (!button) throw noSuchAlert(); ctx.state.device.ui.click(button.uid); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/alert/dismiss', name: 'DismissAlert',
    handle: (ctx) => { const alert = findAlert(ctx); const button = alert.button2 ?? alert.button1; if (!button) throw noSuchAlert(); ctx.state.device.ui.click(button.uid); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/click', name: 'Click',
    handle: (ctx) => { const p = readGesturePoint(ctx); ctx.state.device.ui.tap(p.x, p.y); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/long_click', name: 'LongClick',
    handle: (ctx) => { const p = readGesturePoint(ctx); ctx.state.device.ui.tap(p.x, p.y); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/double_click', name: 'DoubleClick',
    handle: (ctx) => { const p = readGesturePoint(ctx); ctx.state.device.ui.tap(p.x, p.y); ctx.state.device.ui.tap(p.x, p.y); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/swipe', name: 'Swipe',
    handle: (ctx) => { swipeArea(ctx, readGestureArea(ctx), String(readBodyField(ctx.body, 'direction') ?? ''), Number(readBodyField(ctx.body, 'percent') ?? 0.5)); return null; } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/scroll', name: 'Scroll',
    handle: (ctx) => {
      // A scroll "down" moves the content down the list: the finger travels up.
      const direction = String(readBodyField(ctx.body, 'direction') ?? '');
      const finger: Record<string, string> = { down: 'up', up: 'down', left: 'right', right: 'left' };
      return swipeArea(ctx, readGestureArea(ctx), finger[direction.toLowerCase()] ?? direction, Number(readBodyField(ctx.body, 'percent') ?? 0.5));
    } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/fling', name: 'Fling',
    handle: (ctx) => {
      const direction = String(readBodyField(ctx.body, 'direction') ?? '');
      const finger: Record<string, string> = { down: 'up', up: 'down', left: 'right', right: 'left' };
      return swipeArea(ctx, readGestureArea(ctx), finger[direction.toLowerCase()] ?? direction, 0.9);
    } },
  { method: 'POST', pattern: '/session/:sessionId/appium/gestures/drag', name: 'Drag',
    handle: (ctx) => {
      const start = readBodyField(ctx.body, 'start') as { x?: number; y?: number } | undefined;
      const end = readBodyField(ctx.body, 'end') as { x?: number; y?: number } | undefined;
      if (typeof end?.x !== 'number' || typeof end.y !== 'number') throw invalidArgument("'end' coordinates are required");
      const from = typeof start?.x === 'number' && typeof start.y === 'number' ? { x: start.x, y: start.y } : readGesturePoint(ctx);
      ctx.state.device.ui.swipe(from.x, from.y, end.x, end.y, 500);
      return null;
    } },
  { method: 'POST', pattern: '/session/:sessionId/appium/device/get_clipboard', name: 'GetClipboard',
    handle: ({ state }) => Buffer.from(state.clipboard, 'utf8').toString('base64') },
  { method: 'POST', pattern: '/session/:sessionId/appium/device/set_clipboard', name: 'SetClipboard',
    handle: ({ state, body }) => { state.clipboard = Buffer.from(String(readBodyField(body, 'content') ?? ''), 'base64').toString('utf8'); return null; } },
];
