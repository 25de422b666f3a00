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

  it('writes the hierarchy root, indentation with CRLF, and attributes in the server order, leaving out null values', () => {
    const root = view('hierarchy', {}, [view('android.widget.FrameLayout', { packageName: 'p', bounds: [0, 0, 1080, 2400], windowId: 7 }, [view('android.widget.TextView', { packageName: 'p', text: 'A "quote"', resourceId: 'p:id/t', contentDesc: 'd', bounds: [1, 2, 3, 4], windowId: 7 })])]);
    const xml = formatSourceXml(root, { width: 1080, height: 2400, rotation: 0 });
    // UiElementSnapshot.SUPPORTED_ATTRIBUTES order; no content-desc/resource-id when unset (null), drawing-order 0 on a window root.
    const tail = 'screen-reader-focusable="false" drawing-order="%d" showing-hint="false" text-entry-key="false" dismissable="false" a11y-focused="false" heading="false" live-region="0" context-clickable="false" content-invalid="false" window-id="7"';
    expect(xml).toBe([
      "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
      '<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">',
      `  <android.widget.FrameLayout index="0" package="p" class="android.widget.FrameLayout" text="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[0,0][1080,2400]" displayed="true" a11y-important="false" ${tail.replace('%d', '0')}>`,
      `    <android.widget.TextView index="0" package="p" class="android.widget.TextView" text="A &quot;quote&quot;" content-desc="d" resource-id="p:id/t" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[1,2][3,4]" displayed="true" a11y-important="true" ${tail.replace('%d', '1')} />`,
      '  </android.widget.FrameLayout>',
      '</hierarchy>',
    ].join('\r\n'));
  });

  it('reports a text field\'s hint, input type and whether the hint is showing', () => {
    const field = view('android.widget.EditText', { text: 'Search', hint: 'Search', showingHint: true, focusable: true, clickable: true });
    const xml = formatSourceXml(view('hierarchy', {}, [view('android.widget.FrameLayout', {}, [field])]), { width: 1, height: 1, rotation: 0 });
    expect(xml).toContain('displayed="true" hint="Search" a11y-important="true" screen-reader-focusable="false" input-type="1" drawing-order="1" showing-hint="true"');
  });

  it('writes toast nodes with only the toast attributes', () => {
    const root = view('hierarchy', {}, [view('android.widget.Toast', { packageName: 'com.android.settings', text: 'Saved' })]);
    expect(formatSourceXml(root, { width: 1, height: 1, rotation: 0 })).toContain('\r\n  <android.widget.Toast index="0" package="com.android.settings" class="android.widget.Toast" text="Saved" displayed="true" />');
  });
});
