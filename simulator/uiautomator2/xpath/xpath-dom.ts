/** The document XPath runs on: the page source's elements and attributes, built straight from UiNodes. */
import type { UiNode } from '../../ui/contracts.ts';
import { listNodeAttributes, toXmlNodeName } from '../source-xml.ts';

export interface XElement {
  kind: 'element' | 'document';
  name: string;
  attributes: XAttribute[];
  children: XElement[];
  parent: XElement | undefined;
  /** Position in document order. */
  order: number;
  /** The view behind the element; undefined for the document and the `hierarchy` root. */
  node: UiNode | undefined;
}

export interface XAttribute {
  kind: 'attribute';
  name: string;
  value: string;
  parent: XElement;
  order: number;
}

export type XNode = XElement | XAttribute;

/** Builds the document for a `DeviceUi.hierarchy()` root, exactly as `GET /source` serialises it. */
export function buildXDocument(root: UiNode, display: { width: number; height: number; rotation: number }): XElement {
  let order = 0;
  const document: XElement = { kind: 'document', name: '', attributes: [], children: [], parent: undefined, order: order++, node: undefined };
  const hierarchy: XElement = { kind: 'element', name: 'hierarchy', attributes: [], children: [], parent: document, order: order++, node: undefined };
  const attrs: Array<[string, string]> = [['index', '0'], ['class', 'hierarchy'], ['rotation', String(display.rotation)], ['width', String(display.width)], ['height', String(display.height)]];
  hierarchy.attributes = attrs.map(([name, value]) => ({ kind: 'attribute', name, value, parent: hierarchy, order: order++ }));
  document.children.push(hierarchy);
  const build = (node: UiNode, index: number, parent: XElement): XElement => {
    const element: XElement = { kind: 'element', name: toXmlNodeName(node.className), attributes: [], children: [], parent, order: order++, node };
    element.attributes = listNodeAttributes(node, index).map(([name, value]) => ({ kind: 'attribute', name, value, parent: element, order: order++ }));
    element.children = node.children.map((child, i) => build(child, i, element));
    return element;
  };
  hierarchy.children = root.children.map((child, i) => build(child, i, hierarchy));
  return document;
}

/**
 * The document of a search scoped to an element (the server's default `limitXPathContextScope`): the
 * element itself is the document element, so `//x` stays inside it.
 */
export function buildScopedXDocument(node: UiNode, index: number): XElement {
  let order = 0;
  const document: XElement = { kind: 'document', name: '', attributes: [], children: [], parent: undefined, order: order++, node: undefined };
  const build = (view: UiNode, i: number, parent: XElement): XElement => {
    const element: XElement = { kind: 'element', name: toXmlNodeName(view.className), attributes: [], children: [], parent, order: order++, node: view };
    element.attributes = listNodeAttributes(view, i).map(([name, value]) => ({ kind: 'attribute', name, value, parent: element, order: order++ }));
    element.children = view.children.map((child, j) => build(child, j, element));
    return element;
  };
  document.children.push(build(node, index, document));
  return document;
}

/** Finds the element of a view (for searches scoped to an element context). */
export function findXElement(root: XElement, uid: string): XElement | undefined {
  if (root.node?.uid === uid) return root;
  for (const child of root.children) {
    const found = findXElement(child, uid);
    if (found) return found;
  }
  return undefined;
}

/** String-value: an attribute's value; elements have no text nodes in this document, so ''. */
export function stringValueOf(node: XNode): string {
  return node.kind === 'attribute' ? node.value : '';
}
