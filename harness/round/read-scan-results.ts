import type { Browser } from 'webdriverio';
import { swipeUp } from '../appium/gestures.ts';
import { toLocator, type Locator } from '../appium/locate.ts';
import type { ResultsMapping, Selector } from '../config/index.ts';
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

async function textInside(driver: Browser, item: string, selector: Selector | undefined): Promise<string | undefined> {
  if (!selector) return undefined;
  const locator = toLocator(selector);
  const found = (await driver.findElementsFromElement(item, locator.using, locator.value)) as unknown as Reference[];
  const id = idOf(found[0]);
  if (!id) return undefined;
  const text = (await driver.getElementText(id)).trim();
  return text === '' ? undefined : text;
}

/**
 * Reads the product's results screen through the profile's mapping: every list item with its threat
 * name, package and category, scrolling until no new entry appears. `noThreats` shown → no entries.
 */
export async function readScanResults(driver: Browser, mapping: ResultsMapping): Promise<ScanEntry[]> {
  if ((await findAll(driver, toLocator(mapping.noThreats))).length > 0) return [];
  const entries = new Map<string, ScanEntry>();
  const item = toLocator(mapping.item);
  for (let scroll = 0; scroll <= MAX_SCROLLS; scroll += 1) {
    let added = 0;
    for (const id of await findAll(driver, item)) {
      const threatName = await textInside(driver, id, mapping.threatName);
      if (threatName === undefined) continue;
      const packageName = await textInside(driver, id, mapping.package);
      const category = await textInside(driver, id, mapping.category);
      const key = `${threatName}\u0000${packageName ?? ''}`;
      if (entries.has(key)) continue;
      entries.set(key, { threatName, packageName, category, text: [threatName, packageName, category].filter(Boolean).join(' ') });
      added += 1;
    }
    if (!mapping.scroll || (scroll > 0 && added === 0)) break;
    await swipeUp(driver, 0.75, 0.35);
  }
  return [...entries.values()];
}
