/**
 * `createDeviceUi(host)`: the phone's screen. Windows are laid out afresh from the window stack on every
 * query (layout is cheap); element uids are `<window instance>/<view key>`, so they stay valid while a
 * screen lives and go stale once it is finished. Screenshots are cached by the visible hierarchy.
 */
import { listAccessibilityWindows, WindowIds, type WindowKind } from './accessibility-windows.ts';
import type { UiHost, UiNode } from './contracts.ts';
import { COLORS, Dimens } from './dimens.ts';
import { flingDistancePx } from './fling.ts';
import { launchFromLauncher, runTapAction as runTapActionIn, startActivityIn, type ActivityContext } from './activity-actions.ts';
import { clearRecents, layoutRecents, leaveRecents, openRecents, recentsKey } from './recents.ts';
import { layoutDialog } from './dialog-layout.ts';
import { headsUpKey, layoutHeadsUp, pickHeadsUp } from './heads-up.ts';
import { layoutSoftKeyboard } from './soft-keyboard.ts';
import { layoutToast } from './toast-layout.ts';
import { LAUNCHER_ACTIVITY, LAUNCHER_PACKAGE, layoutLauncher } from './launcher.ts';
import { createPlainScreen, layoutAppWindow } from './layout-screen.ts';
import { layoutNotificationShade } from './notification-shade.ts';
import { renderWindowsPng } from './render/render-views.ts';
import type { ScreenState } from './screen-state.ts';
import type { ScreenSpec, TapAction } from './screen-spec.ts';
import type { SimulatedDeviceUi, UiEvent } from './simulated-device-ui.ts';
import { trackUiActivity } from './ui-activity.ts';
import { layoutNavigationBar, layoutStatusBar } from './system-bars.ts';
import { containsPoint, toUiNode, type View, type ViewAction } from './view.ts';
import { currentText, findActionAt, findByKey, findScrollableAt, isWindowStackState } from './view-queries.ts';
import {
  createWindowStack, findTopActivity, popActivity, pushActivity, removePackage,
  type ActivityRecord, type WindowStackState,
} from './window-stack.ts';

/** A laid-out window with what input on it changes. */
interface LiveWindow {
  prefix: string;
  root: View;
  state: ScreenState | undefined;
  record: ActivityRecord | undefined;
  /** Toasts never take touches (FLAG_NOT_TOUCHABLE): input goes to the window below. */
  kind: WindowKind;
}

const STATUS_BAR_PREFIX = 'statusbar';
const NAV_BAR_PREFIX = 'navbar';

export function createDeviceUi(host: UiHost): SimulatedDeviceUi {
  const dimens = new Dimens(host.profile);
  let stack: WindowStackState = createWindowStack();
  const listeners = new Set<(event: UiEvent) => void>();
  let screenshotCache: { key: string; png: Buffer } | undefined;
  const windowIds = new WindowIds();

  const labelOf = (packageName: string): string =>
    host.packages().find((p) => p.packageName === packageName)?.label ?? packageName;

  const screenOf = (record: ActivityRecord): ScreenSpec => {
    if (record.screen) return record.screen;
    const app = stack.apps[record.packageName];
    if (app && record.screenId) return app.screens[record.screenId] ?? createPlainScreen();
    return createPlainScreen();
  };

  /**
   * The soft keyboard shows while the window that asked for it is the focused one (no dialog, shade or
   * other activity over it); once focus moved away it stays hidden (soft-keyboard.ts).
   */
  const imeShown = (): boolean => {
    const top = findTopActivity(stack);
    const shown = stack.ime !== undefined && !stack.shade.open && top !== undefined && !top.dialog
      && stack.ime.owner === `a${top.instance}` && top.state.focused !== undefined;
    if (!shown) delete stack.ime;
    return shown;
  };

  /** Bottom to top: the focused app (or launcher), its dialog, toasts, overlays, the keyboard, the shade or a heads-up banner, then the system bars. */
  const buildWindows = (): LiveWindow[] => {
    const windows: LiveWindow[] = [];
    const top = findTopActivity(stack);
    if (top) {
      windows.push({ prefix: `a${top.instance}`, kind: 'app', record: top, state: top.state,
        root: layoutAppWindow({
          dimens, packageName: top.packageName, label: labelOf(top.packageName), screen: screenOf(top), state: top.state,
          canNavigateUp: (stack.tasks.at(-1)?.activities.length ?? 0) > 1,
        }) });
      if (top.dialog) {
        windows.push({ prefix: `d${top.dialog.instance}`, kind: 'dialog', record: top, state: top.state,
          root: layoutDialog(dimens, top.packageName, top.dialog.spec) });
      }
    } else if (stack.recents) {
      windows.push({ prefix: `recents${stack.recents.instance}`, kind: 'home', record: undefined, state: undefined, root: layoutRecents(dimens, stack, labelOf) });
    } else {
      windows.push({ prefix: 'launcher', kind: 'home', record: undefined, state: stack.launcher, root: layoutLauncher(dimens, host.packages(), stack.launcher) });
    }
    stack.toasts = (stack.toasts ?? []).filter((toast) => toast.until > host.now());
    for (const toast of stack.toasts) {
      windows.push({ prefix: `toast${toast.instance}`, kind: 'toast', record: undefined, state: undefined, root: layoutToast(dimens, toast.text) });
    }
    // Over other apps (TYPE_APPLICATION_OVERLAY): above app windows and toasts, below the system UI.
    for (const overlay of stack.overlays ?? []) {
      windows.push({ prefix: `overlay${overlay.instance}`, kind: 'overlay', record: undefined, state: undefined, root: layoutDialog(dimens, overlay.packageName, overlay.spec) });
    }
    if (imeShown()) {
      windows.push({ prefix: 'ime', kind: 'ime', record: undefined, state: undefined, root: layoutSoftKeyboard(dimens) });
    }
    const headsUp = stack.shade.open ? undefined : pickHeadsUp(host.notifications(), host.now(), stack.headsUpReleased ?? []);
    if (headsUp) {
      windows.push({ prefix: `headsup:${headsUpKey(headsUp)}`, kind: 'headsup', record: undefined, state: undefined, root: layoutHeadsUp(dimens, headsUp, host.packages()) });
    }
    if (stack.shade.open) {
      windows.push({ prefix: `shade${stack.shade.instance}`, kind: 'shade', record: undefined, state: stack.shade.state,
        root: layoutNotificationShade(dimens, host.notifications(), host.packages(), stack.shade.state) });
    }
    windows.push({ prefix: STATUS_BAR_PREFIX, kind: 'system', record: undefined, state: undefined, root: layoutStatusBar(dimens, host.now(), !top || stack.shade.open ? 'dark' : (screenOf(top).appBar ?? true) ? 'app-bar' : 'light') });
    windows.push({ prefix: NAV_BAR_PREFIX, kind: 'system', record: undefined, state: undefined, root: layoutNavigationBar(dimens) });
    return windows;
  };

  const hierarchyOf = (windows: LiveWindow[]): UiNode => ({
    uid: 'hierarchy', className: 'hierarchy', packageName: '', text: '', resourceId: '', contentDesc: '',
    checkable: false, checked: false, clickable: false, enabled: true, focusable: false, focused: false,
    longClickable: false, password: false, scrollable: false, selected: false,
    bounds: [0, 0, dimens.width, dimens.height], displayed: true,
    children: windows.map((w) => toUiNode(w.root, w.prefix, windowIds.idOf(w.prefix))),
  });

  const findView = (uid: string): { window: LiveWindow; view: View } | undefined => {
    for (const window of buildWindows()) {
      if (!uid.startsWith(`${window.prefix}/`)) continue;
      const key = uid.slice(window.prefix.length + 1);
      const view = findByKey(window.root, key);
      if (view) return { window, view };
    }
    return undefined;
  };

  const activities: ActivityContext = { host, stack: () => stack, listeners };
  const startActivity: SimulatedDeviceUi['startActivity'] = (packageName, activity, launch) => startActivityIn(activities, packageName, activity, launch);
  const runTapAction = (record: ActivityRecord | undefined, action: TapAction): void => runTapActionIn(activities, record, action);

  const runViewAction = (window: LiveWindow, action: ViewAction): void => {
    switch (action.kind) {
      case 'app':
        // A dialog's buttons dismiss it before their action runs, as AlertDialog buttons do.
        if (window.kind === 'dialog' && window.record) delete window.record.dialog;
        if (window.kind === 'overlay') {
          runOverlayButton(window.prefix, action.action);
          return;
        }
        runTapAction(window.record, action.action);
        return;
      case 'toggle': {
        if (!window.state) return;
        const current = window.state.values[action.stateKey];
        const view = findByKey(window.root, action.stateKey);
        window.state.values[action.stateKey] = { ...current, checked: !(view?.checked ?? false) };
        if (action.then) runTapAction(window.record, action.then);
        return;
      }
      case 'focus':
        if (window.state) window.state.focused = action.stateKey;
        // A touch on a text field shows the keyboard for its window (TextView.onTouchEvent → showSoftInput).
        if (window.kind === 'app') stack.ime = { owner: window.prefix };
        return;
      case 'launch': {
        const info = host.packages().find((p) => p.packageName === action.packageName);
        if (info?.launchableActivity) launchFromLauncher(activities, info.packageName, info.launchableActivity);
        return;
      }
      case 'resume-task':
        leaveRecents(stack, action.packageName);
        return;
      case 'clear-recents':
        clearRecents(stack);
        return;
      case 'key':
        pressKey(action.keyCode);
        return;
      case 'notification': {
        const notification = host.notifications().find((n) => n.key === action.key);
        stack.shade.open = false;
        const info = notification && host.packages().find((p) => p.packageName === notification.packageName);
        if (info?.launchableActivity) startActivity(info.packageName, info.launchableActivity);
        return;
      }
      case 'clear-notifications':
        for (const n of host.notifications()) host.cancelNotification(n.key);
        stack.shade.open = false;
        return;
    }
  };

  /** An overlay's buttons remove it; what they do then happens in its app's front activity. */
  const runOverlayButton = (prefix: string, action: TapAction): void => {
    const overlay = stack.overlays?.find((o) => `overlay${o.instance}` === prefix);
    stack.overlays = (stack.overlays ?? []).filter((o) => o !== overlay);
    const record = overlay && stack.tasks.find((t) => t.packageName === overlay.packageName)?.activities.at(-1);
    if (action.type !== 'dismiss') runTapAction(record, action);
  };

  /** A heads-up banner goes once tapped or swiped away (HeadsUpManager releases it). */
  const releaseHeadsUp = (window: LiveWindow): void => {
    stack.headsUpReleased = [...(stack.headsUpReleased ?? []), window.prefix.slice('headsup:'.length)].slice(-50);
  };

  const tap = (x: number, y: number): void => {
    const windows = buildWindows();
    for (const window of [...windows].reverse()) {
      if (window.kind === 'toast') continue;
      const inside = containsPoint(window.root.bounds, x, y);
      // The keyboard takes every touch inside it: the key typed is not modelled, the app never gets the tap.
      if (window.kind === 'ime' && inside) return;
      if (window.kind === 'headsup' && inside) releaseHeadsUp(window);
      if (window.kind === 'dialog' && !inside) {
        // Modal: a tap outside a cancelable dialog dismisses it and never reaches the activity.
        if (window.record?.dialog && window.record.dialog.spec.cancelable !== false) delete window.record.dialog;
        return;
      }
      if (!inside) continue;
      const target = findActionAt(window.root, x, y);
      if (target?.action && target.enabled !== false) runViewAction(window, target.action);
      return;
    }
  };

  const swipe = (x1: number, y1: number, x2: number, y2: number, _durationMs?: number, releaseVelocity?: number): void => {
    if (y1 < dimens.statusBarHeight && y2 - y1 > dimens.dp(48) && !stack.shade.open) {
      openNotifications();
      return;
    }
    const windows = buildWindows();
    for (const window of [...windows].reverse()) {
      if (window.kind === 'toast' || !containsPoint(window.root.bounds, x1, y1)) continue;
      if (window.kind === 'dialog' || window.kind === 'ime') return;
      if (window.kind === 'headsup') {
        if (y2 < y1) releaseHeadsUp(window);
        return;
      }
      const scroller = findScrollableAt(window.root, x1, y1);
      if (scroller?.scroll && window.state) {
        const current = window.state.scroll[scroller.scroll.stateKey] ?? 0;
        // The finger's distance, then the fling a moving release starts (OverScroller), in the same direction.
        const fling = releaseVelocity === undefined ? 0 : Math.sign(y1 - y2) * flingDistancePx(releaseVelocity, dimens.dp(1));
        window.state.scroll[scroller.scroll.stateKey] = Math.max(0, Math.min(scroller.scroll.max, current + (y1 - y2) + fling));
      } else if (window.kind === 'shade' && y2 < y1) {
        stack.shade.open = false;
      }
      return;
    }
  };

  const focusedState = (): { state: ScreenState; view: View } | undefined => {
    const top = findTopActivity(stack);
    if (!top?.state.focused) return undefined;
    const window = buildWindows().find((w) => w.record === top && w.kind === 'app');
    const view = window && findByKey(window.root, top.state.focused);
    return view?.textKey ? { state: top.state, view } : undefined;
  };

  const pressKey = (keyCode: number): void => {
    if (stack.recents && recentsKey(stack, keyCode)) return;
    switch (keyCode) {
      case 3: // HOME
        stack.shade.open = false;
        stack.homeOnTop = true;
        return;
      case 111: // ESCAPE: unhandled, it falls back to BACK (Generic.kcm `fallback BACK`)
      case 4: { // BACK
        if (stack.shade.open) {
          stack.shade.open = false;
          return;
        }
        // The input method takes BACK first while it shows and only hides itself (InputMethodService.onKeyDown).
        if (imeShown()) {
          delete stack.ime;
          return;
        }
        const top = findTopActivity(stack);
        if (top?.dialog) {
          if (top.dialog.spec.cancelable !== false) delete top.dialog;
          return;
        }
        popActivity(stack);
        return;
      }
      case 67: { // DEL
        const focused = focusedState();
        if (!focused?.view.textKey) return;
        const text = currentText(focused.state, focused.view);
        focused.state.values[focused.view.textKey] = { ...focused.state.values[focused.view.textKey], text: [...text].slice(0, -1).join('') };
        return;
      }
      case 187: // APP_SWITCH: Recents (PhoneWindowManager → OverviewCommandHelper TYPE_TOGGLE; recents.ts)
        openRecents(stack);
        return;
      case 66: { // ENTER: the focused field's OnEditorActionListener (TextView.onKeyUp → onEditorAction); else nothing
        const focused = focusedState();
        const top = findTopActivity(stack);
        if (focused?.view.submit && top) runTapAction(top, focused.view.submit);
        return;
      }
      default:
        return;
    }
  };

  const openNotifications = (): void => {
    // An expanded shade releases the heads-up banner: the notification is a row in the shade from then on.
    const headsUp = pickHeadsUp(host.notifications(), host.now(), stack.headsUpReleased ?? []);
    if (headsUp) stack.headsUpReleased = [...(stack.headsUpReleased ?? []), headsUpKey(headsUp)].slice(-50);
    stack.shade = { open: true, instance: stack.nextInstance++, state: { values: {}, scroll: {} } };
  };

  // Event stamps and blocked UI threads wrap the layout-only UI (ui-activity.ts).
  return trackUiActivity(host, {
    hierarchy: () => hierarchyOf(buildWindows()),
    windows() {
      return listAccessibilityWindows(buildWindows().map((w) => {
        const id = windowIds.idOf(w.prefix);
        return { kind: w.kind, id, root: toUiNode(w.root, w.prefix, id) };
      }));
    },
    lastToast() {
      const last = stack.lastToast;
      return last ? { text: last.text, ageMs: host.now() - last.shownAt } : undefined;
    },
    inputMethodShown: imeShown,
    focusedWindow() {
      const top = findTopActivity(stack);
      return top ? { packageName: top.packageName, activity: top.activity } : { packageName: LAUNCHER_PACKAGE, activity: LAUNCHER_ACTIVITY };
    },
    startActivity,
    closePackage(packageName) {
      removePackage(stack, packageName);
      // A stopped process's windows go with it, overlays included.
      stack.overlays = (stack.overlays ?? []).filter((o) => o.packageName !== packageName);
    },
    tap,
    swipe,
    pressKey,
    inputText(text) {
      const focused = focusedState();
      if (!focused?.view.textKey) return;
      focused.state.values[focused.view.textKey] = { ...focused.state.values[focused.view.textKey], text: currentText(focused.state, focused.view) + text };
    },
    setText(uid, text) {
      const found = findView(uid);
      if (!found?.view.textKey || !found.window.state) return false;
      found.window.state.values[found.view.textKey] = { ...found.window.state.values[found.view.textKey], text };
      found.window.state.focused = found.view.textKey;
      return true;
    },
    click(uid) {
      const found = findView(uid);
      if (!found) return false;
      const [l, t, r, b] = found.view.bounds;
      tap(Math.floor((l + r) / 2), Math.floor((t + b) / 2));
      return true;
    },
    openNotifications,
    screenshotPng() {
      const windows = buildWindows();
      const key = JSON.stringify(hierarchyOf(windows));
      if (screenshotCache?.key !== key) {
        screenshotCache = { key, png: renderWindowsPng(dimens.width, dimens.height, COLORS.windowBackground, windows.map((w) => w.root)) };
      }
      return screenshotCache.png;
    },
    saveState: () => structuredClone(stack),
    loadState(state) {
      stack = isWindowStackState(state) ? structuredClone(state) : createWindowStack();
      screenshotCache = undefined;
    },
    defineApp(packageName, spec) {
      if (spec) stack.apps[packageName] = spec;
      else delete stack.apps[packageName];
    },
    showScreen(packageName, screen, activity) {
      pushActivity(stack, { packageName, activity: activity ?? `${packageName}.ScreenActivity`, screen }, { reuseTop: false });
    },
    showDialog(packageName, dialog) {
      const task = stack.tasks.find((t) => t.packageName === packageName);
      const record = task?.activities.at(-1);
      if (!record) return false;
      record.dialog = { instance: stack.nextInstance++, spec: dialog };
      return true;
    },
    onUiEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    showToast(packageName, text, durationMs = 2000) {
      stack.toasts = [...(stack.toasts ?? []), { instance: stack.nextInstance++, packageName, text, until: host.now() + durationMs }];
      stack.lastToast = { text, shownAt: host.now() };
    },
    showOverlay(packageName, dialog) {
      stack.overlays = [...(stack.overlays ?? []), { instance: stack.nextInstance++, packageName, spec: dialog }];
    },
    removeOverlays(packageName) {
      stack.overlays = (stack.overlays ?? []).filter((o) => o.packageName !== packageName);
    },
    runAppAction(packageName, action) {
      const record = stack.tasks.find((t) => t.packageName === packageName)?.activities.at(-1);
      if (!record) return false;
      runTapAction(record, action);
      return true;
    },
  });
}
