/**
 * What the accessibility layer sees of the screen beyond its views: when the last accessibility
 * event came (a window or its content changed), and which apps' UI threads are blocked.
 *
 * - Events: UiAutomation.waitForIdle(quiet, timeout) waits until no AccessibilityEvent arrived for
 *   `quiet` ms (frameworks/base `core/java/android/app/UiAutomation.java`, `waitForIdle`). Views post
 *   TYPE_WINDOW_CONTENT_CHANGED when their text, state or position changes and windows
 *   TYPE_WINDOW_STATE_CHANGED when they come and go (`View.notifyViewAccessibilityStateChangedIfNeeded`,
 *   `AccessibilityManagerService`). Here: any change of the visible hierarchy is an event, stamped when
 *   an input causes it, at every re-render of the app in front (its state changed: a counter, a
 *   progress bar), or — for changes nobody drove through the UI (a
 *   notification posted, a toast expiring, the clock) — when it is first noticed.
 * - Blocked UI threads: a hung app's window answers no accessibility query
 *   (`AccessibilityInteractionController` runs on the app's main thread) and takes no key event: the
 *   event waits in InputDispatcher (the start of the ANR countdown) and the app is told through a
 *   `PENDING_INPUT_EVENT` UiEvent. HOME and APP_SWITCH are handled by the system, not the app.
 */
import type { UiHost } from './contracts.ts';
import type { SimulatedDeviceUi, UiEvent } from './simulated-device-ui.ts';

/** The UiEvent a hung app gets when input waits for its window (faults/frozen-input.ts taps send it too). */
export const PENDING_INPUT_EVENT = 'sys-input-pending';

/** Keys the window manager handles itself (`PhoneWindowManager.interceptKeyBeforeDispatching`): never queued for the app. */
const SYSTEM_KEYS: ReadonlySet<number> = new Set([3, 26, 187]);

type ActivityMethods = 'msSinceAccessibilityEvent' | 'isUiThreadBlocked' | 'setUiThreadBlocked';
export type UntrackedDeviceUi = Omit<SimulatedDeviceUi, ActivityMethods>;

/** The device UI with event stamps and blocked UI threads; `ui` is the layout-only UI underneath. */
export function trackUiActivity(host: UiHost, ui: UntrackedDeviceUi): SimulatedDeviceUi {
  let signature = JSON.stringify(ui.hierarchy());
  let lastEventAt = host.now();
  const blocked = new Set<string>();
  const listeners = new Set<(event: UiEvent) => void>();

  /** Stamps an event when the visible hierarchy changed since it was last looked at. */
  const noticeChanges = (): void => {
    const now = JSON.stringify(ui.hierarchy());
    if (now === signature) return;
    signature = now;
    lastEventAt = host.now();
  };
  const stampEvent = (): void => {
    signature = JSON.stringify(ui.hierarchy());
    lastEventAt = host.now();
  };
  const tracked = <A extends unknown[], R>(run: (...args: A) => R) => (...args: A): R => {
    const result = run(...args);
    noticeChanges();
    return result;
  };

  const pressKey = (keyCode: number): void => {
    const focused = ui.focusedWindow();
    if (blocked.has(focused.packageName) && !SYSTEM_KEYS.has(keyCode)) {
      for (const listener of listeners) listener({ packageName: focused.packageName, activity: focused.activity, name: PENDING_INPUT_EVENT });
      return;
    }
    ui.pressKey(keyCode);
    noticeChanges();
  };

  return {
    ...ui,
    startActivity: tracked(ui.startActivity),
    closePackage: tracked((packageName: string) => {
      blocked.delete(packageName);
      ui.closePackage(packageName);
    }),
    tap: tracked(ui.tap),
    swipe: tracked(ui.swipe),
    pressKey,
    inputText: tracked(ui.inputText),
    setText: tracked(ui.setText),
    click: tracked(ui.click),
    openNotifications: tracked(ui.openNotifications),
    loadState: tracked((state: unknown) => {
      blocked.clear();
      ui.loadState(state);
    }),
    defineApp: (packageName, spec) => {
      ui.defineApp(packageName, spec);
      // An app re-renders because its state changed: progress bars and other drawn state post events
      // too (ProgressBar.onProgressRefresh → TYPE_VIEW_SELECTED) without changing the hierarchy.
      if (ui.focusedWindow().packageName === packageName) stampEvent();
      else noticeChanges();
    },
    showScreen: tracked(ui.showScreen),
    showDialog: tracked(ui.showDialog),
    showToast: tracked(ui.showToast),
    runAppAction: tracked(ui.runAppAction),
    onUiEvent(listener) {
      listeners.add(listener);
      const off = ui.onUiEvent(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
    msSinceAccessibilityEvent() {
      noticeChanges();
      return Math.max(0, host.now() - lastEventAt);
    },
    isUiThreadBlocked: (packageName) => blocked.has(packageName),
    setUiThreadBlocked(packageName, isBlocked) {
      if (isBlocked) blocked.add(packageName);
      else blocked.delete(packageName);
    },
  };
}
