/**
 * For each element of a screen, the flow selector that finds it and nothing else, preferring what
 * survives app updates and translations best: its resource id, then its text, then its content
 * description, then an XPath. Uniqueness is checked against the same page source, over every window:
 * a selector unique there is unique in the active window a flow step searches too.
 *
 * How the server matches each (so counting here agrees with a lookup on the device): `id` is By.res,
 * the whole resource id; `text` is UiSelector.text, the whole text (androidx UiSelector.isMatchFor,
 * SELECTOR_TEXT: contentEquals); `desc` is the accessibility-id strategy, the whole content
 * description; XPath is evaluated here with the same XPath 1.0 engine family over the same XML.
 */
import { createRequire } from 'node:module';
import type { Element } from '@xmldom/xmldom';
import { xpathString } from '../appium/locate.ts';
import type { UiElement, UiScreen } from './page-tree.ts';

export type SelectorKey = 'id' | 'text' | 'desc' | 'xpath';

export interface SuggestedSelector {
  key: SelectorKey;
  value: string;
  /** Said next to the selector: why it is less robust than the others. */
  note?: string;
}

/** Loaded untyped: the package's own typings pull the browser DOM into the whole program. */
const xpath = createRequire(import.meta.url)('xpath') as { select(expression: string, node: unknown): unknown };

/** The id form the profile schema accepts (fully qualified). */
const QUALIFIED_ID = /^[A-Za-z][\w.]*:id\/\w+$/;

function countBy(elements: readonly UiElement[], read: (element: UiElement) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const element of elements) {
    const value = read(element);
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** True when the expression selects exactly this element (an expression the engine rejects selects nothing). */
function selectsOnly(screen: UiScreen, expression: string, node: Element): boolean {
  try {
    const found = xpath.select(expression, screen.document);
    return Array.isArray(found) && found.length === 1 && found[0] === node;
  } catch {
    return false;
  }
}

/** `Name[k]`: the element's position among its siblings of the same element name (XPath counts from 1). */
function step(element: UiElement): string {
  const name = element.node.nodeName;
  let position = 1;
  for (let sibling = element.node.previousSibling; sibling !== null; sibling = sibling.previousSibling) {
    if (sibling.nodeType === sibling.ELEMENT_NODE && sibling.nodeName === name) position += 1;
  }
  return `${name}[${position}]`;
}

export class SelectorSuggester {
  readonly #screen: UiScreen;
  readonly #ids: Map<string, number>;
  readonly #texts: Map<string, number>;
  readonly #descs: Map<string, number>;

  constructor(screen: UiScreen) {
    this.#screen = screen;
    this.#ids = countBy(screen.elements, (element) => element.resourceId);
    this.#texts = countBy(screen.elements, (element) => element.text);
    this.#descs = countBy(screen.elements, (element) => element.desc);
  }

  /** The most robust selector that finds only this element. */
  suggest(element: UiElement): SuggestedSelector {
    if (QUALIFIED_ID.test(element.resourceId) && this.#ids.get(element.resourceId) === 1) return { key: 'id', value: element.resourceId };
    if (element.text !== '' && this.#texts.get(element.text) === 1) return { key: 'text', value: element.text };
    if (element.desc !== '' && this.#descs.get(element.desc) === 1) return { key: 'desc', value: element.desc };
    return this.#suggestXPath(element);
  }

  /** An attribute XPath naming the element itself, for an expression to anchor on or to return. */
  #ownAttributes(element: UiElement): string[] {
    const name = element.node.nodeName;
    const id = element.resourceId === '' ? undefined : `@resource-id=${xpathString(element.resourceId)}`;
    const text = element.text === '' ? undefined : `@text=${xpathString(element.text)}`;
    const desc = element.desc === '' ? undefined : `@content-desc=${xpathString(element.desc)}`;
    const candidates: string[] = [];
    if (id) candidates.push(`//${name}[${id}]`);
    if (id && text) candidates.push(`//${name}[${id} and ${text}]`);
    if (id && desc) candidates.push(`//${name}[${id} and ${desc}]`);
    if (text) candidates.push(`//${name}[${text}]`);
    if (desc) candidates.push(`//${name}[${desc}]`);
    if (text && desc) candidates.push(`//${name}[${text} and ${desc}]`);
    return candidates;
  }

  #uniqueOwnExpression(element: UiElement): string | undefined {
    return this.#ownAttributes(element).find((expression) => selectsOnly(this.#screen, expression, element.node));
  }

  /** The window root by its package (and bounds when needed): the same whether one window or all are searched. */
  #windowRootExpression(root: UiElement): string | undefined {
    if (root.packageName === '') return undefined;
    const name = root.node.nodeName;
    const byPackage = `/hierarchy/${name}[@package=${xpathString(root.packageName)}]`;
    const candidates = [byPackage, `/hierarchy/${name}[@package=${xpathString(root.packageName)} and @bounds=${xpathString(root.bounds)}]`];
    return candidates.find((expression) => selectsOnly(this.#screen, expression, root.node));
  }

  #suggestXPath(element: UiElement): SuggestedSelector {
    const own = this.#uniqueOwnExpression(element);
    if (own) return { key: 'xpath', value: own };
    // Child steps up to the nearest ancestor with a unique expression of its own, else to the window root.
    const steps: string[] = [];
    for (let current = element; ; current = current.parent) {
      if (current !== element) {
        const anchor = this.#uniqueOwnExpression(current);
        const expression = anchor === undefined ? undefined : `${anchor}/${steps.join('/')}`;
        if (expression && selectsOnly(this.#screen, expression, element.node)) return { key: 'xpath', value: expression, note: 'by position below a labelled ancestor: breaks when the layout changes' };
      }
      if (current.parent === undefined) {
        const root = this.#windowRootExpression(current);
        const expression = root === undefined ? undefined : [root, ...steps].join('/');
        if (expression && selectsOnly(this.#screen, expression, element.node)) return { key: 'xpath', value: expression, note: 'by position in its window: breaks when the layout changes' };
        break;
      }
      steps.unshift(step(current));
    }
    // Last resort: its position among all elements of its kind, counted over every window shown.
    const name = element.node.nodeName;
    const all = this.#screen.elements.filter((other) => other.node.nodeName === name);
    const expression = `(//${name})[${all.indexOf(element) + 1}]`;
    return { key: 'xpath', value: expression, note: 'by position on the whole screen: fragile, and a flow step (active window only) counts fewer' };
  }
}
