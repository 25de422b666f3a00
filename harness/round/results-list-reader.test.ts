import { describe, expect, it } from 'vitest';
import type { ResultsMapping } from '../config/index.ts';
import { ResultsListReader } from './results-list-reader.ts';
import { thrownCode } from '../errors/testing/thrown-code.ts';

const P = 'com.vendor.av';
const MAPPING: ResultsMapping = {
  item: { id: `${P}:id/row` },
  threatName: { id: `${P}:id/name` },
  package: { id: `${P}:id/pkg` },
  noThreats: { id: `${P}:id/none` },
  scroll: true,
};

interface Row { name: string; pkg: string }

function attr(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;').replaceAll('\n', '&#10;');
}

function node(className: string, fields: { id?: string; text?: string; scrollable?: boolean; bounds: readonly number[] }, children = ''): string {
  const [l, t, r, b] = fields.bounds;
  const attrs = `class="${className}" text="${attr(fields.text ?? '')}"${fields.id ? ` resource-id="${fields.id}"` : ''} scrollable="${fields.scrollable ?? false}" bounds="[${l},${t}][${r},${b}]" displayed="true"`;
  return children === '' ? `<${className} ${attrs} />` : `<${className} ${attrs}>${children}</${className}>`;
}

/**
 * A results screen as UiAutomator2 writes it: a fixed header (0–300), then a list (300–1500) scrolled
 * by `offset`, rows of 200 px (name line 0–100, package line 100–200), views out of sight left out and
 * bounds trimmed to the list, as AxNodeInfoHelper.getVisibleBoundsInScreen does.
 */
function screen(rows: readonly Row[], offset: number, options: { rowHeight?: number; footer?: boolean; listBottom?: number } = {}): string {
  const rowHeight = options.rowHeight ?? 200;
  const [listTop, listBottom] = [300, options.listBottom ?? 1500];
  const contentHeight = rows.length * rowHeight + (options.footer ? 100 : 0);
  const scrollable = contentHeight > listBottom - listTop;
  const clip = (t: number, b: number): [number, number] | undefined => (b <= listTop || t >= listBottom ? undefined : [Math.max(t, listTop), Math.min(b, listBottom)]);
  let inner = '';
  rows.forEach((row, i) => {
    const rowTop = listTop - offset + i * rowHeight;
    const box = clip(rowTop, rowTop + rowHeight);
    if (!box) return;
    const name = clip(rowTop, rowTop + rowHeight / 2);
    const pkg = clip(rowTop + rowHeight / 2, rowTop + rowHeight);
    inner += node('android.widget.LinearLayout', { id: `${P}:id/row`, bounds: [0, box[0], 1080, box[1]] },
      (name ? node('android.widget.TextView', { id: `${P}:id/name`, text: row.name, bounds: [40, name[0], 1040, name[1]] }) : '')
      + (pkg ? node('android.widget.TextView', { id: `${P}:id/pkg`, text: row.pkg, bounds: [40, pkg[0], 1040, pkg[1]] }) : ''));
  });
  if (options.footer) {
    const footerTop = listTop - offset + rows.length * rowHeight;
    const box = clip(footerTop, footerTop + 100);
    if (box) inner += node('android.widget.Button', { id: `${P}:id/remove_all`, text: 'Remove all', bounds: [40, box[0], 1040, box[1]] });
  }
  const list = node('androidx.recyclerview.widget.RecyclerView', { id: `${P}:id/list`, scrollable, bounds: [0, listTop, 1080, listBottom] }, inner);
  const header = node('android.widget.TextView', { id: `${P}:id/summary`, text: `${rows.length} finding(s)`, bounds: [40, 100, 1040, 300] });
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">${node('android.widget.FrameLayout', { bounds: [0, 0, 1080, 2400] }, header + list)}</hierarchy>`;
}

function rowsOf(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({ name: `Adware/Sample${i}`, pkg: `org.example.app${i}` }));
}

/** Feeds screens to the reader, each drag moving the list by `move(distance)` px, clamped to its end. */
function readAll(rows: readonly Row[], options: { move?: (finger: number) => number; rowHeight?: number; footer?: boolean; listBottom?: number } = {}): { entries: ReturnType<ResultsListReader['finish']>; screens: number } {
  const reader = new ResultsListReader(MAPPING);
  const listHeight = (options.listBottom ?? 1500) - 300;
  const max = Math.max(0, rows.length * (options.rowHeight ?? 200) + (options.footer ? 100 : 0) - listHeight);
  let offset = 0;
  for (let screens = 1; screens < 100; screens += 1) {
    const step = reader.addScreen(screen(rows, offset, options));
    if (step.done) return { entries: reader.finish(), screens };
    const finger = (step.within[3] - step.within[1]) * 0.5;
    offset = Math.min(max, offset + (options.move ?? ((f) => f))(finger));
  }
  throw new Error('the reader never finished');
}



describe('ResultsListReader', () => {
  it('reads a list three screens long whole, the sample listed last, each row once and never half', () => {
    const rows = [...rowsOf(17), { name: 'Stalkerware/Spy', pkg: 'com.systemservice' }];
    const { entries, screens } = readAll(rows);
    expect(entries.map((e) => e.packageName)).toEqual(rows.map((r) => r.pkg));
    expect(entries.every((e) => e.text === `${e.threatName}\n${e.packageName}`)).toBe(true);
    expect(entries.at(-1)).toMatchObject({ threatName: 'Stalkerware/Spy', packageName: 'com.systemservice' });
    // 3 600 px of rows in a 1 200 px list: at least four screens with half-list drags.
    expect(screens).toBeGreaterThanOrEqual(4);
  });

  it('ends at a last row flush with the list bottom (the list did not move), reading that row', () => {
    // 12 rows × 200 = 2 400 px: the end sits exactly on the list's bottom edge.
    const rows = rowsOf(12);
    expect(readAll(rows).entries).toHaveLength(12);
  });

  it('does not read a row whose lower half is below the list as an entry without a package', () => {
    // Row height 300: the drag of 600 px leaves rows cut at the bottom edge on every screen.
    const rows = rowsOf(9);
    const { entries } = readAll(rows, { rowHeight: 300 });
    expect(entries.map((e) => e.packageName)).toEqual(rows.map((r) => r.pkg));
  });

  it('stops without dragging when the whole list and blank space under it are in view', () => {
    const reader = new ResultsListReader(MAPPING);
    const step = reader.addScreen(screen(rowsOf(3), 0, { listBottom: 1500 }).replace('scrollable="false" bounds="[0,300]', 'scrollable="true" bounds="[0,300]'));
    expect(step).toEqual({ done: true });
    expect(reader.finish()).toHaveLength(3);
  });

  it('drags on when a footer lies under the last row inside the list', () => {
    const { entries, screens } = readAll(rowsOf(7), { footer: true });
    expect(entries).toHaveLength(7);
    expect(screens).toBeGreaterThanOrEqual(2);
  });

  it('reads one screen when no ancestor of the rows scrolls', () => {
    const reader = new ResultsListReader(MAPPING);
    expect(reader.addScreen(screen(rowsOf(4), 0))).toEqual({ done: true });
    expect(reader.finish()).toHaveLength(4);
  });

  it('asks for the drag inside the list, not on the header', () => {
    const reader = new ResultsListReader(MAPPING);
    expect(reader.addScreen(screen(rowsOf(20), 0))).toEqual({ done: false, within: [0, 300, 1080, 1500] });
  });

  it('RESULTS_INCOMPLETE when a drag left no row of the screen before in view (a fling skipped rows)', () => {
    expect(thrownCode(() => readAll(rowsOf(30), { move: (finger) => finger * 3 }))).toBe('RESULTS_INCOMPLETE');
  });

  it('RESULTS_INCOMPLETE when the list still moves after the last allowed drag', () => {
    const reader = new ResultsListReader(MAPPING, 2);
    const rows = rowsOf(40);
    expect(thrownCode(() => {
      for (let offset = 0; ; offset += 600) {
        if (reader.addScreen(screen(rows, offset)).done) return;
      }
    })).toBe('RESULTS_INCOMPLETE');
  });

  it('RESULTS_INCOMPLETE when rows moved by different amounts in one drag (the list changed mid-read)', () => {
    const reader = new ResultsListReader(MAPPING);
    const rows = rowsOf(20);
    reader.addScreen(screen(rows, 0));
    const reordered = [rows[0]!, rows[1]!, rows[2]!, rows[4]!, rows[3]!, ...rows.slice(5)];
    expect(thrownCode(() => reader.addScreen(screen(reordered, 200)))).toBe('RESULTS_INCOMPLETE');
  });

  it('RESULTS_INCOMPLETE when the list is gone after a drag', () => {
    const reader = new ResultsListReader(MAPPING);
    reader.addScreen(screen(rowsOf(20), 0));
    expect(thrownCode(() => reader.addScreen(screen([], 0)))).toBe('RESULTS_INCOMPLETE');
  });

  it('no entries when the product says it found nothing; RESULTS_NOT_SHOWN when it says neither', () => {
    const clean = new ResultsListReader(MAPPING);
    clean.addScreen(`<hierarchy>${node('android.widget.TextView', { id: `${P}:id/none`, text: 'All clear', bounds: [0, 300, 1080, 400] })}</hierarchy>`);
    expect(clean.finish()).toEqual([]);
    const blank = new ResultsListReader(MAPPING);
    blank.addScreen('<hierarchy />');
    expect(thrownCode(() => blank.finish())).toBe('RESULTS_NOT_SHOWN');
  });
});
