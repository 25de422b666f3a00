import { createHash } from 'node:crypto';

/** Folder beside index.html that holds one evidence page per case. */
export const CASES_FOLDER = 'cases';

/**
 * Case ids the harness plans (`<product>__<sample>__<mode>__<profile>__r<n>`) are lower-case
 * letters, digits, '.', '_' and '-': used as they are, they are readable file names that stay
 * distinct on case-insensitive file systems. Names Windows reserves (`con`, `nul.txt`, …) are not
 * plain.
 */
const PLAIN_ID = /^[a-z0-9][a-z0-9._-]{0,119}$/;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/;

/**
 * The file name of a case's evidence page inside `cases/`, from its case id. round.json may come
 * from anywhere, so any other id (slashes, `..`, upper case, markup, control characters, 200
 * characters) becomes `_<readable part>.<16 hex of its SHA-256>`: the leading `_` can never
 * start a plain name, so the two forms never collide, and the hash keeps ids that differ only
 * in dropped characters or case apart. Pure: the same id always gives the same name.
 */
export function casePageName(caseId: string): string {
  if (PLAIN_ID.test(caseId) && !caseId.endsWith('.') && !WINDOWS_RESERVED.test(caseId)) return `${caseId}.html`;
  const readable = caseId.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const hash = createHash('sha256').update(caseId, 'utf8').digest('hex').slice(0, 16);
  return `_${readable}.${hash}.html`;
}

/** The page's path relative to the report folder: `cases/<name>` (URL-safe as it is). */
export function casePagePath(caseId: string): string {
  return `${CASES_FOLDER}/${casePageName(caseId)}`;
}
