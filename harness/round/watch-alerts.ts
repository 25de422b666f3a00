import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { AndroidEnv } from '../android/index.ts';
import { parseDumpsysNotification, runAdb, type DumpedNotification } from '../android/index.ts';
import { toLocator } from '../appium/locate.ts';
import type { AlertWatch } from '../config/index.ts';
import type { DetectionPhase, ObservedAlert } from '../verdict/index.ts';

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
  signal: AbortSignal;
  /** @default 500 */
  intervalMs?: number;
  /** Called once per newly seen dialog, e.g. to capture it as evidence. */
  onDialog?: (alert: ObservedAlert) => Promise<void>;
}

function matchesPatterns(notification: DumpedNotification, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  const text = `${notification.title}\n${notification.text}`;
  return patterns.some((pattern) => new RegExp(pattern, 'i').test(text));
}

function alertKey(alert: Pick<ObservedAlert, 'kind' | 'title' | 'text'>): string {
  return `${alert.kind}\u0000${alert.title}\u0000${alert.text}`;
}

/** The product's notifications that count as alerts, read with `dumpsys notification --noredact`. */
export async function readProductNotifications(env: AndroidEnv, serial: string, productPackage: string, patterns: readonly string[], signal: AbortSignal): Promise<{ raw: string; notifications: DumpedNotification[] }> {
  const { stdout } = await runAdb(env, serial, ['shell', 'dumpsys notification --noredact'], { signal, timeoutMs: 20_000 });
  const notifications = parseDumpsysNotification(stdout).filter((n) => n.packageName === productPackage && matchesPatterns(n, patterns));
  return { raw: stdout, notifications };
}

async function readDialogs(driver: Browser, watch: AlertWatch): Promise<Array<{ title: string; text: string }>> {
  const found: Array<{ title: string; text: string }> = [];
  for (const dialog of watch.dialogs) {
    const match = toLocator(dialog.match);
    const matches = (await driver.findElements(match.using, match.value)) as unknown as Array<Record<string, string>>;
    const first = matches[0];
    if (!first) continue;
    const matchId = first['element-6066-11e4-a52e-4f735466cecf'] ?? first['ELEMENT'] ?? '';
    const title = await driver.getElementText(matchId).catch(() => '');
    let text = title;
    if (dialog.text) {
      const locator = toLocator(dialog.text);
      const texts = (await driver.findElements(locator.using, locator.value)) as unknown as Array<Record<string, string>>;
      const textRef = texts[0];
      if (textRef) text = await driver.getElementText(textRef['element-6066-11e4-a52e-4f735466cecf'] ?? textRef['ELEMENT'] ?? '').catch(() => title);
    }
    found.push({ title, text });
  }
  return found;
}

/**
 * Watches for the product's alerts for a bounded time: notifications it posts and dialogs/screens
 * it raises, as the product profile defines them. Returns the alerts first seen in this phase, with
 * the host time they were first seen.
 */
export async function watchAlerts(options: WatchAlertsOptions): Promise<ObservedAlert[]> {
  const seen = new Set(options.known.map(alertKey));
  const fresh: ObservedAlert[] = [];
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    options.signal.throwIfAborted();
    const { notifications } = await readProductNotifications(options.env, options.serial, options.productPackage, options.watch.notificationPatterns, options.signal);
    const candidates: ObservedAlert[] = notifications.map((n) => ({ kind: 'notification', phase: options.phase, title: n.title, text: n.text, seenAt: Date.now() }));
    if (options.driver && options.watch.dialogs.length > 0) {
      for (const dialog of await readDialogs(options.driver, options.watch)) {
        candidates.push({ kind: 'dialog', phase: options.phase, title: dialog.title, text: dialog.text, seenAt: Date.now() });
      }
    }
    for (const alert of candidates) {
      const key = alertKey(alert);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(alert);
      if (alert.kind === 'dialog') await options.onDialog?.(alert);
    }
    if (options.isSatisfied([...options.known, ...fresh]) || performance.now() >= deadline) return fresh;
    await delay(Math.min(options.intervalMs ?? 500, Math.max(0, deadline - performance.now())), undefined, { signal: options.signal });
  }
}
