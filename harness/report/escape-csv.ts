import { stringify, type Options } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * The one escaping function for CSV cells. Quoting is csv-stringify's job; this neutralises
 * spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @ tab or
 * CR would be evaluated by Excel/LibreOffice/Sheets, so it gets a leading apostrophe, which the
 * spreadsheet shows as text. Device text (labels, threat names, notifications) is never trusted.
 */
export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return FORMULA_STARTS.has(value.charCodeAt(0)) ? `'${value}` : value;
}

// = + - @ tab CR, as character codes: one Set lookup per cell instead of a regex.
const FORMULA_STARTS: ReadonlySet<number> = new Set(['=', '+', '-', '@', '\t', '\r'].map((character) => character.charCodeAt(0)));

/**
 * Rows handed to csv-stringify per call. Its sync API output for rows A then B is its output for
 * A followed by its output for B (every record ends with the record delimiter), so a large file
 * is stringified in batches: each batch's arrays die young instead of 100,000 rows of escaped
 * copies staying alive (and being copied by the garbage collector) until the end.
 */
const BATCH_ROWS = 100;

const FIRST_BATCH: Options = { bom: true, record_delimiter: 'windows' };
const LATER_BATCHES: Options = { record_delimiter: 'windows' };

/** RFC 4180 text (CRLF) with a UTF-8 BOM so that Excel reads non-ASCII names correctly. */
export function renderCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const parts: string[] = [];
  let batch: string[][] = [header.map(escapeCsvCell)];
  for (const row of rows) {
    batch.push(row.map(escapeCsvCell));
    if (batch.length >= BATCH_ROWS) {
      parts.push(stringify(batch, parts.length === 0 ? FIRST_BATCH : LATER_BATCHES));
      batch = [];
    }
  }
  if (batch.length > 0 || parts.length === 0) parts.push(stringify(batch, parts.length === 0 ? FIRST_BATCH : LATER_BATCHES));
  return parts.join('');
}
