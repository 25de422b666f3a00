import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from './escape-csv.ts';
import { escapeHtml } from './escape-html.ts';
import { escapeXml } from './escape-xml.ts';

// The escaping functions skip work when a value needs none. These references are the rules in
// their plain form (as they were written before the shortcuts); the shortcuts must agree.
function showBidiReference(text: string): string {
  return text.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (character) => `⟨U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

function escapeXmlReference(text: string): string {
  const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return showBidiReference(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD')
    .replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

function escapeCsvReference(value: string): string {
  const shown = showBidiReference(value);
  return /^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown;
}

function escapeHtmlReference(text: string): string {
  const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return showBidiReference(text).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

// Every ASCII character, the edges of the ranges XML forbids, lone and paired surrogates, every
// bidirectional control and its neighbours.
const CHARACTERS = [
  '\u061b', '\u061c', '\u061d', '\u200d', '\u200e', '\u200f', '\u2010', '\u2029', '\u202a', '\u202c', '\u202e', '\u202f',
  '\u2065', '\u2066', '\u2068', '\u2069', '\u206a',
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

  it('escapeHtml agrees with the plain replacement for every character alone and in pairs', () => {
    for (const first of CHARACTERS) {
      for (const second of CHARACTERS) {
        const text = `a${first}${second}b`;
        expect(escapeHtml(text), JSON.stringify(text)).toBe(escapeHtmlReference(text));
      }
    }
    expect(escapeHtml('plain text 1.0 (521)')).toBe('plain text 1.0 (521)');
  });

  it('escapeCsvCell neutralises exactly the cells the formula rule names', () => {
    for (const first of CHARACTERS) {
      for (const text of [first, `${first}SUM(A1)`, ` ${first}`]) expect(escapeCsvCell(text), JSON.stringify(text)).toBe(escapeCsvReference(text));
    }
    expect(escapeCsvCell('')).toBe('');
    expect(escapeCsvCell(-1)).toBe('-1');
  });
});
