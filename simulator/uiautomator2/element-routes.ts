/** Finding elements and reading or acting on one. */
import type { UiNode } from '../ui/contracts.ts';
import { formatBounds } from '../ui/dump-xml.ts';
import { readElementReference } from './element-store.ts';
import { findElements, STRATEGIES } from './find-elements.ts';
import { cropPng } from './png-crop.ts';
import { readWaitForIdleTimeout, spendSnapshotCost, waitForIdle } from './idle-wait.ts';
import { prepareLookup, readBodyField, resolveElement, type Route, type RouteContext } from './server-state.ts';
import { invalidArgument, invalidElementState, noSuchElement, Uia2Error } from './uia2-error.ts';

/** getAttribute names and aliases (utils/Attribute.java), case-insensitive. */
const ATTRIBUTES: Array<[string[], (node: UiNode) => string | null]> = [
  [['text', 'name', 'original-text'], (n) => n.text],
  [['content-desc', 'contentDescription'], (n) => n.contentDesc],
  [['resource-id', 'resourceId'], (n) => n.resourceId],
  [['class', 'className'], (n) => n.className],
  [['package'], (n) => n.packageName],
  [['checkable'], (n) => String(n.checkable)],
  [['checked'], (n) => String(n.checked)],
  [['clickable'], (n) => String(n.clickable)],
  [['enabled'], (n) => String(n.enabled)],
  [['focusable'], (n) => String(n.focusable)],
  [['focused'], (n) => String(n.focused)],
  [['long-clickable', 'longClickable'], (n) => String(n.longClickable)],
  [['password'], (n) => String(n.password)],
  [['scrollable'], (n) => String(n.scrollable)],
  [['selected'], (n) => String(n.selected)],
  [['bounds'], (n) => formatBounds(n.bounds)],
  [['displayed'], (n) => String(n.displayed)],
  [['hint'], () => null],
  [['a11y-important', 'importantForAccessibility'], () => 'true'],
];

export function readElementAttribute(node: UiNode, name: string): string | null {
  const lower = name.toLowerCase();
  const entry = ATTRIBUTES.find(([aliases]) => aliases.some((alias) => alias.toLowerCase() === lower));
  if (!entry) {
    const known = ATTRIBUTES.map(([aliases]) => aliases.join('|')).join(', ');
    throw new Uia2Error('unknown command', 404, `'${name}' attribute is unknown for the element. Only the following attributes are supported: ${known}`);
  }
  return entry[1](node);
}

/**
 * FindElement(s): waits for idle and needs the active window's root first (prepareLookup). A
 * UiSelector search probes `instance(0)`, `instance(1)`, … with an idle wait each (androidx
 * `QueryController.findAccessibilityNodeInfo`), one more than it finds when collecting all matches;
 * XPath walks a full snapshot.
 */
async function find(ctx: RouteContext, multiple: boolean): Promise<unknown> {
  const strategy = readBodyField(ctx.body, 'strategy');
  const selector = readBodyField(ctx.body, 'selector');
  const contextId = readBodyField(ctx.body, 'context');
  if (typeof strategy !== 'string' || typeof selector !== 'string') {
    throw invalidArgument(`'strategy' and 'selector' must be strings; supported strategies: ${STRATEGIES.join(', ')}`);
  }
  await prepareLookup(ctx);
  const context = typeof contextId === 'string' && contextId !== '' ? resolveElement(ctx, contextId).uid : undefined;
  const root = ctx.state.device.ui.hierarchy();
  if (strategy === 'xpath') await spendSnapshotCost(root);
  const nodes = findElements(ctx.state.finder, strategy, selector, context);
  if (strategy === '-android uiautomator') {
    for (let probe = 0; probe < (multiple ? nodes.length + 1 : 1); probe++) await waitForIdle(ctx.state.device.ui, readWaitForIdleTimeout(ctx.session.settings));
  }
  const locator = `By.${strategy}: ${selector}`;
  const after = ctx.state.device.ui.hierarchy();
  if (multiple) return nodes.map((node) => ctx.session.elements.add(node, locator, { singleMatch: false, root: after }));
  const first = nodes[0];
  if (!first) throw noSuchElement();
  return ctx.session.elements.add(first, locator, { singleMatch: true, root: after });
}

function setElementText(ctx: RouteContext): null {
  const node = resolveElement(ctx, ctx.params['id']);
  const ui = ctx.state.device.ui;
  const value = readBodyField(ctx.body, 'value');
  const given = readBodyField(ctx.body, 'text') ?? (Array.isArray(value) ? value.join('') : undefined);
  if (typeof given !== 'string') throw invalidArgument("'text' must be a string");
  let text = given;
  const pressEnter = text.endsWith('\\n');
  if (pressEnter) text = text.slice(0, -2);
  if (readBodyField(ctx.body, 'replace') !== true && node.text !== '') {
    // As SendKeysToElement: append to the current text, unless what stays after clearing is the hint.
    let current = node.text;
    ui.setText(node.uid, '');
    if (resolveElement(ctx, ctx.params['id']).text !== '') current = '';
    text = current + text;
  }
  if (!ui.setText(node.uid, text)) throw invalidElementState(`Cannot set the element to '${given}'. Did you interact with the correct element?`);
  if (pressEnter) ui.pressKey(66);
  return null;
}

const rectOf = (node: UiNode): { x: number; y: number; width: number; height: number } => ({
  x: node.bounds[0], y: node.bounds[1], width: node.bounds[2] - node.bounds[0], height: node.bounds[3] - node.bounds[1],
});

export const ELEMENT_ROUTES: Route[] = [
  { method: 'POST', pattern: '/session/:sessionId/element', name: 'FindElement', handle: (ctx) => find(ctx, false) },
  { method: 'POST', pattern: '/session/:sessionId/elements', name: 'FindElements', handle: (ctx) => find(ctx, true) },
  { method: 'GET', pattern: '/session/:sessionId/element/active', name: 'ActiveElement',
    handle: async (ctx) => {
      await prepareLookup(ctx);
      const focused = findElements(ctx.state.finder, '-android uiautomator', 'new UiSelector().focused(true)', undefined)[0];
      if (!focused) throw noSuchElement('There is no focused element');
      return ctx.session.elements.add(focused, 'By.focused', { singleMatch: true, root: ctx.state.device.ui.hierarchy() });
    } },
  { method: 'POST', pattern: '/session/:sessionId/element/:id/click', name: 'Click',
    handle: async (ctx) => {
      ctx.state.device.ui.click(resolveElement(ctx, ctx.params['id']).uid);
      // handler/Click: `element.click(); Device.waitForIdle();`
      await waitForIdle(ctx.state.device.ui, readWaitForIdleTimeout(ctx.session.settings));
      return null;
    } },
  { method: 'POST', pattern: '/session/:sessionId/element/:id/clear', name: 'Clear',
    handle: (ctx) => {
      ctx.state.device.ui.setText(resolveElement(ctx, ctx.params['id']).uid, '');
      return null;
    } },
  { method: 'POST', pattern: '/session/:sessionId/element/:id/value', name: 'SendKeysToElement', handle: setElementText },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/text', name: 'GetText', handle: (ctx) => resolveElement(ctx, ctx.params['id']).text },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/name', name: 'GetName', handle: (ctx) => resolveElement(ctx, ctx.params['id']).contentDesc },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/rect', name: 'GetRect', handle: (ctx) => rectOf(resolveElement(ctx, ctx.params['id'])) },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/size', name: 'GetSize',
    handle: (ctx) => { const r = rectOf(resolveElement(ctx, ctx.params['id'])); return { width: r.width, height: r.height }; } },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/location', name: 'Location',
    handle: (ctx) => { const r = rectOf(resolveElement(ctx, ctx.params['id'])); return { x: r.x, y: r.y }; } },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/attribute/:name', name: 'GetElementAttribute',
    handle: (ctx) => readElementAttribute(resolveElement(ctx, ctx.params['id']), ctx.params['name'] ?? '') },
  { method: 'GET', pattern: '/session/:sessionId/element/:id/screenshot', name: 'GetElementScreenshot',
    handle: (ctx) => cropPng(ctx.state.device.ui.screenshotPng(), resolveElement(ctx, ctx.params['id']).bounds).toString('base64') },
  { method: 'GET', pattern: '/session/:sessionId/appium/element/:id/first_visible', name: 'FirstVisibleView',
    handle: (ctx) => {
      const child = resolveElement(ctx, ctx.params['id']).children.find((c) => c.displayed);
      if (!child) throw noSuchElement('The element has no visible child');
      return ctx.session.elements.add(child, 'By.firstVisible', { singleMatch: true, root: ctx.state.device.ui.hierarchy() });
    } },
  { method: 'POST', pattern: '/session/:sessionId/appium/element/:id/scroll_to/:id2', name: 'ScrollToElement',
    handle: (ctx) => {
      resolveElement(ctx, ctx.params['id']);
      resolveElement(ctx, ctx.params['id2']);
      return null;
    } },
];

/** The element id of an `origin`/`elementId` field in gesture bodies. */
export function readGestureElement(body: unknown): string | undefined {
  return readElementReference(readBodyField(body, 'origin')) ?? (typeof readBodyField(body, 'elementId') === 'string' ? String(readBodyField(body, 'elementId')) : undefined);
}
