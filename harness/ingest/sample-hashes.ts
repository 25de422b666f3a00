import path from 'node:path';
import { displayPathOf, readConfigText } from '../config/load-yaml-file.ts';
import { HarnessError } from '../errors/index.ts';

/** One row of stalkerware-indicators' `samples.csv`: a file hash known to belong to an app. */
export interface KnownSampleHash {
  sha256: string;
  packageName: string;
  /** Signing-certificate SHA-1 as the data writes it (may be empty). */
  certificate: string;
  version: string;
  /** The `App` column: a family name or one of its other names (`Copy9` for TheTruthSpy). */
  app: string;
  /** Where the row is, for the side report: `samples.csv:12`. */
  at: string;
}

const COLUMNS = ['SHA256', 'Package Name', 'Certificate', 'Version', 'App'] as const;

/**
 * Splits RFC 4180 CSV into rows of fields (quoted fields may hold commas, quotes and newlines).
 * The published file quotes nothing today; a hand-kept copy may.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') { field += '"'; index += 1; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') { row.push(field); field = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += char;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((fields) => !(fields.length === 1 && fields[0] === ''));
}

/**
 * Reads `samples.csv` (columns SHA256, Package Name, Certificate, Version, App, in any order) into
 * a map by lower-case SHA-256. A missing column or a malformed hash is INDICATORS_INVALID with the
 * file and line; rows without a hash are skipped (the data has none, but a hand-kept copy might).
 */
export async function loadSampleHashes(file: string, cwd: string): Promise<Map<string, KnownSampleHash>> {
  const absolute = path.resolve(cwd, file);
  const shown = displayPathOf(absolute, cwd);
  const rows = parseCsv(await readConfigText(absolute, 'samples.csv hash list', cwd));
  const header = rows[0] ?? [];
  const columnOf = new Map(header.map((name, index) => [name.trim(), index]));
  const missing = COLUMNS.filter((name) => !columnOf.has(name));
  if (missing.length > 0) {
    throw new HarnessError('INDICATORS_INVALID', `${shown}:1 the header lacks ${missing.join(', ')}`, {
      hint: 'point --hashes at samples.csv of stalkerware-indicators (header: SHA256,Package Name,Certificate,Version,App)',
    });
  }
  const cell = (fields: string[], name: (typeof COLUMNS)[number]): string => (fields[columnOf.get(name) ?? -1] ?? '').trim();
  const known = new Map<string, KnownSampleHash>();
  const problems: string[] = [];
  rows.slice(1).forEach((fields, index) => {
    const line = index + 2;
    const sha256 = cell(fields, 'SHA256').toLowerCase();
    if (sha256 === '') return;
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      problems.push(`${shown}:${line} SHA256: expected 64 hex digits`);
      return;
    }
    if (!known.has(sha256)) {
      known.set(sha256, {
        sha256, packageName: cell(fields, 'Package Name'), certificate: cell(fields, 'Certificate'),
        version: cell(fields, 'Version'), app: cell(fields, 'App'), at: `${path.basename(absolute)}:${line}`,
      });
    }
  });
  if (problems.length > 0) {
    throw new HarnessError('INDICATORS_INVALID', `${shown}: ${problems.length} malformed row${problems.length === 1 ? '' : 's'}`, {
      details: problems.slice(0, 20),
      hint: 'point --hashes at samples.csv of stalkerware-indicators, unmodified',
    });
  }
  return known;
}
