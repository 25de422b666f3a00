/**
 * The seam between the Android model (device/, shell/) and what is on screen (ui/, uiautomator2/).
 * The device creates its DeviceUi with `createDeviceUi(host)` from `simulator/ui/index.ts`.
 */
import type { DeviceProfile } from '../device/contracts.ts';
import type { LaunchIntent, StartOutcome } from './window-stack.ts';

/** One view in the window hierarchy, as UiAutomator's dump shows it. */
export interface UiNode {
  /** Stable for the node's lifetime on its screen; UiAutomator2 element ids map to it. */
  uid: string;
  className: string;
  packageName: string;
  text: string;
  resourceId: string;
  contentDesc: string;
  checkable: boolean;
  checked: boolean;
  clickable: boolean;
  enabled: boolean;
  focusable: boolean;
  focused: boolean;
  longClickable: boolean;
  password: boolean;
  scrollable: boolean;
  selected: boolean;
  /** [left, top, right, bottom] in screen pixels. */
  bounds: [number, number, number, number];
  displayed: boolean;
  /** AccessibilityNodeInfo.getWindowId(): the window the view is in (absent on synthetic nodes). */
  windowId?: number;
  /** A text field's hint (AccessibilityNodeInfo.getHintText), absent when none is set. */
  hint?: string;
  /** The field is empty and its `text` is the hint (AccessibilityNodeInfo.isShowingHintText). */
  showingHint?: boolean;
  children: UiNode[];
}

/**
 * AccessibilityWindowInfo types: app windows and their dialogs are `application`; the status bar,
 * navigation bar, notification shade and heads-up are `system`; the soft keyboard is `input_method`.
 * An app's window over other apps (TYPE_APPLICATION_OVERLAY) is reported as `system` too.
 */
export type UiWindowType = 'application' | 'input_method' | 'system';

/** A window as UiAutomation.getWindows() reports it. */
export interface UiWindow {
  /** Stable while the window lives (AccessibilityWindowInfo.getId). */
  id: number;
  type: UiWindowType;
  /** The window accessibility queries go to (getRootInActiveWindow): the focused window. */
  active: boolean;
  root: UiNode;
}

/** What the UI needs to know about one installed package. */
export interface UiPackageInfo {
  packageName: string;
  label: string;
  /** Fully qualified launcher activity, undefined when none. */
  launchableActivity: string | undefined;
  /** Launcher icon hidden (component disabled with `pm disable` / hidden by the app). */
  hiddenFromLauncher: boolean;
  /**
   * Android 10+: hidden, yet LauncherApps lists a synthesized "app details" activity for it, so the
   * launcher keeps an icon (LauncherAppsService.shouldShowSyntheticActivity). @default false
   */
  syntheticLauncherIcon?: boolean;
  enabled: boolean;
  /** Reads an entry from the package's APK (e.g. `assets/behaviour.json`), undefined when absent. */
  readEntry(name: string): Buffer | undefined;
}

/** A posted notification, as `dumpsys notification --noredact` and the shade show it. */
export interface UiNotification {
  key: string;
  packageName: string;
  id: number;
  channelId: string;
  title: string;
  text: string;
  postTime: number;
  /**
   * Its channel's importance (NotificationManager.IMPORTANCE_*: 3 default, 4 high); absent means
   * IMPORTANCE_DEFAULT. IMPORTANCE_HIGH notifications peek as heads-up banners (ui/heads-up.ts).
   */
  importance?: number;
}

/** What the UI may ask of the Android model. */
export interface UiHost {
  readonly profile: DeviceProfile;
  packages(): UiPackageInfo[];
  notifications(): UiNotification[];
  /** Apps (behaviour files, system UI) post and cancel notifications through here. */
  postNotification(notification: Omit<UiNotification, 'key' | 'postTime'>): UiNotification;
  cancelNotification(key: string): void;
  log(tag: string, message: string, priority?: 'V' | 'D' | 'I' | 'W' | 'E'): void;
  /** ms since the epoch; tests and snapshots go through this clock. */
  now(): number;
}

/** The screen: focused window, input, and rendering. */
export interface DeviceUi {
  /** The whole screen as a hierarchy (status bar + focused window + any dialog). */
  hierarchy(): UiNode;
  /**
   * The windows the accessibility framework reports, topmost first (AccessibilityWindowsPopulator:
   * only visible windows with a touchable region, so toasts are never among them); exactly one is active.
   */
  windows(): UiWindow[];
  /**
   * The last toast shown and its age on the device clock: what UiAutomator2's NotificationListener
   * records from TYPE_NOTIFICATION_STATE_CHANGED, whether or not the toast is still on screen.
   */
  lastToast(): { text: string; ageMs: number } | undefined;
  /** The soft keyboard is on screen (`dumpsys input_method` mInputShown; ui/soft-keyboard.ts). */
  inputMethodShown(): boolean;
  /** Package and fully qualified activity of the focused window (for `dumpsys window`). */
  focusedWindow(): { packageName: string; activity: string };
  /**
   * `am start -n pkg/.Activity`; false when the activity does not exist, 'task-to-front' when the
   * intent only brought the package's task to the front as it was (window-stack.ts startInTask).
   * Without `launch` the activity is pushed on the package's task (an in-app start).
   */
  startActivity(packageName: string, activity: string, launch?: LaunchIntent): StartOutcome | false;
  /** The package's screens are closed (`am force-stop`, uninstall). */
  closePackage(packageName: string): void;
  tap(x: number, y: number): void;
  /**
   * A finger from (x1, y1) to (x2, y2). `releaseVelocity` (px/s along the path, as VelocityTracker
   * reports it at ACTION_UP) makes a scrolling list fling on (ui/fling.ts); undefined: no fling.
   */
  swipe(x1: number, y1: number, x2: number, y2: number, durationMs: number, releaseVelocity?: number): void;
  /** Android key codes: 3 HOME, 4 BACK, 66 ENTER, 67 DEL, 187 APP_SWITCH. */
  pressKey(keyCode: number): void;
  /** Types into the focused text field (`input text`, UiAutomator2 `value`). */
  inputText(text: string): void;
  setText(uid: string, text: string): boolean;
  click(uid: string): boolean;
  openNotifications(): void;
  /** PNG of the current screen at the profile's resolution. */
  screenshotPng(): Buffer;
  saveState(): unknown;
  loadState(state: unknown): void;
  /**
   * ms since the last accessibility event (a window or its content changed): what
   * UiAutomation.waitForIdle waits on (ui-activity.ts).
   */
  msSinceAccessibilityEvent(): number;
  /** The package's main thread is blocked: its windows answer no accessibility query (ui-activity.ts). */
  isUiThreadBlocked(packageName: string): boolean;
}
