/**
 * `results.shape: notification`: a product with no results screen, whose scan's findings are its
 * notifications. Exactly, in order:
 *  1. the scan's end must be observed within `finishedTimeoutMs` after the scan flow: the profile's
 *     `finished.selector` on screen, or a notification of the product (posted after the sample was
 *     installed, not ongoing) whose title or text matches `finished.notification`. Not observed →
 *     RESULTS_NOT_SHOWN: a scan that may still be running says nothing ("no evidence, no verdict").
 *  2. then the product's notifications are read for `withinMs` (the whole budget, every poll): each
 *     that `alerts.notificationPatterns` matches (the same rule as an alert: the product's package,
 *     not ongoing or a foreground service's, not there before the sample was installed) becomes one
 *     scan entry — threat name its title, text its title and text — identified by the same rules as a
 *     list entry (verdict/identify-sample.ts): a notification that only carries a generic label
 *     ("Threat found") identifies nothing.
 * None within the budget after an observed end → no entries ("not detected" for that scan).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { AndroidEnv } from '../android/index.ts';
import { describeSelector, toLocator } from '../appium/locate.ts';
import type { NotificationResults } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { ScanEntry } from '../verdict/index.ts';
import { dumpNotifications, selectAlertNotifications, type NotificationBaseline } from './watch-alerts.ts';

const POLL_MS = 500;

export interface NotificationResultsInput {
  driver: Browser;
  env: AndroidEnv;
  serial: string;
  productPackage: string;
  /** alerts.notificationPatterns of the profile. */
  patterns: readonly string[];
  /** The product's notifications before the sample was installed. */
  baseline: NotificationBaseline;
  results: NotificationResults;
  signal: AbortSignal;
  /** The raw `dumpsys notification` that decided, saved as evidence. */
  onNotifications?: ((raw: string) => Promise<unknown>) | undefined;
}

function notificationKey(n: { key: string; title: string; text: string }): string {
  return `${n.key}\u0000${n.title}\u0000${n.text}`;
}

async function finishedOnScreen(driver: Browser, input: NotificationResultsInput): Promise<boolean> {
  const selector = input.results.finished.selector;
  if (!selector) return false;
  const locator = toLocator(selector);
  const found = (await driver.findElements(locator.using, locator.value)) as unknown[];
  return found.length > 0;
}

function describeFinished(results: NotificationResults): string {
  return results.finished.selector ? describeSelector(results.finished.selector) : `a notification matching /${results.finished.notification}/`;
}

export async function readNotificationResults(input: NotificationResultsInput): Promise<ScanEntry[]> {
  const { results } = input;
  const pattern = results.finished.notification === undefined ? undefined : new RegExp(results.finished.notification, 'iu');
  const finishDeadline = performance.now() + results.finishedTimeoutMs;
  let finished = false;
  while (!finished) {
    input.signal.throwIfAborted();
    if (pattern) {
      const { notifications } = await dumpNotifications(input.env, input.serial, input.signal);
      finished = notifications.some((n) => n.packageName === input.productPackage && !n.ongoing && !n.foregroundService
        && !input.baseline.has(notificationKey(n)) && pattern.test(`${n.title}\n${n.text}`));
    } else {
      finished = await finishedOnScreen(input.driver, input);
    }
    if (finished) break;
    if (performance.now() >= finishDeadline) {
      throw new HarnessError('RESULTS_NOT_SHOWN', `the scan's end (${describeFinished(results)}) was not observed within ${results.finishedTimeoutMs} ms after the scan flow`, {
        hint: 'no evidence, no verdict: a notification-only product says "nothing found" only by finishing its scan; see the notifications and screenshots (raise results.finishedTimeoutMs if its scan is slower)',
      });
    }
    await delay(POLL_MS, undefined, { signal: input.signal });
  }
  const entries = new Map<string, ScanEntry>();
  let raw = '';
  const deadline = performance.now() + results.withinMs;
  for (;;) {
    const dumped = await dumpNotifications(input.env, input.serial, input.signal);
    raw = dumped.raw;
    for (const n of selectAlertNotifications(dumped.notifications, input.productPackage, input.patterns, input.baseline)) {
      const key = notificationKey(n);
      if (!entries.has(key)) entries.set(key, { threatName: n.title, text: [n.title, n.text].filter((part) => part !== '').join('\n') });
    }
    const left = deadline - performance.now();
    if (left <= 0) break;
    await delay(Math.min(POLL_MS, left), undefined, { signal: input.signal });
  }
  await input.onNotifications?.(raw);
  return [...entries.values()];
}
