import { describe, expect, it } from 'vitest';
import { describePageSource, orderByRelation } from './find-element.ts';

const rect = (y: number, height = 40) => ({ x: 0, y, width: 100, height });

describe('orderByRelation', () => {
  const anchor = rect(200); // 200–240
  const found = [
    { id: 'far-below', rect: rect(600) },
    { id: 'above', rect: rect(100) },
    { id: 'touching-below', rect: rect(240) },
    { id: 'overlapping', rect: rect(220) },
    { id: 'near-above', rect: rect(150, 50) },
    { id: 'also-far-below', rect: rect(600) },
  ];

  it('orders what starts at or under the anchor\'s bottom edge nearest first, ties in document order', () => {
    expect(orderByRelation(anchor, found, 'below')).toEqual(['touching-below', 'far-below', 'also-far-below']);
  });

  it('orders what ends at or over the anchor\'s top edge nearest first; an overlapping element is neither', () => {
    expect(orderByRelation(anchor, found, 'above')).toEqual(['near-above', 'above']);
  });

  it('in a grid row at the same gap, prefers the element whose centre is closest to the anchor\'s', () => {
    const cell = (x: number, y: number) => ({ x, y, width: 270, height: 273 });
    const row = [{ id: 'Files', rect: cell(0, 378) }, { id: 'Messaging', rect: cell(270, 378) }, { id: 'Phone', rect: cell(540, 378) }];
    expect(orderByRelation(cell(270, 105), row, 'below')).toEqual(['Messaging', 'Files', 'Phone']);
  });
});

describe('describePageSource', () => {
  const node = (attributes: string, children = ''): string =>
    `<node ${attributes.includes('displayed=') ? '' : 'displayed="true" '}${attributes}>${children}</node>`;

  it('lists the shown elements with a text, description or id, in order, with escaped device text', () => {
    const xml = `<hierarchy>${node('bounds="[0,0][1080,2400]" resource-id="android:id/content" text="" content-desc=""',
      node('bounds="[0,100][1080,200]" text="Scan &quot;now&quot;" resource-id="com.x:id/scan" content-desc=""')
      + node('bounds="[0,200][1080,300]" text="" content-desc="Navigate up"')
      + node('bounds="[0,300][1080,400]" text="Notes&#x202E;kpa.exe" content-desc=""')
      + node('bounds="[0,0][0,0]" text="Zero-size" content-desc=""')
      + node('displayed="false" bounds="[0,400][1080,500]" text="Hidden" content-desc=""'))}</hierarchy>`;
    expect(describePageSource(xml)).toBe(
      'on screen: id "content"; text "Scan \\"now\\"" id "scan"; desc "Navigate up"; text "Notes⟨U+202E⟩kpa.exe"',
    );
  });

  it('caps the list and says how many more there were; cuts long texts', () => {
    const rows = Array.from({ length: 30 }, (_, i) => node(`bounds="[0,${i * 10}][10,${i * 10 + 10}]" text="Row ${i} ${'x'.repeat(i === 0 ? 80 : 1)}"`)).join('');
    const described = describePageSource(`<hierarchy>${rows}</hierarchy>`, 3);
    expect(described).toBe(`on screen: text "Row 0 ${'x'.repeat(54)}…"; text "Row 1 x"; text "Row 2 x"; … and 27 more`);
  });

  it('says when nothing readable was shown', () => {
    expect(describePageSource(`<hierarchy>${node('bounds="[0,0][10,10]" text=""')}</hierarchy>`)).toBe('the screen showed no element with a text, description or id');
  });
});
