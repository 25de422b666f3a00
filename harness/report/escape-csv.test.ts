import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell, renderCsv, type CsvValue } from './escape-csv.ts';

/**
 * What the report wrote through csv-stringify before its quoting was written here: the reference,
 * with one correction. csv-stringify 6 leaves a field holding a lone CR or LF ("x\ny") unquoted,
 * which Excel and LibreOffice read as two rows; RFC 4180 quotes any field with a line break, and
 * so does renderCsv (`quoted_match` makes csv-stringify do the same).
 */
function renderWithCsvStringify(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return stringify([header, ...rows], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { string: escapeCsvCell, boolean: String, number: String } });
}

// Every ASCII character, line and paragraph separators, bidi controls, surrogates, full-width formula starts.
const CHARACTERS = [
  ...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)),
  '\u0085', '\u00a0', '\u2028', '\u2029', '\u202e', '\u2066', '\ud800', '\udfff', '\ud83d\ude00', '＝', '＋', '＠', '－', '\ufeff',
];

describe('renderCsv', () => {
  it('writes the same bytes as csv-stringify for every character alone, in pairs and inside text', () => {
    const values: CsvValue[] = [];
    for (const a of CHARACTERS) {
      values.push(a, `x${a}y`, `${a}${a}`);
      for (const b of ['"', ',', '\r', '\n', '=', ' ', 'a']) values.push(`${a}${b}`, `${b}${a}`);
    }
    values.push('', ' ', '""', '\r\n', 'line one\r\nline two', '=HYPERLINK("http://evil.example","x")', 0, -1, 1.5, Number.NaN, true, false, null, undefined);
    // Rows of seven, past the batch size, so batch joins are covered too.
    const rows: CsvValue[][] = [];
    for (let index = 0; index < values.length; index += 7) rows.push(values.slice(index, index + 7));
    const header = ['a', 'b,c', 'd"e', '=f', 'g\nh', '', '-i'];
    expect(rows.length).toBeGreaterThan(256);
    expect(renderCsv(header, rows)).toBe(renderWithCsvStringify(header, rows));
  });

  it('quotes a field with a lone line break, so a CSV parser gives it back whole', () => {
    const text = renderCsv(['alert'], [['line one\nline two'], ['cr\ronly']]);
    expect(text).toBe('\ufeffalert\r\n"line one\nline two"\r\n"cr\ronly"\r\n');
    expect(parse(text, { bom: true })).toEqual([['alert'], ['line one\nline two'], ['cr\ronly']]);
  });

  it('writes a header alone, and rows of unequal length, as csv-stringify does', () => {
    expect(renderCsv(['only'], [])).toBe(renderWithCsvStringify(['only'], []));
    const ragged = [['1'], ['1', '2', '3'], [null, undefined, '']];
    expect(renderCsv(['a', 'b'], ragged)).toBe(renderWithCsvStringify(['a', 'b'], ragged));
  });
});
