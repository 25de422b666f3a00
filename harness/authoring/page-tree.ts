/**
 * The current screen as UiAutomator2's page source describes it (appium-uiautomator2-server
 * handler/Source → AccessibilityNodeInfoDumper), kept as the parsed XML document so that selectors
 * can be checked against exactly what the server would search. With `enableMultiWindows` on, the
 * `hierarchy` root holds one child per window (topmost first) and, for 3.5 s after a toast, the
 * toast (UiElementSnapshot.addToastMsg). The page source is device text: size and node count are
 * capped, a DTD is refused, nothing recurses over its depth.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { HarnessError } from '../errors/index.ts';

export interface UiElement {
  /** The element in the parsed page source (for XPath checks). */
  node: Element;
  className: string;
  text: string;
  desc: string;
  resourceId: string;
  packageName: string;
  /** As the server writes it: `[left,top][right,bottom]`. */
  bounds: string;
  clickable: boolean;
  longClickable: boolean;
  scrollable: boolean;
  checkable: boolean;
  checked: boolean;
  enabled: boolean;
  password: boolean;
  /** `window-id` (UiElementSnapshot's WINDOW_ID attribute), when the server writes it. */
  windowId: string | undefined;
  depth: number;
  parent: UiElement | undefined;
  children: UiElement[];
}

export interface UiScreen {
  document: Document;
  /** The children of `hierarchy`: window roots topmost first, and a recent toast. */
  windows: UiElement[];
  /** Every element, in document order. */
  elements: UiElement[];
  width: number | undefined;
  height: number | undefined;
}

/** A busy real screen's page source is 10 kB – 1 MB. */
export const MAX_SOURCE_CHARS = 8_000_000;
export const MAX_SOURCE_NODES = 50_000;

function unreadable(message: string, cause?: unknown): HarnessError {
  return new HarnessError('APPIUM_SESSION_FAILED', `the device's page source ${message}`, {
    hint: 'run inspect-ui again once the screen has settled; if it persists, read the Appium log named above',
    ...(cause === undefined ? {} : { cause }),
  });
}

function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) out.push(child as Element);
  }
  return out;
}

function toUiElement(node: Element, parent: UiElement | undefined): UiElement {
  const attribute = (name: string): string => node.getAttribute(name) ?? '';
  const flag = (name: string): boolean => node.getAttribute(name) === 'true';
  return {
    node,
    className: attribute('class') || node.nodeName,
    text: attribute('text'),
    desc: attribute('content-desc'),
    resourceId: attribute('resource-id'),
    packageName: attribute('package'),
    bounds: attribute('bounds'),
    clickable: flag('clickable'),
    longClickable: flag('long-clickable'),
    scrollable: flag('scrollable'),
    checkable: flag('checkable'),
    checked: flag('checked'),
    enabled: node.getAttribute('enabled') !== 'false',
    password: flag('password'),
    windowId: node.getAttribute('window-id') ?? undefined,
    depth: parent === undefined ? 0 : parent.depth + 1,
    parent,
    children: [],
  };
}

function parseDocument(xml: string): Document {
  if (xml.length > MAX_SOURCE_CHARS) throw unreadable(`is ${xml.length} characters, over the ${MAX_SOURCE_CHARS} the harness reads`);
  // UiAutomator2 never writes a DTD; one here could only declare entities to expand.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw unreadable('declares a DTD, which UiAutomator2 never writes');
  try {
    const parser = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } });
    return parser.parseFromString(xml, 'text/xml');
  } catch (error) {
    throw unreadable(`is not well-formed XML: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`, error);
  }
}

function numberAttribute(element: Element, name: string): number | undefined {
  const value = Number(element.getAttribute(name) ?? '');
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Parses a page source; elements the server marks `displayed="false"` are left out with their subtree, as a find would not return them. */
export function parseUiScreen(xml: string): UiScreen {
  const document = parseDocument(xml);
  const root = document.documentElement;
  if (!root) throw unreadable('has no root element');
  const windows: UiElement[] = [];
  const elements: UiElement[] = [];
  // Depth-first in document order, iterative: a hostile depth must not exhaust the stack.
  const stack: Array<[Element, UiElement | undefined]> = childElements(root).reverse().map((element) => [element, undefined]);
  while (stack.length > 0) {
    const [element, parent] = stack.pop()!;
    if (element.getAttribute('displayed') === 'false') continue;
    if (elements.length >= MAX_SOURCE_NODES) throw unreadable(`has over ${MAX_SOURCE_NODES} elements`);
    const uiElement = toUiElement(element, parent);
    elements.push(uiElement);
    if (parent) parent.children.push(uiElement);
    else windows.push(uiElement);
    for (const child of childElements(element).reverse()) stack.push([child, uiElement]);
  }
  return { document, windows, elements, width: numberAttribute(root, 'width'), height: numberAttribute(root, 'height') };
}

/**
 * Which of a multi-window screen's windows is the active one, the only window flow steps search
 * (AXWindowHelpers.getActiveWindowRoot while `enableMultiWindows` is off): the root of the
 * single-window page source, matched by `window-id`, else by package, class and bounds.
 */
export function findActiveWindow(screen: UiScreen, activeOnly: UiScreen): UiElement | undefined {
  const active = activeOnly.windows.find((window) => window.className !== 'android.widget.Toast');
  if (!active) return undefined;
  if (active.windowId !== undefined) {
    const byId = screen.windows.find((window) => window.windowId === active.windowId);
    if (byId) return byId;
  }
  return screen.windows.find((window) => window.packageName === active.packageName && window.className === active.className && window.bounds === active.bounds);
}

/** The window root an element belongs to. */
export function windowOf(element: UiElement): UiElement {
  let current = element;
  while (current.parent) current = current.parent;
  return current;
}
