import { BIDI_CONTROL_RANGES, hasBidiControl, showBidiControls } from './escape-bidi.ts';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * The one escaping function for CSV cells. Quoting is renderCsv's job (RFC 4180); this neutralises
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

/** Characters that make RFC 4180 quote a field: the delimiter, the quote, CR and LF. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field as RFC 4180 writes it, after escapeCsvCell: quoted when it holds a comma, a double
 * quote, CR or LF, with each double quote doubled; an empty value stays empty. The same bytes as
 * csv-stringify with the options this module used to give it (its test holds the two together on
 * hostile text); written here because csv-stringify's per-field work (options spread, several
 * scans and a cast per field) took 1.3 s of the 6.3 s CPU of a 100,000-result report.
 */
function quoteCsvField(value: CsvValue): string {
  // Most cells (ids, numbers, words) need nothing: one scan says so, and they go out as they are.
  if (typeof value === 'string' && !NEEDS_ANY.test(value) && !FORMULA_STARTS.has(value.charCodeAt(0))) return value;
  const text = escapeCsvCell(value);
  if (text === '' || !NEEDS_QUOTES.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A character that escapeCsvCell or quoting would change: quote, comma, CR, LF, a bidi control. */
const NEEDS_ANY = new RegExp(`[",\\r\\n${BIDI_CONTROL_RANGES}]`);

/**
 * Records joined a batch at a time: each batch's garbage dies young instead of 100,000 row
 * strings staying alive until the end.
 */
const BATCH_ROWS = 256;

/** RFC 4180 text (CRLF) with a UTF-8 BOM so that Excel reads non-ASCII names correctly. */
export function renderCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  return renderCsvChunks(header, rows).join('');
}

/**
 * renderCsv's text in pieces whose concatenation is that text: the BOM alone, then the header,
 * then a batch of rows a piece. Written piece by piece (write-report.ts), the rows stay Latin-1
 * strings of one byte a character, which encode fast; one string with the BOM in it would be
 * two bytes a character throughout (70 MB instead of 35 for 100,000 results) and encode slowly.
 */
export function renderCsvChunks(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string[] {
  const parts: string[] = ['\ufeff', `${header.map(quoteCsvField).join(',')}\r\n`];
  let batch: string[] = [];
  for (const row of rows) {
    const fields = new Array<string>(row.length);
    for (let index = 0; index < row.length; index += 1) fields[index] = quoteCsvField(row[index]);
    batch.push(`${fields.join(',')}\r\n`);
    if (batch.length >= BATCH_ROWS) {
      parts.push(batch.join(''));
      batch = [];
    }
  }
  if (batch.length > 0) parts.push(batch.join(''));
  return parts;
}
