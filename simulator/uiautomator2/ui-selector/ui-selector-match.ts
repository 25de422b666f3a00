/**
 * UiSelector matching over the hierarchy, in UiAutomator's depth-first order: `instance(n)` is the n-th
 * match, `index(n)` the position among siblings, `childSelector` searches under each match, and
 * `fromParent` searches under each match's parent. As androidx UiSelector.isMatchFor compares:
 * `text`/`description` exactly; `…Contains` and `…StartsWith` on lower-cased values (case-insensitive,
 * whatever the javadoc of textContains says); `…Matches` with `Pattern.matcher(value).matches()`, the
 * whole value, `textMatches`/`descriptionMatches` compiled with DOTALL, the others without.
 */
import { javaRegexToRegExp } from '../../../harness/appium/java-regex.ts';
import type { UiNode } from '../../ui/contracts.ts';
import type { Criterion, UiSelectorSpec } from './ui-selector-parse.ts';

interface Located {
  node: UiNode;
  parent: UiNode | undefined;
  index: number;
}

function collect(node: UiNode, parent: UiNode | undefined, index: number, out: Located[]): void {
  out.push({ node, parent, index });
  node.children.forEach((child, i) => collect(child, node, i, out));
}

/** Every view under `root` (root excluded) with its parent and sibling index, depth first. */
export function listDescendants(root: UiNode): Located[] {
  const out: Located[] = [];
  root.children.forEach((child, i) => collect(child, root, i, out));
  return out;
}

function textOf(node: UiNode, attribute: Extract<Criterion, { kind: 'text' }>['attribute']): string {
  switch (attribute) {
    case 'text': return node.text;
    case 'description': return node.contentDesc;
    case 'className': return node.className;
    case 'resourceId': return node.resourceId;
    case 'packageName': return node.packageName;
  }
}

const patterns = new Map<string, RegExp>();

/** The pattern as UiSelector compiled it (the parser has checked it); kept, as one find tests every view. */
function compiled(pattern: string, dotAll: boolean): RegExp {
  const key = `${dotAll ? 's' : '-'}${pattern}`;
  let regex = patterns.get(key);
  if (regex === undefined) {
    regex = javaRegexToRegExp(pattern, { dotAll });
    if (patterns.size > 200) patterns.clear();
    patterns.set(key, regex);
  }
  return regex;
}

function matchesCriterion(located: Located, criterion: Criterion): boolean {
  const { node } = located;
  switch (criterion.kind) {
    case 'index': return located.index === criterion.value;
    case 'uid': return node.uid === criterion.value;
    case 'boolean': return node[criterion.attribute] === criterion.value;
    case 'text': {
      const value = textOf(node, criterion.attribute);
      switch (criterion.match) {
        case 'equals': return value === criterion.value;
        case 'contains': return value.toLowerCase().includes(criterion.value.toLowerCase());
        case 'startsWith': return value.toLowerCase().startsWith(criterion.value.toLowerCase());
        case 'matches': return compiled(criterion.value, criterion.attribute === 'text' || criterion.attribute === 'description').test(value);
      }
    }
  }
}

/** Views matching `spec` under `root`, in order, with instance/child/parent clauses applied. */
export function matchUiSelector(root: UiNode, spec: UiSelectorSpec, parents: Map<UiNode, UiNode | undefined> = buildParentMap(root)): UiNode[] {
  let matches = listDescendants(root).filter((located) => spec.criteria.every((c) => matchesCriterion(located, c))).map((l) => l.node);
  if (spec.instance !== undefined) matches = matches[spec.instance] ? [matches[spec.instance]!] : [];
  for (const child of spec.children) {
    matches = unique(matches.flatMap((match) => matchUiSelector(match, child, parents)));
  }
  for (const sibling of spec.fromParent) {
    matches = unique(matches.flatMap((match) => {
      const parent = parents.get(match);
      return parent ? matchUiSelector(parent, sibling, parents) : [];
    }));
  }
  return matches;
}

export function buildParentMap(root: UiNode): Map<UiNode, UiNode | undefined> {
  const parents = new Map<UiNode, UiNode | undefined>();
  const walk = (node: UiNode, parent: UiNode | undefined): void => {
    parents.set(node, parent);
    for (const child of node.children) walk(child, node);
  };
  walk(root, undefined);
  return parents;
}

function unique(nodes: UiNode[]): UiNode[] {
  return [...new Set(nodes)];
}
