import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from './escape-csv.ts';
import { escapeXml } from './escape-xml.ts';

// The escaping functions skip work when a value needs none. These references are the rules in
// their plain form (as they were written before the shortcuts); the shortcuts must agree.
function escapeXmlReference(text: string): string {
  const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD')
    .replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

function escapeCsvReference(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// Every ASCII character, the edges of the ranges XML forbids, lone and paired surrogates.
const CHARACTERS = [
  ...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)),
  '\u0085', '\u00a0', '\u2028', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\ufffd', '\ufffe', '\uffff',
  '\ud83d\ude00', '＝', '＋',
];

describe('escape shortcuts', () => {
  it('escapeXml agrees with the two-step replacement for every character alone and in pairs', () => {
    for (const first of CHARACTERS) {
      expect(escapeXml(first)).toBe(escapeXmlReference(first));
      for (const second of CHARACTERS) {
        const text = `a${first}${second}b`;
        expect(escapeXml(text), JSON.stringify(text)).toBe(escapeXmlReference(text));
      }
    }
    expect(escapeXml('plain text 1.0 (521)')).toBe('plain text 1.0 (521)');
  });

  it('escapeCsvCell neutralises exactly the cells the formula rule names', () => {
    for (const first of CHARACTERS) {
      for (const text of [first, `${first}SUM(A1)`, ` ${first}`]) expect(escapeCsvCell(text), JSON.stringify(text)).toBe(escapeCsvReference(text));
    }
    expect(escapeCsvCell('')).toBe('');
    expect(escapeCsvCell(-1)).toBe('-1');
  });
});
