import { stringify } from 'csv-stringify/sync';

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
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 text (CRLF) with a UTF-8 BOM so that Excel reads non-ASCII names correctly. */
export function renderCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const records = [header, ...rows].map((row) => row.map((value) => escapeCsvCell(value)));
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}
