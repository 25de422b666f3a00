/**
 * The live results reader, kept for profiles whose results mapping uses a selector the page source
 * cannot answer exactly (xpath, a raw UiSelector; results-snapshot.ts isSnapshotSelector): each item is
 * found and read through element lookups, and the whole screen is swiped. Slower and exposed to
 * recycled rows; read-scan-results.ts uses it only for such profiles.
 */
import type { Browser } from 'webdriverio';
import { isUiStateError } from '../appium/flow-errors.ts';
import { swipeUp } from '../appium/gestures.ts';
import { describeSelector, toLocator, type Locator } from '../appium/locate.ts';
import type { ResultsMapping, Selector } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { ScanEntry } from '../verdict/index.ts';

type Reference = Record<string, string>;
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
const MAX_SCROLLS = 20;

function idOf(reference: Reference | undefined): string | undefined {
  return reference ? (reference[ELEMENT_KEY] ?? reference['ELEMENT']) : undefined;
}

async function findAll(driver: Browser, locator: Locator): Promise<string[]> {
  const found = (await driver.findElements(locator.using, locator.value)) as unknown as Reference[];
  return found.map(idOf).filter((id): id is string => id !== undefined);
}

async function readText(driver: Browser, id: string): Promise<string> {
  try {
    return (await driver.getElementText(id)).trim();
  } catch (error) {
    // A row recycled between the lookup and the read: its text is gone, not an infrastructure fault.
    if (isUiStateError(error)) return '';
    throw error;
  }
}

async function textInside(driver: Browser, item: string, selector: Selector | undefined): Promise<string | undefined> {
  if (!selector) return undefined;
  const locator = toLocator(selector);
  const found = (await driver.findElementsFromElement(item, locator.using, locator.value)) as unknown as Reference[];
  const id = idOf(found[0]);
  if (!id) return undefined;
  const text = await readText(driver, id);
  return text === '' ? undefined : text;
}

/**
 * All text inside a list item, in tree order: the item's own text and every descendant's. The
 * verdict reads the whole entry, not only the mapped fields, so a product that prints
 * "<label> · <package>" in one line is still matched by package.
 */
async function wholeText(driver: Browser, item: string): Promise<string> {
  const parts: string[] = [];
  const own = await readText(driver, item);
  if (own !== '') parts.push(own);
  const descendants = (await driver.findElementsFromElement(item, 'xpath', './/*')) as unknown as Reference[];
  for (const reference of descendants) {
    const id = idOf(reference);
    if (!id) continue;
    const text = await readText(driver, id);
    if (text !== '' && !parts.includes(text)) parts.push(text);
  }
  return parts.join('\n');
}

/**
 * Reads the product's results screen through the profile's mapping: every list item with its threat
 * name, package, label and category and all its text, scrolling until the list's end. Positive
 * evidence only: `noThreats` shown → no entries; neither an entry nor `noThreats` → RESULTS_NOT_SHOWN
 * (a crash, a dialog, a changed UI), never an empty result. A scroll after which no entry of the
 * screen before is still visible may have skipped rows (a fling on a real phone), and a list whose
 * end was not reached was not read whole: both RESULTS_INCOMPLETE, never a partial list that could
 * turn a listed sample into a miss.
 */
export async function readScanResultsLive(driver: Browser, mapping: ResultsMapping): Promise<ScanEntry[]> {
  const entries = new Map<string, ScanEntry>();
  const item = toLocator(mapping.item);
  let itemsSeen = 0;
  let previous: string[] | undefined;
  for (let scroll = 0; scroll <= MAX_SCROLLS; scroll += 1) {
    const visible: string[] = [];
    const items = await findAll(driver, item);
    itemsSeen += items.length;
    for (const id of items) {
      const threatName = await textInside(driver, id, mapping.threatName);
      if (threatName === undefined) continue;
      const packageName = await textInside(driver, id, mapping.package);
      const appLabel = await textInside(driver, id, mapping.appLabel);
      const category = await textInside(driver, id, mapping.category);
      const text = await wholeText(driver, id);
      const key = `${threatName}\u0000${packageName ?? ''}\u0000${appLabel ?? ''}\u0000${text}`;
      visible.push(key);
      if (!entries.has(key)) entries.set(key, { threatName, packageName, appLabel, category, text });
    }
    if (!mapping.scroll || visible.length === 0) break;
    if (previous !== undefined) {
      // The same entries after a scroll: the list's end.
      if (visible.join('\u0001') === previous.join('\u0001')) break;
      const before = new Set(previous);
      if (previous.length > 0 && !visible.some((key) => before.has(key))) {
        throw new HarnessError('RESULTS_INCOMPLETE', `scrolling the results list (${describeSelector(mapping.item)}) left no entry of the screen before in view: rows may have been skipped`, {
          hint: 'no evidence, no verdict: see the scan-results screenshots; the list may fling further than the harness drags (a person must look)',
        });
      }
    }
    if (scroll === MAX_SCROLLS) {
      throw new HarnessError('RESULTS_INCOMPLETE', `the results list (${describeSelector(mapping.item)}) still moved after ${MAX_SCROLLS} scrolls: its end was not reached`, {
        hint: 'a list this long is not read whole; set results.scroll to false if the product shows every entry on one screen',
      });
    }
    previous = visible;
    await swipeUp(driver, 0.75, 0.35);
  }
  if (entries.size > 0) return [...entries.values()];
  if ((await findAll(driver, toLocator(mapping.noThreats))).length > 0) return [];
  throw new HarnessError('RESULTS_NOT_SHOWN', itemsSeen > 0
    ? `the results screen listed ${itemsSeen} item(s) matching ${describeSelector(mapping.item)} but none had a threat name (${describeSelector(mapping.threatName)}), and ${describeSelector(mapping.noThreats)} was not shown`
    : `neither a result entry (${describeSelector(mapping.item)}) nor ${describeSelector(mapping.noThreats)} was shown`, {
    hint: 'no evidence, no verdict: see the scan-results screenshot and UI dump; the product may have crashed or its results screen changed',
  });
}
