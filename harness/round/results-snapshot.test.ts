import { describe, expect, it } from 'vitest';
import type { ResultsMapping } from '../config/index.ts';
import { canReadFromSnapshot, findAll, MAX_SOURCE_CHARS, parsePageSource, readItem, scrollableAncestor } from './results-snapshot.ts';
import { thrownCode } from '../errors/testing/thrown-code.ts';

const P = 'io.linescan.av';
const MAPPING: ResultsMapping = {
  item: { id: `${P}:id/line_row` },
  threatName: { id: `${P}:id/line_text` },
  noThreats: { text: 'All clear' },
  scroll: true,
};

/** A recorded-style page source: KXmlSerializer's \r\n indentation, attributes in the server's order. */
const SOURCE = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\r
<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">\r
  <android.widget.FrameLayout index="0" package="${P}" class="android.widget.FrameLayout" text="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[0,0][1080,2400]" displayed="true">\r
    <android.widget.ScrollView index="0" package="${P}" class="android.widget.ScrollView" text="" checkable="false" checked="false" clickable="false" enabled="true" focusable="true" focused="false" long-clickable="false" password="false" scrollable="true" selected="false" bounds="[0,210][1080,2274]" displayed="true">\r
      <android.widget.LinearLayout index="0" package="${P}" class="android.widget.LinearLayout" text="" resource-id="${P}:id/line_row" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[42,400][1038,520]" displayed="true">\r
        <android.widget.ImageView index="0" package="${P}" class="android.widget.ImageView" text="" content-desc="Threat: spyware &lt;high&gt;" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[42,410][126,494]" displayed="true" />\r
        <android.widget.TextView index="1" package="${P}" class="android.widget.TextView" text="  Device Health · com.gizmoquip.smstracker&#10;second line &amp; more  " resource-id="${P}:id/line_text" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[146,400][1038,520]" displayed="true" />\r
        <android.widget.TextView index="2" package="${P}" class="android.widget.TextView" text="hidden" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[0,0][0,0]" displayed="false" />\r
      </android.widget.LinearLayout>\r
    </android.widget.ScrollView>\r
  </android.widget.FrameLayout>\r
</hierarchy>`;



describe('the results snapshot', () => {
  it('reads an item from a recorded page source: mapped text trimmed, whole text with descriptions in tree order, escapes decoded', () => {
    const root = parsePageSource(SOURCE);
    const [row] = findAll(root, MAPPING.item);
    expect(row).toBeDefined();
    const item = readItem(row!, MAPPING);
    expect(item.entry).toEqual({
      threatName: 'Device Health · com.gizmoquip.smstracker\nsecond line & more',
      packageName: undefined, appLabel: undefined, category: undefined,
      text: 'Threat: spyware <high>\nDevice Health · com.gizmoquip.smstracker\nsecond line & more',
    });
    expect(item.bounds).toEqual([42, 400, 1038, 520]);
    expect(scrollableAncestor(row!)?.className).toBe('android.widget.ScrollView');
  });

  it('keeps hostile text as text: markup-like, right-to-left overrides, emoji, the ? of characters XML cannot carry', () => {
    const hostile = '<script>&amp;</script> \u202Egnp.exe 😀 ??';
    const xml = `<hierarchy><node resource-id="${P}:id/line_row" bounds="[0,0][10,10]"><node resource-id="${P}:id/line_text" text="${hostile.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}" bounds="[0,0][10,10]" /></node></hierarchy>`;
    const [row] = findAll(parsePageSource(xml), MAPPING.item);
    expect(readItem(row!, MAPPING).entry?.threatName).toBe(hostile.trim());
  });

  it('refuses a page source over the size cap, with a DTD, or not well-formed, as RESULTS_INCOMPLETE', () => {
    expect(thrownCode(() => parsePageSource(`<hierarchy text="${'x'.repeat(MAX_SOURCE_CHARS)}" />`))).toBe('RESULTS_INCOMPLETE');
    expect(thrownCode(() => parsePageSource('<!DOCTYPE h [<!ENTITY a "aaaa">]><hierarchy text="&a;" />'))).toBe('RESULTS_INCOMPLETE');
    expect(thrownCode(() => parsePageSource('<hierarchy><node text="x"></hierarchy>'))).toBe('RESULTS_INCOMPLETE');
    expect(thrownCode(() => parsePageSource(''))).toBe('RESULTS_INCOMPLETE');
  });

  it('walks a very deep hierarchy without exhausting the stack', () => {
    const depth = 5_000;
    const xml = `<hierarchy>${'<n>'.repeat(depth)}<n resource-id="${P}:id/line_row" bounds="[0,0][1,1]"><n resource-id="${P}:id/line_text" text="deep" /></n>${'</n>'.repeat(depth)}</hierarchy>`;
    const [row] = findAll(parsePageSource(xml), MAPPING.item);
    expect(readItem(row!, MAPPING).entry?.threatName).toBe('deep');
  });

  it('answers id, desc, text and textContains from the snapshot; xpath and raw UiSelector stay live', () => {
    expect(canReadFromSnapshot(MAPPING)).toBe(true);
    expect(canReadFromSnapshot({ ...MAPPING, category: { desc: 'Risk' }, appLabel: { textContains: 'App' } })).toBe(true);
    expect(canReadFromSnapshot({ ...MAPPING, package: { xpath: './/*[2]' } })).toBe(false);
    expect(canReadFromSnapshot({ ...MAPPING, noThreats: { uiautomator: 'new UiSelector().text("Clean")' } })).toBe(false);
  });
});
