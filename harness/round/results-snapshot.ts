/**
 * One screen of a product's results, read from ONE page source (`GET /source`) on the host instead of
 * dozens of element lookups: every row is read from the same snapshot, so no row can be recycled or go
 * stale between two reads of it, and the device pays one idle wait and one hierarchy dump per screen
 * (appium-uiautomator2-server handler/Source.safeHandle: resetAccessibilityCache, then
 * AccessibilityNodeInfoDumper.dumpToXml). The page source is the device's text: it is treated as hostile
 * (size and node count capped, no DTD, no recursion over its depth).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { ResultsMapping } from '../config/index.ts';
import type { LocatorSelector } from '../config/selector-schema.ts';
import { HarnessError } from '../errors/index.ts';
import type { ScanEntry } from '../verdict/index.ts';

/** Left, top, right, bottom in screen pixels, as `bounds="[l,t][r,b]"` writes them. */
export type Box = readonly [number, number, number, number];

export interface SnapshotNode {
  className: string;
  text: string;
  desc: string;
  resourceId: string;
  scrollable: boolean;
  /** Visible bounds: UiAutomator2 trims them to the window and the nearest scrollable ancestor (AxNodeInfoHelper.getVisibleBoundsInScreen). */
  bounds: Box | undefined;
  parent: SnapshotNode | undefined;
  children: SnapshotNode[];
}

/** A real screen's page source is 10 kB – 1 MB; anything far beyond that is not a results screen. */
export const MAX_SOURCE_CHARS = 8_000_000;
/** Nodes kept from one page source (a busy real screen has a few hundred). */
export const MAX_SOURCE_NODES = 50_000;

function unreadable(message: string, cause?: unknown): HarnessError {
  return new HarnessError('RESULTS_INCOMPLETE', message, {
    hint: 'no evidence, no verdict: see the scan-results UI dumps; the results screen could not be read from its page source (a person must look)',
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseBounds(value: string | null): Box | undefined {
  const match = /^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$/.exec(value ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

function toNode(element: Element, parent: SnapshotNode | undefined): SnapshotNode {
  return {
    className: element.getAttribute('class') ?? element.nodeName,
    text: element.getAttribute('text') ?? '',
    desc: element.getAttribute('content-desc') ?? '',
    resourceId: element.getAttribute('resource-id') ?? '',
    scrollable: element.getAttribute('scrollable') === 'true',
    bounds: parseBounds(element.getAttribute('bounds')),
    parent,
    children: [],
  };
}

function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) out.push(child as Element);
  }
  return out;
}

/**
 * The page source as a tree of the attributes the reader needs. Nodes UiAutomator2 marks
 * `displayed="false"` are left out with their subtree, as a find would not return them.
 */
export function parsePageSource(xml: string): SnapshotNode {
  if (xml.length > MAX_SOURCE_CHARS) {
    throw unreadable(`the results screen's page source is ${xml.length} characters, over the ${MAX_SOURCE_CHARS} the harness reads`);
  }
  // UiAutomator2 never writes a DTD; one here could only declare entities to expand.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw unreadable('the results screen\'s page source declares a DTD, which UiAutomator2 never writes');
  let rootElement: Element | null;
  try {
    const parser = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } });
    rootElement = parser.parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    throw unreadable(`the results screen's page source is not well-formed XML: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`, error);
  }
  if (!rootElement) throw unreadable('the results screen\'s page source has no root element');
  const root = toNode(rootElement, undefined);
  let count = 1;
  // Iterative: a hostile depth must not exhaust the stack.
  const stack: Array<[Element, SnapshotNode]> = [[rootElement, root]];
  while (stack.length > 0) {
    const [element, node] = stack.pop()!;
    for (const childElement of childElements(element)) {
      if (childElement.getAttribute('displayed') === 'false') continue;
      count += 1;
      if (count > MAX_SOURCE_NODES) throw unreadable(`the results screen's page source has over ${MAX_SOURCE_NODES} elements`);
      const child = toNode(childElement, node);
      node.children.push(child);
      stack.push([childElement, child]);
    }
  }
  return root;
}

/** Every node of `root`'s subtree, `root` first, in document (tree) order. */
export function walk(root: SnapshotNode): SnapshotNode[] {
  const out: SnapshotNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
  }
  return out;
}

/**
 * Whether a selector can be answered from the page source exactly as UiAutomator2 answers it live:
 * id (By.res, exact), desc (content-desc, exact; with `ignoreCase` case-insensitive), text (exact;
 * with `ignoreCase` case-insensitive), textContains and descContains (androidx UiSelector.isMatchFor
 * compares lower-cased values). Regular-expression modes, XPath and raw UiSelector expressions stay
 * live lookups: the server's Java regex, XPath engine and UiSelector semantics are not re-implemented
 * here, and a near miss would change what is read.
 */
export function isSnapshotSelector(selector: LocatorSelector): boolean {
  return selector.id !== undefined || selector.desc !== undefined || selector.text !== undefined
    || selector.textContains !== undefined || selector.descContains !== undefined;
}

export function canReadFromSnapshot(mapping: ResultsMapping): boolean {
  const details = mapping.details;
  return [mapping.item, mapping.threatName, mapping.package, mapping.appLabel, mapping.category, mapping.noThreats, mapping.dialog,
    details?.screen, details?.threatName, details?.package, details?.appLabel, details?.category]
    .every((selector) => selector === undefined || isSnapshotSelector(selector));
}

function sameText(value: string, wanted: string, ignoreCase: boolean): boolean {
  return ignoreCase ? value.toLowerCase() === wanted.toLowerCase() : value === wanted;
}

export function matchesSelector(node: SnapshotNode, selector: LocatorSelector): boolean {
  const ignoreCase = selector.ignoreCase === true;
  if (selector.id !== undefined) return node.resourceId === selector.id;
  if (selector.desc !== undefined) return sameText(node.desc, selector.desc, ignoreCase);
  if (selector.text !== undefined) return sameText(node.text, selector.text, ignoreCase);
  if (selector.textContains !== undefined) return node.text.toLowerCase().includes(selector.textContains.toLowerCase());
  if (selector.descContains !== undefined) return node.desc.toLowerCase().includes(selector.descContains.toLowerCase());
  return false;
}

export function findAll(root: SnapshotNode, selector: LocatorSelector): SnapshotNode[] {
  return walk(root).filter((node) => matchesSelector(node, selector));
}

/** The first match inside an item (the item itself included, as UiObject2.findObjects matches its root) and its text. */
export function textInside(item: SnapshotNode, selector: LocatorSelector | undefined): string | undefined {
  if (!selector) return undefined;
  const found = walk(item).find((node) => matchesSelector(node, selector));
  const text = found?.text.trim() ?? '';
  return text === '' ? undefined : text;
}

/**
 * All text inside a list item, in tree order: each node's text and content description. The verdict
 * reads the whole entry, not only the mapped fields, so a product that prints "<label> · <package>" in
 * one line, or names the app only in a row's content description, is still matched.
 */
export function wholeText(item: SnapshotNode): string {
  const parts: string[] = [];
  for (const node of walk(item)) {
    for (const value of [node.text.trim(), node.desc.trim()]) {
      if (value !== '' && !parts.includes(value)) parts.push(value);
    }
  }
  return parts.join('\n');
}

export interface ItemRead {
  /** Identifies the row's content across screens: the mapped fields and the whole text. */
  key: string;
  /** Undefined for an item without a threat name (a section header that uses the same id). */
  entry: ScanEntry | undefined;
  bounds: Box | undefined;
  node: SnapshotNode;
}

export function readItem(node: SnapshotNode, mapping: ResultsMapping): ItemRead {
  const threatName = textInside(node, mapping.threatName);
  const packageName = textInside(node, mapping.package);
  const appLabel = textInside(node, mapping.appLabel);
  const category = textInside(node, mapping.category);
  const text = wholeText(node);
  const key = `${threatName ?? ''}\u0000${packageName ?? ''}\u0000${appLabel ?? ''}\u0000${text}`;
  return { key, entry: threatName === undefined ? undefined : { threatName, packageName, appLabel, category, text }, bounds: node.bounds, node };
}

/** The nearest ancestor UiAutomator2 reports `scrollable="true"`: the list that holds the item. */
export function scrollableAncestor(node: SnapshotNode): SnapshotNode | undefined {
  for (let ancestor = node.parent; ancestor !== undefined; ancestor = ancestor.parent) {
    if (ancestor.scrollable && ancestor.bounds) return ancestor;
  }
  return undefined;
}

export function isInside(node: SnapshotNode, ancestor: SnapshotNode): boolean {
  for (let current: SnapshotNode | undefined = node; current !== undefined; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/** Threat lines read from one dialog message at most; a longer message is not read whole (RESULTS_INCOMPLETE). */
export const MAX_DIALOG_LINES = 200;

/**
 * `shape: dialog`: a results dialog lists its threats as lines of ONE message TextView
 * (AlertDialog.Builder.setMessage: frameworks/base core/java/com/android/internal/app/AlertController
 * puts the whole message in android:id/message), so an item that is a single text view with several
 * lines is read as one entry per line that the item selector matches on its own ("• Flashlight
 * (com.flash): Adware", "• System Service (com.systemservice): Stalkerware"): each line is identified
 * alone, so the sample is found on any line and another app's line is never read as the sample. A
 * heading line the selector does not match ("Scan finished: 3 threats") is no entry. An item with
 * child views, one line, or no line the selector matches alone is read whole, as before.
 */
export function dialogLineNodes(node: SnapshotNode, itemSelector: LocatorSelector): SnapshotNode[] {
  const hasTextInside = walk(node).some((inner) => inner !== node && (inner.text.trim() !== '' || inner.desc.trim() !== ''));
  if (hasTextInside || !node.text.includes('\n')) return [node];
  const lines = node.text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length > MAX_DIALOG_LINES) {
    throw unreadable(`the results dialog's message has ${lines.length} lines, over the ${MAX_DIALOG_LINES} the harness reads as entries`);
  }
  const entries = lines.map((line): SnapshotNode => ({ ...node, text: line, desc: '', children: [] }))
    .filter((line) => matchesSelector(line, itemSelector));
  return entries.length === 0 ? [node] : entries;
}
