import { stringify, type Options } from 'csv-stringify/sync';
import { hasBidiControl, showBidiControls } from './escape-bidi.ts';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * The one escaping function for CSV cells. Quoting is csv-stringify's job; this neutralises
 * spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @ tab or
 * CR would be evaluated by Excel/LibreOffice/Sheets, so it gets a leading apostrophe, which the
 * spreadsheet shows as text. Device text (labels, threat names, notifications) is never trusted.
 * Bidirectional controls are shown as `⟨U+202E⟩` (escape-bidi.ts), which also keeps one from
 * hiding a formula start.
 */
export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const shown = hasBidiControl(value) ? showBidiControls(value) : value;
  return FORMULA_STARTS.has(shown.charCodeAt(0)) ? `'${shown}` : shown;
}

// = + - @ tab CR, as character codes: one Set lookup per cell instead of a regex.
const FORMULA_STARTS: ReadonlySet<number> = new Set(['=', '+', '-', '@', '\t', '\r'].map((character) => character.charCodeAt(0)));

/**
 * Rows handed to csv-stringify per call. Its sync API output for rows A then B is its output for
 * A followed by its output for B (every record ends with the record delimiter), so a large file
 * is stringified in batches: each batch's garbage dies young instead of 100,000 rows staying
 * alive (and being copied by the garbage collector) until the end.
 */
const BATCH_ROWS = 100;

/**
 * csv-stringify converts each value itself through `cast`, so rows go in as they are, without an
 * escaped copy: strings through escapeCsvCell, booleans as "true"/"false" (its default would be
 * "1"/""), numbers as String() does; null and undefined become empty cells.
 */
function makeOptions(first: boolean): Options {
  return {
    bom: first,
    record_delimiter: 'windows',
    cast: { string: escapeCsvCell, boolean: String, number: String },
  };
}

/** RFC 4180 text (CRLF) with a UTF-8 BOM so that Excel reads non-ASCII names correctly. */
export function renderCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const parts: string[] = [];
  let batch: Array<readonly CsvValue[]> = [header];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      parts.push(stringify(batch, makeOptions(parts.length === 0)));
      batch = [];
    }
  }
  if (batch.length > 0 || parts.length === 0) parts.push(stringify(batch, makeOptions(parts.length === 0)));
  return parts.join('');
}
