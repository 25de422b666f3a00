/**
 * The XML of `uiautomator dump` (the on-device tool, not the UiAutomator2 server): `<node>` elements with
 * the attribute order of AccessibilityNodeInfoDumper. The UiAutomator2 server's `/source` format lives in
 * simulator/uiautomator2/source-xml.ts.
 */
import type { UiNode } from './contracts.ts';

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
