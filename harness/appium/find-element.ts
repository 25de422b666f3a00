/**
 * Finding the element a flow selector names, right now or within a budget, and saying what was on the
 * screen instead when it is not there.
 *
 * Everything that decides whether a view matches is the device's: the match modes go to UiAutomator2 as
 * one locator (locate.ts), so a pattern means on the virtual phone what it means on a real one. What
 * the harness adds is evaluated over what the server returns, as element references, never over a
 * copy of the screen: `index` picks among the matches that are shown; `inside` searches under the
 * anchor element (`POST /element/:id/elements`, the server scopes the search to that view's subtree);
 * `below`/`above` compare element rectangles (`GET /element/:id/rect`). The element acted on is the
 * one the server found, so a screen that changed in between makes it stale (the step's stale retry
 * finds it again) rather than silently naming another view, as a position path into an older page
 * source could. The cost: one rectangle request per shown candidate when a relation is used.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { AnchorSelector, LocatorSelector, Selector } from '../config/selector-schema.ts';
import { showBidiControls } from '../report/escape-bidi.ts';
import { parsePageSource, walk } from '../round/results-snapshot.ts';
import { isUiStateError } from './flow-errors.ts';
import { toLocator } from './locate.ts';
import { acceptPermissionDialogs } from './permission-dialogs.ts';

export type ElementId = string;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function elementId(reference: Record<string, string>): ElementId {
  return reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '';
}

/** The selector's strategy alone: the part UiAutomator2 evaluates. */
function strategyOf(selector: Selector | AnchorSelector): LocatorSelector {
  const { index: _index, ...rest } = selector as Selector;
  const { below: _below, above: _above, inside: _inside, ...strategy } = rest;
  return strategy;
}

/** A UI-state error (stale, gone) while asking about one element means it is not there to use. */
async function ifStillThere<T>(ask: () => Promise<T>): Promise<T | undefined> {
  try {
    return await ask();
  } catch (error) {
    if (isUiStateError(error)) return undefined;
    throw error;
  }
}

async function candidates(driver: Browser, selector: Selector): Promise<ElementId[]> {
  const locator = toLocator(strategyOf(selector));
  if (selector.inside === undefined) {
    return ((await driver.findElements(locator.using, locator.value)) as unknown as Array<Record<string, string>>).map(elementId);
  }
  const container = await findNow(driver, selector.inside);
  if (container === undefined) return [];
  const found = await ifStillThere(() => driver.findElementsFromElement(container, locator.using, locator.value));
  return ((found ?? []) as unknown as Array<Record<string, string>>).map(elementId);
}

/**
 * The candidates that lie below (or above) the anchor, nearest first: a candidate is below when its
 * top edge is at or under the anchor's bottom edge (above: its bottom at or over the anchor's top).
 * Nearest is the smallest vertical gap, then (in a grid, a row of equal gaps) the smallest
 * horizontal offset between centres, then the server's (document) order.
 */
export function orderByRelation(anchor: Rect, found: ReadonlyArray<{ id: ElementId; rect: Rect }>, relation: 'below' | 'above'): ElementId[] {
  const gap = (rect: Rect): number => (relation === 'below' ? rect.y - (anchor.y + anchor.height) : anchor.y - (rect.y + rect.height));
  const offset = (rect: Rect): number => Math.abs(rect.x + rect.width / 2 - (anchor.x + anchor.width / 2));
  return found
    .map((entry, order) => ({ ...entry, order, gap: gap(entry.rect), offset: offset(entry.rect) }))
    .filter((entry) => entry.gap >= 0)
    .sort((a, b) => a.gap - b.gap || a.offset - b.offset || a.order - b.order)
    .map((entry) => entry.id);
}

/**
 * The element a selector names on the screen now, without waiting: the `index`-th (default first) of
 * its matches that are displayed, inside/below/above its anchor when it has one. Undefined when
 * there is none (or the anchor is not shown).
 */
export async function findNow(driver: Browser, selector: Selector | AnchorSelector): Promise<ElementId | undefined> {
  const full = selector as Selector;
  const index = full.index ?? 0;
  const relation = full.below !== undefined ? 'below' : full.above !== undefined ? 'above' : undefined;
  const shown: ElementId[] = [];
  for (const id of await candidates(driver, full)) {
    if ((await ifStillThere(() => driver.isElementDisplayed(id))) !== true) continue;
    shown.push(id);
    if (relation === undefined && shown.length > index) return shown[index];
  }
  if (relation === undefined || shown.length === 0) return undefined;
  const anchorId = await findNow(driver, (full.below ?? full.above)!);
  const anchorRect = anchorId === undefined ? undefined : await ifStillThere(() => driver.getElementRect(anchorId));
  if (anchorRect === undefined) return undefined;
  const found: Array<{ id: ElementId; rect: Rect }> = [];
  for (const id of shown) {
    const rect = await ifStillThere(() => driver.getElementRect(id));
    if (rect !== undefined) found.push({ id, rect });
  }
  return orderByRelation(anchorRect, found, relation)[index];
}

/** What waiting needs; a flow's context has all of it. */
export interface WaitContext {
  driver: Browser;
  signal: AbortSignal;
  /** Accept a runtime-permission dialog that may cover the element. */
  autoAcceptPermissionDialogs?: boolean;
  /** @default 150 */
  pollIntervalMs?: number;
}

/** Polls for the element until it is shown or `timeoutMs` has passed (0 = look once). */
export async function waitForElement(context: WaitContext, selector: Selector, timeoutMs: number): Promise<ElementId | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    context.signal.throwIfAborted();
    const id = await findNow(context.driver, selector);
    if (id) return id;
    // Only when the element is not there: a permission dialog (its own window) may be covering it.
    // Looking for the dialog first would cost one lookup per allow-button id on every step.
    if (context.autoAcceptPermissionDialogs === true && (await acceptPermissionDialogs(context.driver, 1)) > 0) continue;
    if (performance.now() >= deadline) return undefined;
    await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
  }
}

/** Elements listed at most, and characters of one text kept, in a description of the screen. */
export const SCREEN_ENTRIES = 25;
const VALUE_CHARS = 60;

/** A device string as it may appear in a message: cut, quoted with escapes, bidi controls shown. */
function quoted(value: string): string {
  const cut = value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value;
  return showBidiControls(JSON.stringify(cut));
}

/**
 * A page source as a one-line list of what was visible: each shown element with a text, a content
 * description or a resource id, in screen (document) order, capped at `max` entries. Device text is
 * escaped (JSON quoting, bidi controls made visible); ids are shown without the `package:id/` prefix.
 */
export function describePageSource(xml: string, max = SCREEN_ENTRIES): string {
  const entries: string[] = [];
  let total = 0;
  for (const node of walk(parsePageSource(xml))) {
    const [left = 0, top = 0, right = 0, bottom = 0] = node.bounds ?? [];
    if (right <= left || bottom <= top) continue;
    const parts: string[] = [];
    if (node.text.trim() !== '') parts.push(`text ${quoted(node.text)}`);
    if (node.desc.trim() !== '') parts.push(`desc ${quoted(node.desc)}`);
    if (node.resourceId !== '') parts.push(`id ${quoted(node.resourceId.replace(/^[\w.]+:id\//, ''))}`);
    if (parts.length === 0) continue;
    total += 1;
    if (entries.length < max) entries.push(parts.join(' '));
  }
  if (total === 0) return 'the screen showed no element with a text, description or id';
  return `on screen: ${entries.join('; ')}${total > entries.length ? `; … and ${total - entries.length} more` : ''}`;
}

/**
 * What WAS on the screen, for an error that says an element was not: one page source, described by
 * describePageSource. Never throws: a screen that cannot be read says so instead.
 */
export async function describeScreen(driver: Browser, max = SCREEN_ENTRIES): Promise<string> {
  try {
    return describePageSource(await driver.getPageSource(), max);
  } catch (error) {
    return `the screen could not be read (${error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : 'unknown error'})`;
  }
}
