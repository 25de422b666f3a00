/**
 * Which windows a lookup sees, as appium-uiautomator2-server 10.x and androidx uiautomator 2.3 pick them:
 *
 * - By-selector finds (`id`, `accessibility id`, `class name`) and the XPath/page-source snapshot search
 *   `AXWindowHelpers.getCachedWindowRoots()`: the active window's root only (`getActiveWindowRoot`,
 *   UiAutomation.getRootInActiveWindow), or every window's root, topmost first, when the session setting
 *   `enableMultiWindows` is true (`retrieveWindowRoots` → `getWindowRoots`).
 * - UiSelector finds (`-android uiautomator`) go through UiDevice.findObject(UiSelector) →
 *   `QueryController.getRootNode()`: always the active window, whatever the setting.
 * - Invisible views (`isVisibleToUser()` false) are skipped by ByMatcher and QueryController always, and
 *   by the snapshot unless `allowInvisibleElements` (`UiElementSnapshot.buildChildren`).
 * - The page source and XPath add the last toast as the last child of `hierarchy`
 *   (`UiElementSnapshot.take` → `addToastMsg`, from `NotificationListener.getToastMessage()`: only the
 *   latest toast event's text, dropped 3.5 s after it — TOAST_CLEAR_TIMEOUT — whether the toast is
 *   still shown or not; only while `enableNotificationListener` is on).
 */
import type { UiNode, UiWindow } from '../ui/contracts.ts';
import type { SettingsValue } from './session-settings.ts';

/** NotificationListener.TOAST_CLEAR_TIMEOUT. */
export const TOAST_CLEAR_TIMEOUT_MS = 3500;

/** What the window choice needs from the device and the session. */
export interface WindowSource {
  /** UiAutomation.getWindows(), topmost first. */
  windows(): UiWindow[];
  lastToast(): { text: string; ageMs: number } | undefined;
  /** The session's settings (the defaults when there is no session). */
  settings(): Readonly<Record<string, SettingsValue>>;
}

function emptyRoot(children: UiNode[], width = 0, height = 0): UiNode {
  return {
    uid: 'hierarchy', className: 'hierarchy', packageName: '', text: '', resourceId: '', contentDesc: '',
    checkable: false, checked: false, clickable: false, enabled: true, focusable: false, focused: false,
    longClickable: false, password: false, scrollable: false, selected: false,
    bounds: [0, 0, width, height], displayed: true, children,
  };
}

/** A copy without invisible views and their subtrees; the window root itself always stays. */
export function withoutInvisible(node: UiNode): UiNode {
  if (node.children.every((child) => child.displayed && child.children.length === 0)) return node;
  return { ...node, children: node.children.filter((child) => child.displayed).map(withoutInvisible) };
}

function activeRoot(windows: UiWindow[]): UiNode[] {
  const active = windows.find((window) => window.active);
  return active ? [active.root] : [];
}

/** The window roots a By-selector find or the snapshot starts from. */
export function selectWindowRoots(source: WindowSource): UiNode[] {
  const windows = source.windows();
  return source.settings()['enableMultiWindows'] === true ? windows.map((window) => window.root) : activeRoot(windows);
}

/**
 * A `hierarchy` node over the roots a find searches (its children; the node itself never matches):
 * `ui-selector` → the active window; `by-selector` → the active window or every window.
 */
export function buildQueryRoot(source: WindowSource, kind: 'ui-selector' | 'by-selector'): UiNode {
  const roots = kind === 'ui-selector' ? activeRoot(source.windows()) : selectWindowRoots(source);
  return emptyRoot(roots.map(withoutInvisible));
}

/** The toast node `addToastMsg` appends, when NotificationListener still holds a toast's text. */
function recentToastNode(source: WindowSource): UiNode | undefined {
  if (source.settings()['enableNotificationListener'] === false) return undefined;
  const toast = source.lastToast();
  if (!toast || toast.ageMs > TOAST_CLEAR_TIMEOUT_MS) return undefined;
  return { ...emptyRoot([]), uid: 'toast', className: 'android.widget.Toast', packageName: 'com.android.settings', text: toast.text };
}

/** The `hierarchy` root the page source and XPath serialise: window roots, then the toast. */
export function buildSnapshotRoot(source: WindowSource, display: { width: number; height: number }): UiNode {
  const allowInvisible = source.settings()['allowInvisibleElements'] === true;
  const roots = selectWindowRoots(source).map((root) => (allowInvisible ? root : withoutInvisible(root)));
  const toast = recentToastNode(source);
  return emptyRoot(toast ? [...roots, toast] : roots, display.width, display.height);
}

/**
 * The whole screen plus the toast node while NotificationListener holds it: a toast element found by
 * XPath is a UiObject2 over the server's own AccessibilityNodeInfo (ElementHelpers.getText reads its
 * `mCachedNode`), so it answers for as long as the toast's text is kept (3.5 s), then it is gone.
 */
export function withRecentToast(source: WindowSource, hierarchy: UiNode): UiNode {
  const toast = recentToastNode(source);
  return toast ? { ...hierarchy, children: [...hierarchy.children, toast] } : hierarchy;
}
