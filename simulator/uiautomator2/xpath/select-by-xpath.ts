/**
 * XPath search as the UiAutomator2 server does it (AccessibilityNodeInfoDumper.findNodes): serialise the screen
 * as the page source with a `uiElementIndex` on every element, parse it into a DOM, evaluate the expression on
 * the document, and map each element of the result back to its view by that index. So the expression sees
 * what the page source shows: element names are class names, every property is an attribute, and the
 * indentation between elements is whitespace text.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { UiNode } from '../../ui/contracts.ts';
import { formatIndexedSourceXml, type IndexedSourceScope } from '../source-xml.ts';
import { invalidSelector } from '../uia2-error.ts';
import type { XPathDocumentCache } from './xpath-document-cache.ts';
import { parseXPathExpression, readNodeSet, type XPathExpression, type XPathValue } from './xpath-package.ts';
import { XPATH2_STRING_FUNCTIONS } from './xpath2-string-functions.ts';

const ELEMENT_NODE = 1;

/**
 * The views `selector` selects in `scope`, in document order. A search under an element has that element as
 * the document element, so `//x` stays inside it (the server's default `limitXPathContextScope`). A result that is
 * not a node-set, and nodes that are not elements (attributes, text), select nothing, as with the server's
 * default XPath 2.0 engine. Throws `invalid selector` for an expression that does not parse or evaluate.
 */
export function selectByXPath(documents: XPathDocumentCache, scope: IndexedSourceScope, selector: string): UiNode[] {
  const { xml, views } = formatIndexedSourceXml(scope);
  const entry = documents.open(xml);
  let indexes = entry.selections.get(selector);
  if (!indexes) {
    indexes = evaluateToIndexes(entry.document, selector);
    entry.selections.set(selector, indexes);
  }
  // `hierarchy` has an index but no view: it selects nothing, as on the server.
  return indexes.flatMap((index) => views[index] ?? []);
}

function evaluateToIndexes(document: Document, selector: string): number[] {
  let expression: XPathExpression;
  try {
    expression = parseXPathExpression(selector);
  } catch (error) {
    throw invalidSelector(`Invalid XPath expression '${selector}': ${describe(error)}`);
  }
  let value: XPathValue;
  try {
    value = expression.evaluate({ node: document, functions: XPATH2_STRING_FUNCTIONS });
  } catch (error) {
    // Unknown functions and wrong argument types surface here, not when parsing.
    throw invalidSelector(`Cannot evaluate XPath '${selector}': ${describe(error)}`);
  }
  const indexes: number[] = [];
  for (const node of readNodeSet(value) ?? []) {
    if (node.nodeType === ELEMENT_NODE) indexes.push(Number((node as Element).getAttribute('uiElementIndex')));
  }
  return indexes;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
