import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { AndroidEnv } from '../android/index.ts';
import { parseDumpsysNotification, runAdb, type DumpedNotification } from '../android/index.ts';
import { isUiStateError } from '../appium/flow-errors.ts';
import { toMultiWindowLocator } from '../appium/locate.ts';
import type { AlertWatch } from '../config/index.ts';
import type { DetectionPhase, ObservedAlert } from '../verdict/index.ts';

/** Notifications present before the sample was installed: never alerts (methodology.md). */
export type NotificationBaseline = ReadonlySet<string>;

export interface WatchAlertsOptions {
  env: AndroidEnv;
  serial: string;
  driver: Browser | undefined;
  productPackage: string;
  watch: AlertWatch;
  phase: DetectionPhase;
  /** Budget of the watch. */
  timeoutMs: number;
  /** Stop early once the alerts seen so far satisfy this (e.g. one identifies the sample). */
  isSatisfied: (alerts: readonly ObservedAlert[]) => boolean;
  /** Alerts already seen in earlier phases; not reported again. */
  known: readonly ObservedAlert[];
  baseline: NotificationBaseline;
  signal: AbortSignal;
  /** @default 500 */
  intervalMs?: number;
  /** Called once per newly seen dialog, e.g. to capture it as evidence; returns the evidence path. */
  onDialog?: (alert: ObservedAlert) => Promise<string | undefined>;
  /** Called once per newly seen notification alert; returns the evidence path. */
  onNotifications?: (raw: string) => Promise<string | undefined>;
}

const compiled = new Map<string, RegExp>();

/** No patterns: the product never alerts by notification (the profile said `none`). */
function matchesPatterns(notification: DumpedNotification, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const text = `${notification.title}\n${notification.text}`;
  return patterns.some((pattern) => {
    let regex = compiled.get(pattern);
    if (!regex) { regex = new RegExp(pattern, 'iu'); compiled.set(pattern, regex); }
    return regex.test(text);
  });
}

function notificationKey(notification: DumpedNotification): string {
  return `${notification.key}\u0000${notification.title}\u0000${notification.text}`;
}

function alertKey(alert: Pick<ObservedAlert, 'kind' | 'title' | 'text'>): string {
  return `${alert.kind}\u0000${alert.title}\u0000${alert.text}`;
}

/**
 * Which of the product's notifications are alerts (methodology.md): posted by the product, matching
 * the profile's `notificationPatterns`, not ongoing and not a foreground service's (a status line such
 * as "Device health: good" is not an event), and not already there before the sample was installed.
 */
export function selectAlertNotifications(notifications: readonly DumpedNotification[], productPackage: string, patterns: readonly string[], baseline: NotificationBaseline): DumpedNotification[] {
  return notifications.filter((n) => n.packageName === productPackage && !n.ongoing && !n.foregroundService
    && !baseline.has(notificationKey(n)) && matchesPatterns(n, patterns));
}

/** Reads `dumpsys notification --noredact`: the raw text (evidence) and every record. */
export async function dumpNotifications(env: AndroidEnv, serial: string, signal: AbortSignal): Promise<{ raw: string; notifications: DumpedNotification[] }> {
  const { stdout } = await runAdb(env, serial, ['shell', 'dumpsys notification --noredact'], { signal, timeoutMs: 20_000 });
  return { raw: stdout, notifications: parseDumpsysNotification(stdout) };
}

/** The product's notifications now, as a baseline: whatever is there before the sample arrives is not about it. */
export async function readNotificationBaseline(env: AndroidEnv, serial: string, productPackage: string, signal: AbortSignal): Promise<NotificationBaseline> {
  const { notifications } = await dumpNotifications(env, serial, signal);
  return new Set(notifications.filter((n) => n.packageName === productPackage).map(notificationKey));
}

/** The product's notifications that count as alerts now. */
export async function readProductNotifications(env: AndroidEnv, serial: string, productPackage: string, patterns: readonly string[], baseline: NotificationBaseline, signal: AbortSignal): Promise<{ raw: string; notifications: DumpedNotification[] }> {
  const { raw, notifications } = await dumpNotifications(env, serial, signal);
  return { raw, notifications: selectAlertNotifications(notifications, productPackage, patterns, baseline) };
}

async function textOf(driver: Browser, reference: Record<string, string> | undefined): Promise<string | undefined> {
  if (!reference) return undefined;
  try {
    return await driver.getElementText(reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '');
  } catch (error) {
    if (isUiStateError(error)) return undefined;
    throw error;
  }
}

/**
 * Runs `read` with the UiAutomator2 setting `enableMultiWindows` on, and turns it off again. By default the
 * server searches only the active (focused) window (AXWindowHelpers.getActiveWindowRoot); a product's
 * alert drawn over other apps (TYPE_APPLICATION_OVERLAY, never focused) or a dialog under the open shade
 * is in a window of its own. The results reader must keep seeing only the active window (rows behind a
 * dialog are not the results), so the setting is on only around the alert lookups.
 */
async function withAllWindows<T>(driver: Browser, read: () => Promise<T>): Promise<T> {
  await driver.updateSettings({ enableMultiWindows: true });
  try {
    return await read();
  } finally {
    await driver.updateSettings({ enableMultiWindows: false });
  }
}

/** The profile's alert dialogs/screens shown right now, in any window, with their text. */
export async function readDialogs(driver: Browser, watch: AlertWatch): Promise<Array<{ title: string; text: string }>> {
  return await withAllWindows(driver, () => readDialogsInWindows(driver, watch));
}

async function readDialogsInWindows(driver: Browser, watch: AlertWatch): Promise<Array<{ title: string; text: string }>> {
  const found: Array<{ title: string; text: string }> = [];
  for (const dialog of watch.dialogs) {
    const match = toMultiWindowLocator(dialog.match);
    const matches = (await driver.findElements(match.using, match.value)) as unknown as Array<Record<string, string>>;
    if (matches.length === 0) continue;
    const title = (await textOf(driver, matches[0])) ?? '';
    let text = title;
    if (dialog.text) {
      const locator = toMultiWindowLocator(dialog.text);
      const texts = (await driver.findElements(locator.using, locator.value)) as unknown as Array<Record<string, string>>;
      text = (await textOf(driver, texts[0])) ?? title;
    }
    found.push({ title, text });
  }
  return found;
}

/**
 * Watches for the product's alerts for a bounded time: notifications it posts and dialogs/screens
 * it raises, as the product profile defines them. Returns the alerts first seen in this phase, with
 * the host time they were first seen and the evidence that shows them.
 */
export async function watchAlerts(options: WatchAlertsOptions): Promise<ObservedAlert[]> {
  const seen = new Set(options.known.map(alertKey));
  const fresh: ObservedAlert[] = [];
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    options.signal.throwIfAborted();
    const { raw, notifications } = await readProductNotifications(options.env, options.serial, options.productPackage, options.watch.notificationPatterns, options.baseline, options.signal);
    const newNotifications = notifications
      .map((n): ObservedAlert => ({ kind: 'notification', phase: options.phase, title: n.title, text: n.text, seenAt: Date.now() }))
      .filter((alert) => !seen.has(alertKey(alert)));
    if (newNotifications.length > 0) {
      const evidence = await options.onNotifications?.(raw);
      for (const alert of newNotifications) {
        seen.add(alertKey(alert));
        fresh.push(evidence === undefined ? alert : { ...alert, evidence });
      }
    }
    if (options.driver && options.watch.dialogs.length > 0) {
      for (const dialog of await readDialogs(options.driver, options.watch)) {
        const alert: ObservedAlert = { kind: 'dialog', phase: options.phase, title: dialog.title, text: dialog.text, seenAt: Date.now() };
        if (seen.has(alertKey(alert))) continue;
        seen.add(alertKey(alert));
        const evidence = await options.onDialog?.(alert);
        fresh.push(evidence === undefined ? alert : { ...alert, evidence });
      }
    }
    if (options.isSatisfied([...options.known, ...fresh]) || performance.now() >= deadline) return fresh;
    await delay(Math.min(options.intervalMs ?? 500, Math.max(0, deadline - performance.now())), undefined, { signal: options.signal });
  }
}
