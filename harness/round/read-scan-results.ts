import type { Browser } from 'webdriverio';
import { dragUpWithin } from '../appium/gestures.ts';
import type { ResultsMapping } from '../config/index.ts';
import type { ScanEntry } from '../verdict/index.ts';
import { readDetailsResults } from './read-details-results.ts';
import { readNotificationResults, type NotificationResultsInput } from './read-notification-results.ts';
import { readScanResultsLive } from './read-scan-results-live.ts';
import { ResultsListReader } from './results-list-reader.ts';
import { canReadFromSnapshot } from './results-snapshot.ts';

export interface ReadScanResultsOptions {
  /**
   * Called with each screen's page source as it is read (screen 1 is the first), before the list is
   * dragged on: the evidence of what the harness read, one file per screen.
   */
  onScreen?: (screen: number, pageSource: string) => Promise<void>;
  /** `shape: details`: each details screen's page source as it is read. */
  onDetails?: (entry: number, pageSource: string) => Promise<void>;
  /** `shape: notification`: where the product's notifications are read (required for that shape). */
  notifications?: Omit<NotificationResultsInput, 'driver' | 'results'>;
}

/**
 * Reads the product's results screen through the profile's mapping: every list item with its threat
 * name, package, label and category and all its text, screen by screen until the list's end. Each
 * screen is read from one page source (results-snapshot.ts), so the device pays one idle wait and one
 * hierarchy dump per screen and no row can be recycled mid-read; the list is dragged inside its own
 * scrolling container, by half its height, without a fling (results-list-reader.ts decides when it
 * ended and when rows may have been skipped). Positive evidence only: `noThreats` shown → no entries;
 * neither an entry nor `noThreats` → RESULTS_NOT_SHOWN (a crash, a dialog, a changed UI), never an
 * empty result; a list that may have skipped rows or whose end was not reached → RESULTS_INCOMPLETE,
 * never a partial list that could turn a listed sample into a miss. A mapping with an xpath or raw
 * UiSelector selector is read through live lookups instead (read-scan-results-live.ts).
 *
 * Shapes (results-schema.ts): `list` and `cards` as above (cards scroll in their page like a list);
 * `dialog` the same, inside the dialog only (results-list-reader.ts); `details` opens each entry
 * (read-details-results.ts); `notification` reads the product's notifications after the scan's
 * observed end (read-notification-results.ts).
 */
export async function readScanResults(driver: Browser, mapping: ResultsMapping, options: ReadScanResultsOptions = {}): Promise<ScanEntry[]> {
  if (mapping.notification !== undefined) {
    if (!options.notifications) throw new Error('readScanResults: shape notification needs options.notifications');
    return readNotificationResults({ ...options.notifications, driver, results: mapping.notification });
  }
  if (mapping.shape === 'details') return readDetailsResults(driver, mapping, options);
  if (!canReadFromSnapshot(mapping)) return readScanResultsLive(driver, mapping);
  const reader = new ResultsListReader(mapping);
  for (let screen = 1; ; screen += 1) {
    const source = await driver.getPageSource();
    await options.onScreen?.(screen, source);
    const step = reader.addScreen(source);
    if (step.done) return reader.finish();
    await dragUpWithin(driver, step.within);
  }
}
