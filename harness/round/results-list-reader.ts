/**
 * Reads a results list screen by screen from page sources (results-snapshot.ts) and decides, from the
 * screens alone, whether to drag the list on, whether it ended, and whether a row can have been missed.
 * Pure: the driver loop (read-scan-results.ts) feeds it one page source per screen and performs the
 * drags it asks for, so every rule here is tested on recorded page sources.
 *
 * Rows cut by the list's edge are only read where they show whole: UiAutomator2 reports visible bounds,
 * trimmed to the nearest scrollable ancestor (appium-uiautomator2-server AxNodeInfoHelper
 * .getVisibleBoundsInScreen), and a row half out of view has only some of its views in the source, so
 * reading it there would record half an entry (its threat name without the package that tells whose
 * it is). A row cut at the bottom waits for the next screen; one cut at the top was whole on the screen
 * before, which the overlap rule below guarantees.
 */
import { describeSelector } from '../appium/locate.ts';
import type { ResultsMapping } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { ScanEntry } from '../verdict/index.ts';
import {
  dialogLineNodes, findAll, isInside, parsePageSource, readItem, scrollableAncestor, walk, type Box, type ItemRead, type SnapshotNode,
} from './results-snapshot.ts';

/** What to do after a screen: stop, or drag the list whose visible bounds are `within`. */
export type ScreenStep = { done: true } | { done: false; within: Box };

interface ListScreen {
  items: ItemRead[];
  /** The rows inside the scrolling list, and its visible bounds. */
  inList: ItemRead[];
  edges: Box;
  /** Rows cut by the list's bottom edge: read on a later screen. */
  deferred: ItemRead[];
}

/** Drags after which a list still moving is called not read whole. @default 30 */
export const MAX_DRAGS = 30;

function incomplete(message: string, hint: string): HarnessError {
  return new HarnessError('RESULTS_INCOMPLETE', message, { hint });
}

function top(item: ItemRead): number {
  return item.bounds?.[1] ?? 0;
}

function bottom(item: ItemRead): number {
  return item.bounds?.[3] ?? 0;
}

/** Same rows in the same places: the list did not move. */
function sameLayout(before: readonly ItemRead[], after: readonly ItemRead[]): boolean {
  return before.length === after.length && before.every((item, i) => {
    const other = after[i]!;
    return item.key === other.key && String(item.bounds) === String(other.bounds);
  });
}

function countKeys(items: readonly ItemRead[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.key, (counts.get(item.key) ?? 0) + 1);
  return counts;
}

export class ResultsListReader {
  readonly #mapping: ResultsMapping;
  readonly #maxDrags: number;
  readonly #entries = new Map<string, ScanEntry>();
  #itemsSeen = 0;
  #noThreatsSeen = false;
  #drags = 0;
  #previous: ListScreen | undefined;
  /** Rows accepted since the last takeAccepted(), for readers that open each entry (read-details-results.ts). */
  #accepted: ItemRead[] = [];

  constructor(mapping: ResultsMapping, maxDrags = MAX_DRAGS) {
    this.#mapping = mapping;
    this.#maxDrags = maxDrags;
  }

  /** Takes the page source of the screen now shown; says whether to drag the list and read again. */
  addScreen(xml: string): ScreenStep {
    const root = this.#scope(parsePageSource(xml));
    const found = findAll(root, this.#mapping.item);
    // A results dialog names several threats as lines of one message: one entry per line (results-snapshot.ts).
    const nodes = this.#mapping.shape === 'dialog' ? found.flatMap((node) => dialogLineNodes(node, this.#mapping.item)) : found;
    const items = nodes.map((node) => readItem(node, this.#mapping));
    this.#itemsSeen += items.length;
    if (findAll(root, this.#mapping.noThreats).length > 0) this.#noThreatsSeen = true;
    const container = items.map((item) => scrollableAncestor(item.node)).find((node) => node !== undefined);
    const previous = this.#previous;
    if (previous === undefined && (!this.#mapping.scroll || container === undefined)) {
      // Nothing scrolls (or the profile says the list never does): this one screen is the list.
      for (const item of items) this.#accept(item);
      return { done: true };
    }
    if (container === undefined) {
      throw incomplete(`the results list (${describeSelector(this.#mapping.item)}) was no longer shown after a drag`,
        'no evidence, no verdict: see the scan-results UI dumps; the product may have left its results screen (a person must look)');
    }
    const edges = container.bounds!;
    const inList = items.filter((item) => item.bounds !== undefined && isInside(item.node, container));
    const cutTop = (item: ItemRead): boolean => top(item) <= edges[1];
    const cutBottom = (item: ItemRead): boolean => bottom(item) >= edges[3];
    const screen: ListScreen = { items, inList, edges, deferred: inList.filter(cutBottom) };

    let atEnd = false;
    let flushTopIsWhole = false;
    if (previous !== undefined) {
      const shift = sameLayout(previous.items, items) ? 0 : this.#measureShift(previous, screen);
      // The list did not move under a drag inside it: its end.
      atEnd = shift === 0;
      if (!atEnd) flushTopIsWhole = this.#checkNothingPassed(previous, screen, shift);
    }
    atEnd ||= this.#endInView(inList, container);
    // A row cut at the top was read on an earlier screen (checkNothingPassed); one cut at the bottom is
    // read where it shows whole, or at the list's end, where it is flush with the bottom edge.
    const readable = (item: ItemRead): boolean => {
      if (!inList.includes(item)) return true;
      if (previous !== undefined && cutTop(item) && !(flushTopIsWhole && top(item) === edges[1])) return false;
      return atEnd || !cutBottom(item);
    };
    for (const item of items) if (readable(item)) this.#accept(item);
    if (atEnd) return { done: true };
    if (this.#drags === this.#maxDrags) {
      throw incomplete(`the results list (${describeSelector(this.#mapping.item)}) still moved after ${this.#maxDrags} drags: its end was not reached`,
        'a list this long is not read whole; set results.scroll to false if the product shows every entry on one screen');
    }
    this.#drags += 1;
    this.#previous = screen;
    return { done: false, within: edges };
  }

  /** The entries read; none when the product said it found nothing; otherwise RESULTS_NOT_SHOWN. */
  finish(): ScanEntry[] {
    if (this.#entries.size > 0) return [...this.#entries.values()];
    if (this.#noThreatsSeen) return [];
    const mapping = this.#mapping;
    throw new HarnessError('RESULTS_NOT_SHOWN', this.#itemsSeen > 0
      ? `the results screen listed ${this.#itemsSeen} item(s) matching ${describeSelector(mapping.item)} but none had a threat name (${describeSelector(mapping.threatName)}), and ${describeSelector(mapping.noThreats)} was not shown`
      : `neither a result entry (${describeSelector(mapping.item)}) nor ${describeSelector(mapping.noThreats)} was shown`, {
      hint: 'no evidence, no verdict: see the scan-results screenshot and UI dump; the product may have crashed or its results screen changed',
    });
  }

  /** The entries accepted since the last call, each with its row (node and bounds) on the screen just added. */
  takeAccepted(): ItemRead[] {
    const accepted = this.#accepted;
    this.#accepted = [];
    return accepted;
  }

  #accept(item: ItemRead): void {
    if (item.entry && !this.#entries.has(item.key)) {
      this.#entries.set(item.key, item.entry);
      this.#accepted.push(item);
    }
  }

  /**
   * `shape: dialog`: only what is inside the results dialog counts (rows of the screen behind it are not
   * the results). No dialog: RESULTS_NOT_SHOWN on the first screen; after a drag, the list was left.
   */
  #scope(root: SnapshotNode): SnapshotNode {
    const dialog = this.#mapping.shape === 'dialog' ? this.#mapping.dialog : undefined;
    if (dialog === undefined) return root;
    const found = findAll(root, dialog)[0];
    if (found) return found;
    if (this.#previous === undefined) {
      throw new HarnessError('RESULTS_NOT_SHOWN', `the results dialog (${describeSelector(dialog)}) was not shown`, {
        hint: 'no evidence, no verdict: see the scan-results screenshot and UI dump; the product may have crashed, shown another screen, or its results dialog changed',
      });
    }
    throw incomplete(`the results dialog (${describeSelector(dialog)}) was no longer shown after a drag`,
      'no evidence, no verdict: see the scan-results UI dumps; the dialog may have closed while it was read (a person must look)');
  }

  /**
   * How far the list moved, from rows in view on both screens, whole on at least one (so the same
   * text is the same row) and appearing once on each; measured on an edge the list did not trim. No
   * such row: rows between the two screens may never have been in view (a fling on a real phone), so
   * the list was not read whole. Rows that moved by different amounts: the list changed while it was read.
   */
  #measureShift(before: ListScreen, after: ListScreen): number {
    const inside = (item: ItemRead, edges: Box): boolean => top(item) > edges[1] && bottom(item) < edges[3];
    const beforeCounts = countKeys(before.items);
    const afterCounts = countKeys(after.items);
    const shifts = new Set<number>();
    for (const item of before.inList) {
      if (beforeCounts.get(item.key) !== 1 || afterCounts.get(item.key) !== 1) continue;
      const again = after.inList.find((other) => other.key === item.key);
      if (!again || (!inside(item, before.edges) && !inside(again, after.edges))) continue;
      if (top(item) > before.edges[1] && top(again) > after.edges[1]) shifts.add(top(item) - top(again));
      else if (bottom(item) < before.edges[3] && bottom(again) < after.edges[3]) shifts.add(bottom(item) - bottom(again));
    }
    if (shifts.size === 0) {
      throw incomplete(`dragging the results list (${describeSelector(this.#mapping.item)}) left no row of the screen before in view: rows may have been skipped`,
        'no evidence, no verdict: see the scan-results UI dumps; the list may fling further than the harness drags, or its rows are taller than half the list (a person must look)');
    }
    if (shifts.size > 1) {
      throw incomplete(`the rows of the results list (${describeSelector(this.#mapping.item)}) moved by different amounts (${[...shifts].join(', ')} px) in one drag: the list changed while it was read`,
        'no evidence, no verdict: see the scan-results UI dumps; read the results once the product has finished updating them');
    }
    return [...shifts][0]!;
  }

  /**
   * After a move by `shift`: every row cut at the bottom before must not have gone past the top (it
   * would never have been shown whole), and nothing below the screen before may have either (a move of
   * a whole list height or more). Returns whether the row now flush with the top is such a row, shown
   * whole (its top is known, not trimmed).
   */
  #checkNothingPassed(before: ListScreen, after: ListScreen, shift: number): boolean {
    const listTop = after.edges[1];
    const passed = shift >= before.edges[3] - before.edges[1] || before.deferred.some((row) => top(row) - shift < listTop);
    if (passed) {
      throw incomplete(`a drag moved the results list (${describeSelector(this.#mapping.item)}) by ${shift} px, past rows it had not yet shown whole: rows may have been skipped`,
        'no evidence, no verdict: see the scan-results UI dumps; the list may fling further than the harness drags, or its rows are taller than half the list (a person must look)');
    }
    return before.deferred.some((row) => top(row) - shift === listTop);
  }

  /**
   * The list's end is on screen: its last row is whole, the space under it inside the list is wider
   * than any gap between its rows (a next row would have shown there, at least in part), and nothing
   * else (a footer, a section header, a "load more") lies below it inside the list.
   */
  #endInView(inList: readonly ItemRead[], container: SnapshotNode): boolean {
    if (inList.length < 2) return false;
    const listBottom = container.bounds![3];
    const sorted = [...inList].sort((a, b) => top(a) - top(b));
    const last = sorted.reduce((lowest, item) => (bottom(item) > bottom(lowest) ? item : lowest));
    if (bottom(last) >= listBottom) return false;
    let widestGap = 0;
    for (let i = 1; i < sorted.length; i += 1) widestGap = Math.max(widestGap, top(sorted[i]!) - bottom(sorted[i - 1]!));
    if (listBottom - bottom(last) <= widestGap) return false;
    return !walk(container).some((node) => node !== container && !isInside(node, last.node) && node.bounds !== undefined && node.bounds[1] >= bottom(last));
  }
}
