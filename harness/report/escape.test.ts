import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell, renderCsv } from './escape-csv.ts';
import { escapeHtml, html, trustedHtml } from './escape-html.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { escapeXml } from './escape-xml.ts';

describe('escapeCsvCell', () => {
  it('neutralises cells a spreadsheet would evaluate', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(escapeCsvCell(formula)).toBe(`'${formula}`);
    }
    expect(escapeCsvCell('Monitor.AndroidOS.x')).toBe('Monitor.AndroidOS.x');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(false)).toBe('false');
    expect(escapeCsvCell(42)).toBe('42');
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline syntax, raw HTML and table pipes, and keeps one line', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('*bold* _it_ `code` [x](y) ![i](j)')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](y) \\!\\[i\\](j)');
    expect(escapeMarkdown('line\r\nnext')).toBe('line next');
    expect(escapeMarkdown('http://evil.example')).toBe('http\\://evil.example');
  });
});

describe('escapeXml', () => {
  it('escapes entities and replaces characters XML 1.0 forbids', () => {
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('bell\u0007 nul\u0000 tab\t')).toBe('bell\uFFFD nul\uFFFD tab\t');
    expect(escapeXml('lone \ud800 pair \ud83d\ude00')).toBe('lone \uFFFD pair \ud83d\ude00');
  });
});

describe('html', () => {
  it('escapes every interpolated value and only passes SafeHtml through', () => {
    const label = '<img src=x onerror="alert(1)">';
    expect(html`<td title="${label}">${label}</td>`.value).toBe('<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>');
    expect(html`<p>${[html`<b>${'&'}</b>`, "'"]}</p>`.value).toBe('<p><b>&amp;</b>&#39;</p>');
    expect(html`${trustedHtml('<hr>')}${null}${undefined}${false}${0}`.value).toBe('<hr>0');
    expect(escapeHtml('"\'')).toBe('&quot;&#39;');
  });
});

describe('bidirectional controls', () => {
  // "Trojan Source": an app label whose right-to-left override makes "kpa.exe" read as "exe.apk".
  const CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
  const hostile = `Notes\u202ekpa.exe ${CONTROLS.join('')}`;
  const shown = `Notes⟨U+202E⟩kpa.exe ${CONTROLS.map((c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`).join('')}`;
  const anyControl = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('are shown as code points in HTML, Markdown, XML and CSV', () => {
    expect(escapeHtml(hostile)).toBe(shown);
    expect(html`<td title="${hostile}">${hostile}</td>`.value).toBe(`<td title="${shown}">${shown}</td>`);
    expect(escapeMarkdown(hostile)).toBe(shown);
    expect(escapeXml(hostile)).toBe(shown);
    expect(escapeCsvCell(hostile)).toBe(shown);
  });

  it('survive a CSV round trip as visible text, and cannot hide a formula start', () => {
    const text = renderCsv(['label', 'threat'], [[hostile, '\u202a=HYPERLINK("x")']]);
    expect(text).not.toMatch(anyControl);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[1]).toEqual([shown, '⟨U+202A⟩=HYPERLINK("x")']);
  });

  it('leave other right-to-left text alone', () => {
    const arabic = 'تطبيق مراقبة';
    expect(escapeHtml(arabic)).toBe(arabic);
    expect(escapeMarkdown(arabic)).toBe(arabic);
    expect(escapeXml(arabic)).toBe(arabic);
    expect(escapeCsvCell(arabic)).toBe(arabic);
  });
});
