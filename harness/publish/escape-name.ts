/**
 * A file name as `verify` and `publish` print it: a folder handed to a reader may hold names made
 * to mislead (a newline that forges a second output line, a right-to-left override that makes
 * `evil\u202Etxt.sh` read as `evilhs.txt`, an escape sequence that rewrites the terminal). Every
 * such character is shown as `\u{…}`, and a backslash as `\\`, so the printed line is exactly one
 * line and says what the name holds.
 */
export function showName(name: string): string {
  return name.replace(HIDDEN, (character) => (character === '\\' ? '\\\\' : `\\u{${character.codePointAt(0)?.toString(16) ?? '?'}}`));
}

// C0 and C1 controls, DEL, the bidirectional controls (as harness/report/escape-bidi.ts lists
// them), zero-width characters, line and paragraph separators, the BOM, lone surrogates, backslash.
const HIDDEN = /[\\\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
