/**
 * What a real UiAutomator2 server makes every lookup wait for, and what a hung app does to it.
 *
 * - Idle: `AXWindowHelpers.resetAccessibilityCache()` → `Device.waitForIdle()` runs before every
 *   find (`ElementLocationHelpers.findElements`), every page source and after an element click
 *   (`handler/Click`): `UiDevice.waitForIdle(waitForIdleTimeout)` → androidx `QueryController.waitForIdle`
 *   → `UiAutomation.waitForIdle(500 ms quiet, timeout)`. It returns at once when no accessibility
 *   event came in the last 500 ms, else when 500 ms pass without one, or when the timeout elapses
 *   (a TimeoutException the server only logs). A setting ≤ 0 skips the wait
 *   (`Device.waitForIdle`: "Idle timeout is not greater than zero"). Default 10 000 ms
 *   (`model/settings/WaitForIdleTimeout`).
 * - Snapshots: page source and XPath walk every node (`AccessibilityNodeInfoDumper`), one binder
 *   round trip per node: 100–1000 ms on real screens; here a modest per-node cost.
 * - Hung app: with the active window's app blocked, `getRootInActiveWindow()` gets no answer (the
 *   interaction client waits 5 s, `AccessibilityInteractionClient` TIMEOUT_INTERACTION_MILLIS) and
 *   `AXWindowHelpers.getActiveWindowRoot` gives up after AX_ROOT_RETRIEVAL_TIMEOUT_MS (10 s):
 *   UiAutomator2Exception → HTTP 500 "unknown error".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceUi, UiNode } from '../ui/contracts.ts';
import type { SettingsValue } from './session-settings.ts';
import { staleElement, Uia2Error } from './uia2-error.ts';

/** androidx `QueryController.QUIET_TIME_TO_BE_CONSIDERD_IDLE_STATE`. */
export const IDLE_QUIET_MS = 500;
/** `WaitForIdleTimeout` default. */
export const DEFAULT_WAIT_FOR_IDLE_TIMEOUT_MS = 10_000;
/** `AXWindowHelpers.AX_ROOT_RETRIEVAL_TIMEOUT_MS`. */
export const ACTIVE_WINDOW_ROOT_TIMEOUT_MS = 10_000;
/** `AccessibilityInteractionClient.TIMEOUT_INTERACTION_MILLIS`: how long one query waits for an app's answer. */
export const ACCESSIBILITY_INTERACTION_TIMEOUT_MS = 5_000;
/** Cost of one node of a page-source or XPath snapshot (a 150-node screen: 150 ms). */
export const SNAPSHOT_MS_PER_NODE = 1;

/** The session's `waitForIdleTimeout` setting in ms (a number or a numeric string, as Appium forwards it). */
export function readWaitForIdleTimeout(settings: Readonly<Record<string, SettingsValue>>): number {
  const value = Number(settings['waitForIdleTimeout'] ?? DEFAULT_WAIT_FOR_IDLE_TIMEOUT_MS);
  return Number.isFinite(value) ? value : DEFAULT_WAIT_FOR_IDLE_TIMEOUT_MS;
}

/**
 * Waits until the screen has been quiet for 500 ms or `timeoutMs` passed; never fails. Returns the
 * ms it waited. Costs nothing when the screen has not changed in the last 500 ms.
 */
export async function waitForIdle(ui: Pick<DeviceUi, 'msSinceAccessibilityEvent'>, timeoutMs: number): Promise<number> {
  if (timeoutMs <= 0) return 0;
  const started = performance.now();
  for (;;) {
    const quiet = ui.msSinceAccessibilityEvent();
    const waited = performance.now() - started;
    if (quiet >= IDLE_QUIET_MS || waited >= timeoutMs) return waited;
    await sleep(Math.max(1, Math.min(IDLE_QUIET_MS - quiet, timeoutMs - waited)));
  }
}

/**
 * Throws what the server answers when the active window's app is blocked, after the time the real
 * server spends finding that out; returns at once otherwise.
 */
export async function requireResponsiveActiveWindow(ui: Pick<DeviceUi, 'focusedWindow' | 'isUiThreadBlocked'>): Promise<void> {
  const { packageName } = ui.focusedWindow();
  if (!ui.isUiThreadBlocked(packageName)) return;
  const started = performance.now();
  await sleep(ACTIVE_WINDOW_ROOT_TIMEOUT_MS);
  // The app may have been stopped meanwhile (ANR "Close app"): the loop then finds a root.
  if (!ui.isUiThreadBlocked(ui.focusedWindow().packageName)) return;
  throw new Uia2Error('unknown error', 500, `Timed out after ${Math.round(performance.now() - started)}ms waiting for the root AccessibilityNodeInfo in the active window. Make sure the active window is not constantly hogging the main UI thread (e.g. the application is being idle long enough), so the accessibility manager could do its work`);
}

/**
 * A cached element of a hung app's window: refreshing its node waits out the interaction timeout and
 * fails; `ElementsCache.restore()` then gives up at once for a FindElements element, or after trying to
 * re-find a single match (which needs the active window's root: 10 s more) — `stale element reference`.
 */
export async function requireResponsiveElement(ui: Pick<DeviceUi, 'focusedWindow' | 'isUiThreadBlocked'>, singleMatch: boolean, elementId: string): Promise<void> {
  if (!ui.isUiThreadBlocked(ui.focusedWindow().packageName)) return;
  await sleep(ACCESSIBILITY_INTERACTION_TIMEOUT_MS + (singleMatch ? ACTIVE_WINDOW_ROOT_TIMEOUT_MS : 0));
  if (!ui.isUiThreadBlocked(ui.focusedWindow().packageName)) return;
  throw staleElement(`The element '${elementId}' does not exist in DOM anymore`);
}

/** Spends what a snapshot of `root` costs: one accessibility round trip per node. */
export async function spendSnapshotCost(root: UiNode): Promise<void> {
  await sleep(countNodes(root) * SNAPSHOT_MS_PER_NODE);
}

function countNodes(node: UiNode): number {
  let count = 1;
  for (const child of node.children) count += countNodes(child);
  return count;
}
