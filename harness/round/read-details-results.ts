/**
 * `results.shape: details`: a results list whose entries each open a details screen, where the product
 * names the threat (its name, package, category). The list is read screen by screen like any list
 * (results-list-reader.ts decides the drags and the end); every entry accepted on a screen is opened by
 * a tap in its middle, its details screen is read from one page source, and Back returns to the list,
 * which must show the same rows in the same places again before the next entry is opened. Bounded:
 * `details.maxEntries` entries at most. "No evidence, no verdict": an entry whose details screen did not
 * open, or a details screen without a threat name, is RESULTS_NOT_SHOWN; a list that did not come back
 * as it was, or longer than the bound, is RESULTS_INCOMPLETE.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import { describeSelector } from '../appium/locate.ts';
import type { DetailsScreen, ResultsMapping } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { ScanEntry } from '../verdict/index.ts';
import { dragUpWithin } from '../appium/gestures.ts';
import { ResultsListReader } from './results-list-reader.ts';
import { findAll, parsePageSource, textInside, wholeText, type ItemRead, type SnapshotNode } from './results-snapshot.ts';

const POLL_MS = 200;

export interface DetailsReadOptions {
  onScreen?: ((screen: number, pageSource: string) => Promise<void>) | undefined;
  /** Called with each details screen's page source (entry 1 is the first opened). */
  onDetails?: ((entry: number, pageSource: string) => Promise<void>) | undefined;
}

async function tapAt(driver: Browser, x: number, y: number): Promise<void> {
  await driver.performActions([{
    type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' },
    actions: [
      { type: 'pointerMove', duration: 0, x, y },
      { type: 'pointerDown', button: 0 },
      { type: 'pause', duration: 80 },
      { type: 'pointerUp', button: 0 },
    ],
  }]);
  await driver.releaseActions();
}

/** Polls page sources until `ready` finds what it wants in one, or the budget ends (then undefined). */
async function waitForSource<T>(driver: Browser, timeoutMs: number, ready: (root: SnapshotNode, xml: string) => T | undefined): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const xml = await driver.getPageSource();
    const found = ready(parsePageSource(xml), xml);
    if (found !== undefined) return found;
    if (performance.now() >= deadline) return undefined;
    await delay(POLL_MS);
  }
}

function readDetails(root: SnapshotNode, details: DetailsScreen, row: ItemRead): ScanEntry | undefined {
  const screen = findAll(root, details.screen)[0];
  if (!screen) return undefined;
  // The fields may sit anywhere on the details screen, not only inside the matched element.
  const threatName = textInside(root, details.threatName);
  const rowText = row.entry?.text ?? '';
  const text = [rowText, wholeText(root)].filter((part) => part !== '').join('\n');
  return {
    threatName: threatName ?? '',
    packageName: textInside(root, details.package),
    appLabel: textInside(root, details.appLabel) ?? row.entry?.appLabel,
    category: textInside(root, details.category) ?? row.entry?.category,
    text,
  };
}

function sameRowAgain(root: SnapshotNode, mapping: ResultsMapping, row: ItemRead): boolean {
  return findAll(root, mapping.item).some((node) => String(node.bounds) === String(row.bounds) && wholeText(node) === wholeText(row.node));
}

export async function readDetailsResults(driver: Browser, mapping: ResultsMapping, options: DetailsReadOptions = {}): Promise<ScanEntry[]> {
  const details = mapping.details;
  if (!details) throw new HarnessError('CONFIG_INVALID', 'results.shape details needs results.details', { hint: 'add results.details: { screen, threatName } to the product profile' });
  const reader = new ResultsListReader(mapping);
  const entries: ScanEntry[] = [];
  for (let screen = 1; ; screen += 1) {
    const source = await driver.getPageSource();
    await options.onScreen?.(screen, source);
    const step = reader.addScreen(source);
    for (const row of reader.takeAccepted()) {
      if (entries.length >= details.maxEntries) {
        throw new HarnessError('RESULTS_INCOMPLETE', `the results list (${describeSelector(mapping.item)}) has more than ${details.maxEntries} entries to open: it was not read whole`, {
          hint: 'raise results.details.maxEntries if the product really lists this many threats',
        });
      }
      const title = row.entry?.threatName ?? '';
      if (!row.bounds) throw new HarnessError('RESULTS_NOT_SHOWN', `the results entry "${title}" has no bounds to tap`, { hint: 'no evidence, no verdict: see the scan-results UI dump' });
      const [left, top, right, bottom] = row.bounds;
      await tapAt(driver, Math.round((left + right) / 2), Math.round((top + bottom) / 2));
      const read = await waitForSource(driver, details.timeoutMs, (root, xml) => {
        const entry = readDetails(root, details, row);
        return entry === undefined ? undefined : { entry, xml };
      });
      if (!read) {
        throw new HarnessError('RESULTS_NOT_SHOWN', `tapping the results entry "${title}" did not open its details screen (${describeSelector(details.screen)}) within ${details.timeoutMs} ms`, {
          hint: 'no evidence, no verdict: see the scan-results screenshots and UI dumps; the product may have changed its details screen',
        });
      }
      await options.onDetails?.(entries.length + 1, read.xml);
      if (read.entry.threatName === '') {
        throw new HarnessError('RESULTS_NOT_SHOWN', `the details screen of "${title}" showed no threat name (${describeSelector(details.threatName)})`, {
          hint: 'no evidence, no verdict: see the details UI dump; the product may have changed its details screen',
        });
      }
      entries.push(read.entry);
      await driver.back();
      const back = await waitForSource(driver, details.timeoutMs, (root) => (sameRowAgain(root, mapping, row) ? true : undefined));
      if (!back) {
        throw new HarnessError('RESULTS_INCOMPLETE', `after Back from the details of "${title}", the results list did not show the same rows in the same places`, {
          hint: 'no evidence, no verdict: the list moved or changed while its entries were opened (a person must look)',
        });
      }
    }
    if (step.done) break;
    await dragUpWithin(driver, step.within);
  }
  // No entry: the list's own rule (noThreats shown → clean; neither → RESULTS_NOT_SHOWN).
  return entries.length > 0 ? entries : reader.finish();
}
