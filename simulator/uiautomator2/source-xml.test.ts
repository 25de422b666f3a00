import { describe, expect, it } from 'vitest';
import { escapeSourceAttribute, formatSourceXml, toXmlNodeName } from './source-xml.ts';
import { view } from './testing/build-tree.ts';

describe('page source XML', () => {
  it('escapes like KXmlSerializer and replaces characters XML cannot carry with ?', () => {
    expect(escapeSourceAttribute(`<a href="x">Tom & Jerry's</a>\n\t\u0007`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry\'s&lt;/a&gt;&#10;&#9;?');
    expect(escapeSourceAttribute('Ünïcode 🚀')).toBe('Ünïcode 🚀');
    expect(escapeSourceAttribute('plain text, 42%')).toBe('plain text, 42%');
    expect(escapeSourceAttribute('a\u0007b\uFFFEc\uD800')).toBe('a?b?c?');
  });

  it('names elements after the class, fixing characters XML names cannot have', () => {
    expect(toXmlNodeName('com.example.Outer$Inner')).toBe('com.example.Outer.Inner');
    expect(toXmlNodeName('')).toBe('android.view.View');
  });

  it('writes the hierarchy root, indentation with CRLF, and attributes in the server order', () => {
    const root = view('hierarchy', {}, [view('android.widget.FrameLayout', { packageName: 'p', bounds: [0, 0, 1080, 2400] }, [view('android.widget.TextView', { packageName: 'p', text: 'A "quote"', resourceId: 'p:id/t', contentDesc: 'd', bounds: [1, 2, 3, 4] })])]);
    const xml = formatSourceXml(root, { width: 1080, height: 2400, rotation: 0 });
    expect(xml).toBe([
      "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
      '<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">',
      '  <android.widget.FrameLayout index="0" package="p" class="android.widget.FrameLayout" text="" content-desc="" resource-id="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[0,0][1080,2400]" displayed="true">',
      '    <android.widget.TextView index="0" package="p" class="android.widget.TextView" text="A &quot;quote&quot;" content-desc="d" resource-id="p:id/t" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[1,2][3,4]" displayed="true" />',
      '  </android.widget.FrameLayout>',
      '</hierarchy>',
    ].join('\r\n'));
  });

  it('writes toast nodes with only the toast attributes', () => {
    const root = view('hierarchy', {}, [view('android.widget.Toast', { packageName: 'com.android.settings', text: 'Saved' })]);
    expect(formatSourceXml(root, { width: 1, height: 1, rotation: 0 })).toContain('\r\n  <android.widget.Toast index="0" package="com.android.settings" class="android.widget.Toast" text="Saved" displayed="true" />');
  });
});
