/**
 * The `xpath` package (XPath 1.0 over any W3C DOM, here @xmldom/xmldom's), typed for the calls we make. It is
 * loaded without its own typings: they start with `/// <reference lib="dom" />`, which would put the browser's
 * DOM types into the whole program and break the project's other DOM code (Playwright pages in the report tests).
 */
import { createRequire } from 'node:module';
import type { Node as XmlNode } from '@xmldom/xmldom';

/** An XPath value as the package returns it (XNodeSet, XString, XNumber or XBoolean). */
export interface XPathValue {
  stringValue(): string;
}

/** A function added to the library: it gets the evaluation context and its evaluated arguments. */
export type XPathFunction = (context: unknown, ...args: XPathValue[]) => string | number | boolean;

export interface XPathExpression {
  evaluate(options: { node: XmlNode; functions?: Record<string, XPathFunction> }): XPathValue;
}

interface XPathStep {
  axis: number;
  nodeTest: { matches(node: XmlNode, context: XPathContext): boolean };
}

interface XPathContext {
  contextNode: XmlNode;
}

interface XPathPackage {
  parse(expression: string): XPathExpression;
  XNodeSet: new () => XPathValue & { toArray(): XmlNode[] };
  Step: { FOLLOWING: number; PRECEDING: number };
  PathExpr: { applyStep(step: XPathStep, context: XPathContext, node: XmlNode): XmlNode[] };
}

const xpath = createRequire(import.meta.url)('xpath') as XPathPackage;
const ATTRIBUTE_NODE = 2;
const DOCUMENT_NODE = 9;

const AXES = new Set(['ancestor', 'ancestor-or-self', 'attribute', 'child', 'descendant', 'descendant-or-self', 'following',
  'following-sibling', 'namespace', 'parent', 'preceding', 'preceding-sibling', 'self']);

/**
 * Parses once; throws `Error` for a syntax error. The package reads an unknown axis (`foo::bar`) as an axis
 * that selects nothing; XPath 1.0 (and the server's engines) reject it, so it is rejected here first.
 */
export function parseXPathExpression(expression: string): XPathExpression {
  const outsideLiterals = expression.replace(/"[^"]*"|'[^']*'/g, '""');
  for (const [, axis] of outsideLiterals.matchAll(/([A-Za-z_][\w.-]*)\s*::/g)) {
    if (!AXES.has(axis!)) throw new Error(`unknown axis '${axis}'`);
  }
  return xpath.parse(expression);
}

/** The nodes of a node-set value in document order, or undefined for a string, number or boolean. */
export function readNodeSet(value: XPathValue): XmlNode[] | undefined {
  return value instanceof xpath.XNodeSet ? (value as InstanceType<XPathPackage['XNodeSet']>).toArray() : undefined;
}

function collectSubtree(node: XmlNode, out: XmlNode[]): void {
  out.push(node);
  for (let child: XmlNode | null = node.firstChild; child; child = child.nextSibling) collectSubtree(child, out);
}

/** The element an attribute belongs to; any other node itself. */
function elementOf(node: XmlNode): XmlNode {
  return node.nodeType === ATTRIBUTE_NODE ? ((node as unknown as { ownerElement: XmlNode | null }).ownerElement ?? node) : node;
}

/** XPath 1.0 §2.2: every node after the context node in document order, except its descendants. */
function listFollowing(context: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  const element = elementOf(context);
  // An attribute comes before its element's children.
  if (element !== context) for (let child = element.firstChild; child; child = child.nextSibling) collectSubtree(child, out);
  for (let node: XmlNode | null = element; node && node.nodeType !== DOCUMENT_NODE; node = node.parentNode) {
    for (let sibling: XmlNode | null = node.nextSibling; sibling; sibling = sibling.nextSibling) collectSubtree(sibling, out);
  }
  return out;
}

/** XPath 1.0 §2.2: every node before the context node in document order, except its ancestors. */
function listPreceding(context: XmlNode): XmlNode[] {
  const levels: XmlNode[][] = [];
  for (let node: XmlNode | null = elementOf(context); node && node.nodeType !== DOCUMENT_NODE; node = node.parentNode) {
    const level: XmlNode[] = [];
    for (let sibling: XmlNode | null = node.parentNode?.firstChild ?? null; sibling && sibling !== node; sibling = sibling.nextSibling) collectSubtree(sibling, level);
    levels.unshift(level);
  }
  return levels.flat();
}

/*
 * xpath 0.0.34's following axis walks the context node's descendants and stops before its next siblings, and
 * its preceding axis includes the ancestors (`//a/following::*` on `<r><a><x/></a><b/></r>` gives x, not b):
 * both axes are replaced by the definitions above. Predicates sort what a step returns, so document order is
 * enough for the reverse axis too.
 */
const applyStep = xpath.PathExpr.applyStep;
xpath.PathExpr.applyStep = function applyStepWithCorrectAxes(step, context, node) {
  if (step.axis !== xpath.Step.FOLLOWING && step.axis !== xpath.Step.PRECEDING) return applyStep.call(this, step, context, node);
  context.contextNode = node;
  const candidates = step.axis === xpath.Step.FOLLOWING ? listFollowing(node) : listPreceding(node);
  return candidates.filter((candidate) => step.nodeTest.matches(candidate, context));
};
