/**
 * Element lookup for the locator strategies Appium sends: `id`, `accessibility id`, `class name`, `xpath`
 * and `-android uiautomator` (UiSelector chains and UiScrollable scrolling). Results are views of the current
 * hierarchy in depth-first order; a context element scopes the search to its subtree.
 */
import type { UiNode } from '../ui/contracts.ts';
import { invalidSelector, noSuchElement } from './uia2-error.ts';
import { buildQueryRoot, buildSnapshotRoot, withoutInvisible, type WindowSource } from './window-roots.ts';
import { buildParentMap, matchUiSelector } from './ui-selector/ui-selector-match.ts';
import { parseUiAutomator, UiSelectorSyntaxError, type UiAutomatorStatement, type UiSelectorSpec } from './ui-selector/ui-selector-parse.ts';
import { selectByXPath } from './xpath/select-by-xpath.ts';
import type { XPathDocumentCache } from './xpath/xpath-document-cache.ts';

/** What finds need: the windows and settings (window-roots.ts), the whole screen for element scopes, gestures. */
export interface FinderEnvironment extends WindowSource {
  /** Every window, bottom to top: context elements are looked up here wherever they are. */
  hierarchy(): UiNode;
  /**
   * The package bare ids are completed with (ElementLocationHelpers.rewriteIdLocator → getPackageName):
   * the session's `appPackage` capability, else the instrumentation's target context package, which
   * for the UiAutomator2 server is `io.appium.uiautomator2.server` — never the app in front.
   */
  idCompletionPackage(): string;
  swipe(x1: number, y1: number, x2: number, y2: number, durationMs: number): void;
  display: { width: number; height: number; rotation: number };
  /** Parsed page sources for XPath searches, reused while the screen is unchanged. */
  xpathDocuments: XPathDocumentCache;
}

export const STRATEGIES = ['id', 'accessibility id', 'class name', 'xpath', '-android uiautomator'] as const;

/** `^[a-zA-Z_][a-zA-Z0-9._]*:[^/]+/\S+$` — a resource id that needs no completion (ElementLocationHelpers). */
const FULL_RESOURCE_ID = /^[a-zA-Z_][a-zA-Z0-9._]*:[^/]+\/\S+$/;

function flatten(node: UiNode, out: UiNode[]): void {
  for (const child of node.children) {
    out.push(child);
    flatten(child, out);
  }
}

function findUid(node: UiNode, uid: string): { node: UiNode; index: number } | undefined {
  const walk = (current: UiNode, index: number): { node: UiNode; index: number } | undefined => {
    if (current.uid === uid) return { node: current, index };
    for (let i = 0; i < current.children.length; i++) {
      const found = walk(current.children[i]!, i);
      if (found) return found;
    }
    return undefined;
  };
  return walk(node, 0);
}

/** The view with this uid in the current hierarchy, or undefined when it is gone. */
export function findNodeByUid(root: UiNode, uid: string): UiNode | undefined {
  return findUid(root, uid)?.node;
}

/**
 * Finds views; `context` is the uid of the element to search under. Throws `invalid selector` for bad
 * syntax and `no such element` when a UiScrollable container is missing; otherwise returns [] for no match.
 */
export function findElements(env: FinderEnvironment, strategy: string, selector: string, context: string | undefined): UiNode[] {
  const contextScope = (): { node: UiNode; index: number } => {
    const found = findUid(env.hierarchy(), context ?? '');
    if (!found) throw noSuchElement(`The context element '${context}' is no longer on the screen`);
    return found;
  };
  /** Under the context element, else the windows this kind of find searches (window-roots.ts). */
  const scope = (kind: 'ui-selector' | 'by-selector'): UiNode =>
    (context === undefined ? buildQueryRoot(env, kind) : withoutInvisible(contextScope().node));
  switch (strategy) {
    case 'id': {
      // ElementLocationHelpers.rewriteIdLocator: no completion with disableIdLocatorAutocompletion.
      const complete = env.settings()['disableIdLocatorAutocompletion'] !== true && !FULL_RESOURCE_ID.test(selector);
      const id = complete ? `${env.idCompletionPackage()}:id/${selector}` : selector;
      return descendantsOf(scope('by-selector')).filter((n) => n.resourceId === id);
    }
    case 'accessibility id':
      return descendantsOf(scope('by-selector')).filter((n) => n.contentDesc === selector);
    case 'class name':
      return descendantsOf(scope('by-selector')).filter((n) => n.className === selector);
    case 'xpath': {
      if (context === undefined) return selectByXPath(env.xpathDocuments, { hierarchy: buildSnapshotRoot(env, env.display), display: env.display }, selector);
      const { node, index } = contextScope();
      return selectByXPath(env.xpathDocuments, { element: node, index }, selector);
    }
    case '-android uiautomator':
      return findByUiAutomator(env, selector, () => scope('ui-selector'));
    default:
      throw invalidSelector(`Locator strategy '${strategy}' is not supported. Supported strategies: ${STRATEGIES.join(', ')}`);
  }
}

function descendantsOf(node: UiNode): UiNode[] {
  const out: UiNode[] = [];
  flatten(node, out);
  return out;
}

function findByUiAutomator(env: FinderEnvironment, selector: string, scope: () => UiNode): UiNode[] {
  let statements: UiAutomatorStatement[];
  try {
    statements = parseUiAutomator(selector);
  } catch (error) {
    if (error instanceof UiSelectorSyntaxError) throw invalidSelector(`Could not parse UiSelector argument: ${error.message}`);
    throw error;
  }
  const results: UiNode[] = [];
  for (const statement of statements) {
    const spec = statement.kind === 'selector' ? statement.selector : runUiScrollable(env, statement, scope);
    const root = scope();
    for (const node of matchUiSelector(root, spec, buildParentMap(root))) if (!results.includes(node)) results.push(node);
  }
  return results;
}

/** Performs a UiScrollable chain and returns the selector whose matches are the result (UiScrollableParser). */
function runUiScrollable(env: FinderEnvironment, statement: Extract<UiAutomatorStatement, { kind: 'scrollable' }>, scope: () => UiNode): UiSelectorSpec {
  let maxSwipes = 30;
  let result: UiSelectorSpec | undefined;
  const exists = (spec: UiSelectorSpec): boolean => matchUiSelector(scope(), spec).length > 0;
  const container = (): UiNode => {
    const found = matchUiSelector(scope(), statement.container)[0];
    if (!found) throw noSuchElement(`UiScrollable container not found: no element matches the UiScrollable's UiSelector`);
    return found;
  };
  /** One swipe across the container, leaving a 10% dead zone at each end (UiScrollable's default). */
  const scroll = (forward: boolean): boolean => {
    const before = JSON.stringify(container());
    const [left, top, right, bottom] = container().bounds;
    const x = Math.floor((left + right) / 2);
    const dead = Math.floor((bottom - top) * 0.1);
    if (forward) env.swipe(x, bottom - dead - 1, x, top + dead, 100);
    else env.swipe(x, top + dead, x, bottom - dead - 1, 100);
    return JSON.stringify(container()) !== before;
  };
  const scrollToEdge = (forward: boolean, steps: number): void => {
    for (let i = 0; i < steps && scroll(forward); i++);
  };
  const scrollIntoView = (target: UiSelectorSpec): void => {
    result = target;
    if (exists(target)) return;
    container();
    scrollToEdge(false, maxSwipes);
    for (let i = 0; i < maxSwipes && !exists(target); i++) if (!scroll(true)) return;
  };
  for (const call of statement.calls) {
    const [first, second] = call.args;
    switch (call.method) {
      case 'setMaxSearchSwipes': maxSwipes = typeof first === 'number' ? first : maxSwipes; break;
      case 'scrollIntoView': if (typeof first === 'object') scrollIntoView(first); break;
      case 'scrollTextIntoView': scrollIntoView({ criteria: [{ kind: 'text', attribute: 'text', match: 'equals', value: String(first) }], children: [], fromParent: [] }); break;
      case 'scrollDescriptionIntoView': scrollIntoView({ criteria: [{ kind: 'text', attribute: 'description', match: 'equals', value: String(first) }], children: [], fromParent: [] }); break;
      case 'getChildByText': case 'getChildByDescription': {
        if (typeof first !== 'object') break;
        const attribute = call.method === 'getChildByText' ? 'text' : 'description';
        const label: UiSelectorSpec = { criteria: [{ kind: 'text', attribute, match: 'equals', value: String(second) }], children: [], fromParent: [] };
        scrollIntoView({ ...first, children: [...first.children, label] });
        // The result is the matching row that holds the text, not the text view inside it.
        const row = matchUiSelector(scope(), first).find((candidate) => matchUiSelector(candidate, label).length > 0);
        result = row ? { criteria: [{ kind: 'uid', value: row.uid }], children: [], fromParent: [] } : { ...first, children: [...first.children, label] };
        break;
      }
      case 'getChildByInstance': if (typeof first === 'object') result = { ...first, instance: Number(second) }; break;
      case 'scrollForward': case 'flingForward': scroll(true); break;
      case 'scrollBackward': case 'flingBackward': scroll(false); break;
      case 'scrollToEnd': case 'flingToEnd': scrollToEdge(true, typeof first === 'number' ? first : maxSwipes); break;
      case 'scrollToBeginning': case 'flingToBeginning': scrollToEdge(false, typeof first === 'number' ? first : maxSwipes); break;
      default: break;
    }
  }
  return result ?? statement.container;
}
