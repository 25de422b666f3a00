/**
 * The XML of `uiautomator dump` (the on-device tool, not the UiAutomator2 server): `<node>` elements with
 * the attribute order of AccessibilityNodeInfoDumper. The UiAutomator2 server's `/source` format lives in
 * simulator/uiautomator2/source-xml.ts.
 */
import type { UiNode, UiWindow, UiWindowType } from './contracts.ts';

/** Escapes text for an XML attribute value; drops characters XML 1.0 cannot carry, as the dumper does. */
export function escapeXmlAttribute(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    if (code === 0xfffe || code === 0xffff) continue;
    switch (char) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      case '\t': out += '&#9;'; break;
      default: out += char;
    }
  }
  return out;
}

export function formatBounds(bounds: readonly [number, number, number, number]): string {
  return `[${bounds[0]},${bounds[1]}][${bounds[2]},${bounds[3]}]`;
}

function dumpNode(node: UiNode, index: number, out: string[]): void {
  const attrs: Array<[string, string]> = [
    ['index', String(index)],
    ['text', node.text],
    ['resource-id', node.resourceId],
    ['class', node.className],
    ['package', node.packageName],
    ['content-desc', node.contentDesc],
    ['checkable', String(node.checkable)],
    ['checked', String(node.checked)],
    ['clickable', String(node.clickable)],
    ['enabled', String(node.enabled)],
    ['focusable', String(node.focusable)],
    ['focused', String(node.focused)],
    ['scrollable', String(node.scrollable)],
    ['long-clickable', String(node.longClickable)],
    ['password', String(node.password)],
    ['selected', String(node.selected)],
    ['bounds', formatBounds(node.bounds)],
  ];
  out.push(`<node ${attrs.map(([name, value]) => `${name}="${escapeXmlAttribute(value)}"`).join(' ')}`);
  if (node.children.length === 0) {
    out.push(' />');
    return;
  }
  out.push('>');
  node.children.forEach((child, i) => dumpNode(child, i, out));
  out.push('</node>');
}

/** `uiautomator dump` output for a `hierarchy()` root (whose children are the window roots). */
export function formatUiautomatorDump(root: UiNode, rotation = 0): string {
  const out = [`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="${rotation}">`];
  root.children.forEach((child, i) => dumpNode(child, i, out));
  out.push('</hierarchy>');
  return out.join('');
}

/** Drops views that are not visible to the user: DumpCommand's dumper skips `!isVisibleToUser()` children. */
function visibleOnly(node: UiNode): UiNode {
  return { ...node, children: node.children.filter((child) => child.displayed).map(visibleOnly) };
}

/**
 * `uiautomator dump` (DumpCommand.run): only the active window's root (UiAutomation.getRootInActiveWindow,
 * dumped by AccessibilityNodeInfoDumper.dumpWindowToFile); undefined when there is none (the tool then
 * prints "ERROR: null root node returned by UiTestAutomationBridge.").
 */
export function formatActiveWindowDump(windows: readonly UiWindow[], rotation = 0): string | undefined {
  const active = windows.find((window) => window.active);
  if (!active) return undefined;
  return formatUiautomatorDump({ ...active.root, children: [visibleOnly(active.root)] }, rotation);
}

const WINDOW_TYPE_NAMES: Readonly<Record<UiWindowType, string>> = {
  application: 'TYPE_APPLICATION', input_method: 'TYPE_INPUT_METHOD', system: 'TYPE_SYSTEM',
};

/**
 * `uiautomator dump --windows`: every window of every display (AccessibilityNodeInfoDumper.dumpWindowsToFile:
 * `<displays><display id><window index title bounds active focused accessibility-focused id layer type>
 * <hierarchy rotation>…`), windows topmost first as UiAutomation.getWindowsOnAllDisplays lists them.
 */
export function formatWindowsDump(windows: readonly UiWindow[], rotation = 0): string {
  const out = [`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><displays><display id="0">`];
  windows.forEach((window, index) => {
    const attrs: Array<[string, string]> = [
      ['index', String(index)], ['title', ''], ['bounds', formatBounds(window.root.bounds)], ['active', String(window.active)],
      ['focused', String(window.active)], ['accessibility-focused', 'false'], ['id', String(window.id)],
      ['layer', String(windows.length - index)], ['type', WINDOW_TYPE_NAMES[window.type]],
    ];
    out.push(`<window ${attrs.map(([name, value]) => `${name}="${escapeXmlAttribute(value)}"`).join(' ')}><hierarchy rotation="${rotation}">`);
    dumpNode(visibleOnly(window.root), 0, out);
    out.push('</hierarchy></window>');
  });
  out.push('</display></displays>');
  return out.join('');
}
