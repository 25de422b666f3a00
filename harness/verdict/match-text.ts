/**
 * Whole-token and whole-word matching for identification (methodology.md, "Identification"). A
 * package matches only as a whole token ("com.spy" is not in "com.spy.helper" nor in "xcom.spy"); a
 * label or threat name only as whole words, case-insensitively, with any run of spaces between words.
 * Text is compared in Unicode NFKC so that full-width or compatibility forms cannot hide a match.
 */

export interface TextMatch {
  /** Offset of the match in the normalised text. */
  start: number;
  end: number;
}

const regexCache = new Map<string, RegExp>();

function cached(key: string, build: () => RegExp): RegExp {
  let regex = regexCache.get(key);
  if (!regex) {
    if (regexCache.size > 10_000) regexCache.clear();
    regex = build();
    regexCache.set(key, regex);
  }
  regex.lastIndex = 0;
  return regex;
}

function escapeRegex(text: string): string {
  // Syntax characters only: with the `u` flag any other escaped character ("\-") is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function normalise(text: string): string {
  return text.normalize('NFKC');
}

/**
 * Every occurrence of `packageName` as a whole token: not preceded by a letter, digit, `_` or `.`,
 * and not followed by a letter, digit or `_`, nor by a `.` that continues the name
 * ("com.spy." at the end of a sentence matches; "com.spy.helper" does not).
 */
export function findPackageToken(text: string, packageName: string): TextMatch[] {
  if (packageName === '') return [];
  const regex = cached(`p\u0000${packageName}`, () => new RegExp(`(?<![\\p{L}\\p{N}_.])${escapeRegex(packageName)}(?![\\p{L}\\p{N}_]|\\.[\\p{L}\\p{N}_])`, 'gu'));
  return collect(regex, normalise(text));
}

/**
 * Every occurrence of `phrase` as whole words, case-insensitive: "Settings" is in "Open Settings now"
 * and in "Google Settings", not in "SettingsProvider"; "Wi-Fi" is in "Wi-Fi (2)".
 */
export function findWords(text: string, phrase: string): TextMatch[] {
  const words = normalise(phrase).trim().split(/\s+/u).filter((word) => word !== '');
  if (words.length === 0) return [];
  const key = `w\u0000${words.join(' ')}`;
  const regex = cached(key, () => new RegExp(`(?<![\\p{L}\\p{N}_])${words.map(escapeRegex).join('\\s+')}(?![\\p{L}\\p{N}_])`, 'giu'));
  return collect(regex, normalise(text));
}

/** Case-insensitive equality after NFKC and trimming, for a label read from its own field. */
export function sameText(a: string, b: string): boolean {
  return normalise(a).trim().toLocaleLowerCase('en') === normalise(b).trim().toLocaleLowerCase('en');
}

export function overlaps(a: TextMatch, b: TextMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

function collect(regex: RegExp, text: string): TextMatch[] {
  const found: TextMatch[] = [];
  for (const match of text.matchAll(regex)) found.push({ start: match.index, end: match.index + match[0].length });
  return found;
}
