import { describe, expect, it } from 'vitest';
import type { UiNode } from './contracts.ts';
import { escapeXmlAttribute, formatUiautomatorDump } from './dump-xml.ts';

function view(partial: Partial<UiNode>): UiNode {
  return {
    uid: 'u', className: 'android.widget.TextView', packageName: 'p', text: '', resourceId: '', contentDesc: '',
    checkable: false, checked: false, clickable: false, enabled: true, focusable: false, focused: false, longClickable: false,
    password: false, scrollable: false, selected: false, bounds: [0, 0, 10, 20], displayed: true, children: [], ...partial,
  };
}

describe('uiautomator dump XML', () => {
  it('escapes markup, quotes and line breaks and drops characters XML cannot carry', () => {
    expect(escapeXmlAttribute(`a<b>&"c'\n\u0001d`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#10;d');
  });

  it('writes nodes in AccessibilityNodeInfoDumper attribute order under <hierarchy rotation>', () => {
    const root = view({ className: 'hierarchy', children: [view({ text: 'Hi & bye', children: [view({ className: 'android.widget.Button' })] })] });
    const xml = formatUiautomatorDump(root);
    expect(xml.startsWith(`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0"><node index="0" text="Hi &amp; bye" resource-id="" class="android.widget.TextView" package="p" content-desc="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" bounds="[0,0][10,20]">`)).toBe(true);
    expect(xml.endsWith('class="android.widget.Button" package="p" content-desc="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" bounds="[0,0][10,20]" /></node></hierarchy>')).toBe(true);
  });
});
