/**
 * The page source as the UiAutomator2 server writes it (AccessibilityNodeInfoDumper + UiElementSnapshot):
 * Android's KXmlSerializer with indentation (`\r\n` and two spaces per level), a `hierarchy` root with
 * `index`, `class`, then `rotation`, `width`, `height`, and one element per view named after its class
 * with attributes in UiElementSnapshot.SUPPORTED_ATTRIBUTES order (the ones a plain view has).
 */
import type { UiNode } from '../ui/contracts.ts';
import { formatBounds } from '../ui/dump-xml.ts';

/** Widgets derived from TextView: its constructor makes them important for accessibility (IMPORTANT_FOR_ACCESSIBILITY_YES). */
const TEXT_VIEW_CLASSES: ReadonlySet<string> = new Set([
  'android.widget.TextView', 'android.widget.Button', 'android.widget.EditText', 'android.widget.CheckBox', 'android.widget.Switch',
  'android.widget.RadioButton', 'android.widget.ToggleButton', 'android.widget.CheckedTextView', 'android.widget.DateTimeView',
]);
/** Adapter views that set CollectionInfo on their node (RecyclerView/AbsListView accessibility delegates). */
const COLLECTION_CLASSES: ReadonlySet<string> = new Set(['androidx.recyclerview.widget.RecyclerView', 'android.widget.ListView', 'android.widget.GridView']);

/**
 * View.isImportantForAccessibility() in its `auto` mode: TextViews (set to `yes` by their constructor), views
 * with a content description (setContentDescription sets `yes`), and actionable views
 * (isActionableForAccessibility: clickable, long-clickable, focusable).
 */
function isImportantForAccessibility(node: UiNode): boolean {
  return TEXT_VIEW_CLASSES.has(node.className) || node.contentDesc !== '' || node.clickable || node.longClickable || node.focusable;
}

/** EditorInfo input types: TYPE_CLASS_TEXT, with TYPE_TEXT_VARIATION_PASSWORD for password fields. */
function inputTypeOf(node: UiNode): number | undefined {
  if (node.className !== 'android.widget.EditText') return undefined;
  return node.password ? 0x81 : 0x01;
}

/**
 * The attributes of a view, in UiElementSnapshot.SUPPORTED_ATTRIBUTES order; xpath reads the same list.
 * Attributes whose value is null are left out (AccessibilityNodeInfoDumper.serializeUiElement): an unset
 * content description or resource id (AxNodeInfoHelper.getResourceId returns null for an empty id), no
 * hint, no input type, no collection info. `original-text` is not exposed to XML; `extras`, `actions` and
 * the text size are off by default (includeExtrasInPageSource, includeA11yActionsInPageSource,
 * includeExtraRenderingInfo). `drawingOrder`: 0 for a window's root (its parent is no ViewGroup),
 * else its position among its siblings from 1 (View.populateAccessibilityNodeInfoDrawingOrderInParent).
 */
export function listNodeAttributes(node: UiNode, index: number, drawingOrder = index + 1): Array<[string, string]> {
  if (node.className === 'android.widget.Toast') {
    // Toast nodes carry only TOAST_NODE_ATTRIBUTES (UiElementSnapshot.addToastMsg).
    return [['index', String(index)], ['package', node.packageName], ['class', node.className], ['text', node.text], ['displayed', String(node.displayed)]];
  }
  const optional = (name: string, value: string | number | undefined): Array<[string, string]> => (value === undefined || value === '' ? [] : [[name, String(value)]]);
  const inputType = inputTypeOf(node);
  return [
    ['index', String(index)],
    ['package', node.packageName],
    ['class', node.className],
    ['text', node.text],
    ...optional('content-desc', node.contentDesc),
    ...optional('resource-id', node.resourceId),
    ['checkable', String(node.checkable)],
    ['checked', String(node.checked)],
    ['clickable', String(node.clickable)],
    ['enabled', String(node.enabled)],
    ['focusable', String(node.focusable)],
    ['focused', String(node.focused)],
    ['long-clickable', String(node.longClickable)],
    ['password', String(node.password)],
    ['scrollable', String(node.scrollable)],
    ['selected', String(node.selected)],
    ['bounds', formatBounds(node.bounds)],
    ['displayed', String(node.displayed)],
    ...optional('hint', node.hint),
    ['a11y-important', String(isImportantForAccessibility(node))],
    ['screen-reader-focusable', 'false'],
    ...optional('input-type', inputType),
    ['drawing-order', String(drawingOrder)],
    ['showing-hint', String(node.showingHint ?? false)],
    ['text-entry-key', 'false'],
    ['dismissable', 'false'],
    ['a11y-focused', 'false'],
    ['heading', 'false'],
    ['live-region', '0'],
    ['context-clickable', 'false'],
    ['content-invalid', 'false'],
    ...optional('window-id', node.windowId),
    ...(COLLECTION_CLASSES.has(node.className) ? [['is-collection', 'true'] as [string, string]] : []),
  ];
}

/** Element name for a class: `$`, `@`, `#`, `&` become dots, as toXmlNodeName does; blank → android.view.View. */
export function toXmlNodeName(className: string): string {
  const fixed = className.replace(/[$@#&]/g, '.').replace(/\.+/g, '.').replace(/(^\.|\.$)/g, '');
  return fixed === '' ? 'android.view.View' : fixed;
}

/** Anything escapeSourceAttribute changes: most values have none and are returned as they are. */
const NEEDS_ESCAPE = /[&<>"\n\r\t]|[^\x20-\uD7FF\uE000-\uFFFD]/u;

/** KXmlSerializer's attribute escaping; characters XML cannot carry become `?` (toSafeString). */
export function escapeSourceAttribute(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const legal = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
    if (!legal) {
      out += '?';
      continue;
    }
    switch (char) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      case '\t': out += '&#9;'; break;
      default: out += char;
    }
  }
  return out;
}

export interface SourceDisplay {
  width: number;
  height: number;
  rotation: number;
}

/** With `views`, each element also gets `uiElementIndex` (its position in `views`, where its view is pushed). */
function writeElement(node: UiNode, index: number, depth: number, out: string[], views?: Array<UiNode | undefined>, isWindowRoot = false): void {
  const name = toXmlNodeName(node.className);
  const attrs = listNodeAttributes(node, index, isWindowRoot ? 0 : index + 1).map(([key, value]) => ` ${key}="${escapeSourceAttribute(value)}"`).join('');
  out.push(`\r\n${'  '.repeat(depth)}<${name}${attrs}${views ? ` uiElementIndex="${views.push(node) - 1}"` : ''}`);
  if (node.children.length === 0) {
    out.push(' />');
    return;
  }
  out.push('>');
  node.children.forEach((child, i) => writeElement(child, i, depth + 1, out, views));
  out.push(`\r\n${'  '.repeat(depth)}</${name}>`);
}

const XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>";

/** `GET /source` for a `DeviceUi.hierarchy()` root, whose children are the window roots. */
export function formatSourceXml(root: UiNode, display: SourceDisplay): string {
  return formatHierarchy(root, display, undefined);
}

function formatHierarchy(root: UiNode, display: SourceDisplay, views: Array<UiNode | undefined> | undefined): string {
  const out = [
    XML_DECLARATION,
    `\r\n<hierarchy index="0" class="hierarchy" rotation="${display.rotation}" width="${display.width}" height="${display.height}"`,
  ];
  if (views) out.push(` uiElementIndex="${views.push(undefined) - 1}"`);
  if (root.children.length === 0) {
    out.push(' />');
  } else {
    out.push('>');
    root.children.forEach((child, i) => writeElement(child, i, 1, out, views, true));
    out.push('\r\n</hierarchy>');
  }
  return out.join('');
}

/** The screen (a `DeviceUi.hierarchy()` root), or one element and its index among its siblings. */
export type IndexedSourceScope = { hierarchy: UiNode; display: SourceDisplay } | { element: UiNode; index: number };

/**
 * The XML an XPath search runs on (AccessibilityNodeInfoDumper.toStream(true)): the page source with a
 * `uiElementIndex` attribute last on every element, numbering them in document order; `views[n]` is the view
 * of element n (undefined for `hierarchy`, which has none). For an element (a search under it, with the
 * default `limitXPathContextScope`), that element is the document element and there is no display info.
 */
export function formatIndexedSourceXml(scope: IndexedSourceScope): { xml: string; views: Array<UiNode | undefined> } {
  const views: Array<UiNode | undefined> = [];
  if ('hierarchy' in scope) return { xml: formatHierarchy(scope.hierarchy, scope.display, views), views };
  const out = [XML_DECLARATION];
  writeElement(scope.element, scope.index, 0, out, views);
  return { xml: out.join(''), views };
}
