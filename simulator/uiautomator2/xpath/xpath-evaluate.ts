/**
 * Evaluates a parsed XPath over the page-source document. Values are node-sets (document order, no
 * duplicates), strings, numbers and booleans with XPath 1.0 conversions and comparisons; the function
 * library is XPath 1.0's plus the XPath 2.0 string functions the server's default XPath 2 engine offers
 * (ends-with, matches, lower-case, upper-case).
 */
import type { Expr, Step } from './xpath-parse.ts';
import { stringValueOf, type XElement, type XNode } from './xpath-dom.ts';

export type XValue = XNode[] | string | number | boolean;

interface Context {
  node: XNode;
  position: number;
  size: number;
}

export class XPathEvaluationError extends Error {}

function toStringValue(value: XValue): string {
  if (Array.isArray(value)) return value[0] ? stringValueOf(value[0]) : '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : Number.isNaN(value) ? 'NaN' : String(value);
  return String(value);
}

function toNumber(value: XValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = toStringValue(value).trim();
  return text === '' ? Number.NaN : Number(text);
}

function toBoolean(value: XValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return value;
}

function sortUnique(nodes: XNode[]): XNode[] {
  return [...new Set(nodes)].sort((a, b) => a.order - b.order);
}

function descendants(element: XElement, out: XElement[]): void {
  for (const child of element.children) {
    out.push(child);
    descendants(child, out);
  }
}

function axisNodes(node: XNode, step: Step): XNode[] {
  if (node.kind === 'attribute') {
    switch (step.axis) {
      case 'self': return [node];
      case 'parent': return [node.parent];
      case 'ancestor-or-self': return [node, ...ancestors(node.parent, true)];
      case 'ancestor': return ancestors(node.parent, true);
      default: return [];
    }
  }
  switch (step.axis) {
    case 'child': return node.children;
    case 'attribute': return node.attributes;
    case 'self': return [node];
    case 'parent': return node.parent ? [node.parent] : [];
    case 'ancestor': return node.parent ? ancestors(node.parent, true) : [];
    case 'ancestor-or-self': return ancestors(node, true);
    case 'descendant': { const out: XElement[] = []; descendants(node, out); return out; }
    case 'descendant-or-self': { const out: XElement[] = [node]; descendants(node, out); return out; }
    case 'following-sibling': { const siblings = node.parent?.children ?? []; return siblings.slice(siblings.indexOf(node) + 1); }
    case 'preceding-sibling': { const siblings = node.parent?.children ?? []; return siblings.slice(0, siblings.indexOf(node)).reverse(); }
    case 'following': case 'preceding': {
      let root: XElement = node;
      while (root.parent) root = root.parent;
      const all: XElement[] = [];
      descendants(root, all);
      if (step.axis === 'following') {
        const sub: XElement[] = [];
        descendants(node, sub);
        const last = sub.at(-1)?.order ?? node.order;
        return all.filter((n) => n.order > last);
      }
      const chain = new Set(ancestors(node, false));
      return all.filter((n) => n.order < node.order && !chain.has(n)).reverse();
    }
  }
}

function ancestors(element: XElement, includeSelf: boolean): XElement[] {
  const out: XElement[] = [];
  let current: XElement | undefined = includeSelf ? element : element.parent;
  while (current) {
    out.push(current);
    current = current.parent;
  }
  return out;
}

function matchesTest(node: XNode, step: Step): boolean {
  const test = step.test;
  switch (test.kind) {
    case 'node': return true;
    case 'text': return false; // the page source has no text nodes: UiAutomator2 exposes text as @text
    case 'any': return step.axis === 'attribute' ? node.kind === 'attribute' : node.kind === 'element';
    case 'name': return (step.axis === 'attribute' ? node.kind === 'attribute' : node.kind === 'element') && node.name === test.name;
  }
}

function applyPredicates(nodes: XNode[], predicates: Expr[]): XNode[] {
  let current = nodes;
  for (const predicate of predicates) {
    const size = current.length;
    current = current.filter((node, i) => {
      const value = evaluate(predicate, { node, position: i + 1, size });
      return typeof value === 'number' ? value === i + 1 : toBoolean(value);
    });
  }
  return current;
}

function applySteps(start: XNode[], steps: Step[]): XNode[] {
  let nodes = start;
  for (const step of steps) {
    const next: XNode[] = [];
    for (const node of nodes) {
      // Positions in predicates count along the axis direction (proximity order), so filter before sorting.
      const candidates = axisNodes(node, step).filter((n) => matchesTest(n, step));
      next.push(...applyPredicates(candidates, step.predicates));
    }
    nodes = sortUnique(next);
  }
  return nodes;
}

function compare(op: string, left: XValue, right: XValue): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    if (Array.isArray(left) && Array.isArray(right)) {
      return left.some((l) => right.some((r) => compareAtoms(op, stringValueOf(l), stringValueOf(r))));
    }
    const swapped = !Array.isArray(left);
    const set = (swapped ? right : left) as XNode[];
    const other = (swapped ? left : right) as string | number | boolean;
    if (typeof other === 'boolean') return compareAtoms(op, swapped ? other : toBoolean(set), swapped ? toBoolean(set) : other);
    return set.some((n) => {
      const atom = typeof other === 'number' ? toNumber(stringValueOf(n)) : stringValueOf(n);
      return swapped ? compareAtoms(op, other, atom) : compareAtoms(op, atom, other);
    });
  }
  return compareAtoms(op, left, right);
}

function compareAtoms(op: string, left: string | number | boolean, right: string | number | boolean): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (typeof left === 'boolean' || typeof right === 'boolean') equal = toBoolean(left) === toBoolean(right);
    else if (typeof left === 'number' || typeof right === 'number') equal = toNumber(left) === toNumber(right);
    else equal = left === right;
    return op === '=' ? equal : !equal;
  }
  const l = toNumber(left);
  const r = toNumber(right);
  switch (op) {
    case '<': return l < r;
    case '<=': return l <= r;
    case '>': return l > r;
    default: return l >= r;
  }
}

function callFunction(name: string, args: Expr[], ctx: Context): XValue {
  const arg = (i: number): XValue => {
    const expr = args[i];
    if (!expr) throw new XPathEvaluationError(`${name}() needs at least ${i + 1} argument(s)`);
    return evaluate(expr, ctx);
  };
  const str = (i: number): string => (args[i] ? toStringValue(arg(i)) : stringValueOf(ctx.node));
  switch (name) {
    case 'contains': return str(0).includes(toStringValue(arg(1)));
    case 'starts-with': return str(0).startsWith(toStringValue(arg(1)));
    case 'ends-with': return str(0).endsWith(toStringValue(arg(1)));
    case 'matches': {
      try {
        return new RegExp(toStringValue(arg(1)), args[2] ? toStringValue(arg(2)).replace(/[^imsu]/g, '') : '').test(str(0));
      } catch (error) {
        throw new XPathEvaluationError(`invalid regular expression in matches(): ${(error as Error).message}`);
      }
    }
    case 'not': return !toBoolean(arg(0));
    case 'true': return true;
    case 'false': return false;
    case 'boolean': return toBoolean(arg(0));
    case 'number': return args[0] ? toNumber(arg(0)) : toNumber(stringValueOf(ctx.node));
    case 'string': return str(0);
    case 'concat': return args.map((_, i) => toStringValue(arg(i))).join('');
    case 'string-length': return [...str(0)].length;
    case 'normalize-space': return str(0).trim().replace(/\s+/g, ' ');
    case 'lower-case': return str(0).toLowerCase();
    case 'upper-case': return str(0).toUpperCase();
    case 'substring-before': { const s = str(0); const t = toStringValue(arg(1)); const i = s.indexOf(t); return i < 0 ? '' : s.slice(0, i); }
    case 'substring-after': { const s = str(0); const t = toStringValue(arg(1)); const i = s.indexOf(t); return i < 0 ? '' : s.slice(i + t.length); }
    case 'substring': {
      const chars = [...str(0)];
      const start = Math.round(toNumber(arg(1)));
      const end = args[2] ? start + Math.round(toNumber(arg(2))) : Number.POSITIVE_INFINITY;
      return chars.filter((_, i) => i + 1 >= start && i + 1 < end).join('');
    }
    case 'translate': {
      const from = [...toStringValue(arg(1))];
      const to = [...toStringValue(arg(2))];
      return [...str(0)].map((c) => { const i = from.indexOf(c); return i < 0 ? c : (to[i] ?? ''); }).join('');
    }
    case 'position': return ctx.position;
    case 'last': return ctx.size;
    case 'count': { const v = arg(0); if (!Array.isArray(v)) throw new XPathEvaluationError('count() needs a node-set'); return v.length; }
    case 'name': case 'local-name': {
      const v = args[0] ? arg(0) : [ctx.node];
      return Array.isArray(v) && v[0] ? v[0].name : '';
    }
    case 'floor': return Math.floor(toNumber(arg(0)));
    case 'ceiling': return Math.ceil(toNumber(arg(0)));
    case 'round': return Math.round(toNumber(arg(0)));
    default: throw new XPathEvaluationError(`unknown function ${name}()`);
  }
}

export function evaluate(expr: Expr, ctx: Context): XValue {
  switch (expr.type) {
    case 'literal': return expr.value;
    case 'number': return expr.value;
    case 'negate': return -toNumber(evaluate(expr.operand, ctx));
    case 'call': return callFunction(expr.name, expr.args, ctx);
    case 'path': {
      let start: XNode = ctx.node;
      if (expr.absolute) {
        let root: XNode = ctx.node.kind === 'attribute' ? ctx.node.parent : ctx.node;
        while (root.parent) root = root.parent;
        start = root;
      }
      return applySteps([start], expr.steps);
    }
    case 'filter': {
      const value = evaluate(expr.primary, ctx);
      if (expr.predicates.length === 0 && expr.steps.length === 0) return value;
      if (!Array.isArray(value)) throw new XPathEvaluationError('predicates and paths need a node-set');
      return applySteps(applyPredicates(value, expr.predicates), expr.steps);
    }
    case 'binary': {
      switch (expr.op) {
        case 'or': return toBoolean(evaluate(expr.left, ctx)) || toBoolean(evaluate(expr.right, ctx));
        case 'and': return toBoolean(evaluate(expr.left, ctx)) && toBoolean(evaluate(expr.right, ctx));
        case '|': {
          const l = evaluate(expr.left, ctx);
          const r = evaluate(expr.right, ctx);
          if (!Array.isArray(l) || !Array.isArray(r)) throw new XPathEvaluationError('| needs node-sets on both sides');
          return sortUnique([...l, ...r]);
        }
        case '+': return toNumber(evaluate(expr.left, ctx)) + toNumber(evaluate(expr.right, ctx));
        case '-': return toNumber(evaluate(expr.left, ctx)) - toNumber(evaluate(expr.right, ctx));
        case '*': return toNumber(evaluate(expr.left, ctx)) * toNumber(evaluate(expr.right, ctx));
        case 'div': return toNumber(evaluate(expr.left, ctx)) / toNumber(evaluate(expr.right, ctx));
        case 'mod': return toNumber(evaluate(expr.left, ctx)) % toNumber(evaluate(expr.right, ctx));
        default: return compare(expr.op, evaluate(expr.left, ctx), evaluate(expr.right, ctx));
      }
    }
  }
}

/** Evaluates `expr` with `contextNode` as the context; a non-node-set result is an error for element search. */
export function selectNodes(expr: Expr, contextNode: XNode): XNode[] {
  const value = evaluate(expr, { node: contextNode, position: 1, size: 1 });
  if (!Array.isArray(value)) throw new XPathEvaluationError(`the expression evaluates to a ${typeof value}, not to elements`);
  return value;
}
