import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { copyFixtureRound, launchChromium, runCli } from './fixtures/rounds/report-test-kit.ts';

// The hostile fixture puts markup, spreadsheet formulas and Markdown syntax in everything a device
// or an APK controls: sample labels, product names, threat names, alert text, UI dumps, file names.
const LABEL = '<script>alert(1)</script> | Spy*Tool* _x_ `code`';
const CLEAN_LABEL = 'Notes <img src=x onerror="window.__pwned=1">';
const ALERT_IMG = '<img src=x onerror="window.__pwned=1">';

let folder: string;
let browser: Browser;
const files: Record<string, string> = {};

beforeAll(async () => {
  folder = await copyFixtureRound('hostile');
  const run = await runCli(['report', folder]);
  expect(run.code, run.stderr).toBe(0);
  for (const name of ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json']) files[name] = await readFile(join(folder, name), 'utf8');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dirname(folder), { recursive: true, force: true });
});

describe('hostile device text', () => {
  it('does not execute in the HTML report and shows literally', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    expect(await page.title()).toBe('Hostile <i>input</i> & "quotes" — stalkerware detection results');
    const rowHeaders = await page.$$eval('table.matrix tbody th[scope=row]', (cells) => cells.map((cell) => cell.firstChild?.textContent));
    expect(rowHeaders).toEqual([LABEL, CLEAN_LABEL]);
    expect(await page.$eval('table.matrix thead th.prod', (cell) => cell.textContent)).toContain('-Evil | AV <b>bold</b>');

    await page.click('a.cell-link[aria-label^="<script>"]');
    const dialog = page.locator('dialog#evidence-dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('blockquote.alert').textContent()).toContain(`Threat found ${ALERT_IMG} <script>window.__pwned=1</script> =HYPERLINK(`);
    expect(await dialog.locator('dl.facts').textContent()).toContain('=HYPERLINK("http://evil.example/steal","Click me")');
    // Browser-side code as a string: the project's tsconfig has no DOM types.
    const dom = await page.evaluate(`({
      pwned: window.__pwned,
      scripts: document.scripts.length,
      injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
      injectedBold: document.querySelectorAll('th b, td b').length,
      italic: document.querySelectorAll('i').length,
    })`);
    expect(dom).toEqual({ pwned: undefined, scripts: 1, injectedImages: 0, injectedBold: 0, italic: 0 });

    // The case page, where the evidence is: the dump shows literally, nothing runs, no script at all.
    await dialog.locator('a.case-page').click();
    await page.waitForURL(/\/cases\/[^/]+\.html$/);
    expect(await page.title()).toBe(`evil-av.xss.on-demand.api34.r1 — ${LABEL} — -Evil | AV <b>bold</b> · On-demand`);
    expect(await page.locator('blockquote.alert').textContent()).toContain(`Threat found ${ALERT_IMG} <script>window.__pwned=1</script> =HYPERLINK(`);
    const dump = page.locator('details.dump', { hasText: 'UI hierarchy dump' });
    await dump.locator('summary').click();
    expect(await dump.locator('pre').textContent()).toContain('</pre><script>window.__pwned=1</script>');
    // A file name with space, '#' and '?' is percent-encoded and still loads.
    const shot = page.locator('img[alt="Screenshot at step scan-results"]');
    expect(await shot.getAttribute('src')).toBe('../evidence/evil-av.xss.on-demand.api34.r1/1/scan%20results%20%231%20%3F.png');
    await expect.poll(() => shot.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth), { timeout: 5000 }).toBe(90);
    const casePage = await page.evaluate(`({
      pwned: window.__pwned,
      scripts: document.scripts.length,
      injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
      injectedBold: document.querySelectorAll('h1 b, dd b, td b').length,
      italic: document.querySelectorAll('i').length,
    })`);
    expect(casePage).toEqual({ pwned: undefined, scripts: 0, injectedImages: 0, injectedBold: 0, italic: 0 });
    expect(dialogs).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('blocks injected script by Content-Security-Policy even if escaping failed', async () => {
    // Defence in depth: the page's CSP allows only its own script by hash.
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    const ran = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve(false), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = 1';
      document.body.append(script);
      setTimeout(() => resolve(window.__pwned === 1), 500);
    })`);
    expect(ran).toBe(false);
    await page.close();
  });

  it('neutralises formulas in both CSV files', () => {
    const matrix = parse(files['matrix.csv'] ?? '', { bom: true }) as string[][];
    const results = parse(files['results.csv'] ?? '', { bom: true }) as string[][];
    for (const cell of [...matrix.flat(), ...results.flat()]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(matrix[0]?.[5]).toBe("'@Evil & Sons -Evil | AV <b>bold</b> [on-demand]");
    expect(matrix[1]?.slice(0, 4)).toEqual([LABEL, 'xss', 'stalkerware', '\'=HYPERLINK("http://evil.example/x","click")']);
    const header = results[0] ?? [];
    const xss = results.find((row) => row[0] === 'evil-av.xss.on-demand.api34.r1') ?? [];
    expect(xss[header.indexOf('threat_name')]).toBe('\'=HYPERLINK("http://evil.example/steal","Click me")');
    expect(xss[header.indexOf('category')]).toBe("'+cmd|' /C calc'!A0");
    expect(xss[header.indexOf('alert_text')]).toContain('\r\nline two');
  });

  it('keeps junit.xml well-formed with the failure text escaped', async () => {
    const page = await browser.newPage();
    const parsed = await page.evaluate(`((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const error = doc.querySelector('parsererror');
      return error ? { error: error.textContent } : {
        suite: doc.querySelector('testsuite')?.getAttribute('name'),
        names: [...doc.querySelectorAll('testcase')].map((testcase) => testcase.getAttribute('name')),
        failure: doc.querySelector('failure[type="false-positive"]')?.getAttribute('message'),
        out: doc.querySelector('testcase system-out')?.textContent,
      };
    })(${JSON.stringify(files['junit.xml'] ?? '')})`);
    await page.close();
    expect(parsed).toMatchObject({
      suite: '@Evil & Sons -Evil | AV <b>bold</b>',
      names: [`${LABEL} [on-demand]`, `${CLEAN_LABEL} [on-demand]`],
      failure: `clean app ${CLEAN_LABEL} flagged as =HYPERLINK("http://evil.example/steal","Click me") / +cmd|' /C calc'!A0`,
    });
    expect((parsed as { out: string }).out).toContain(`${ALERT_IMG} <script>window.__pwned=1</script>`);
    expect((parsed as { out: string }).out).toContain(']]></system-out>');
  });

  it('escapes Markdown: no raw HTML, table columns stay aligned', () => {
    const markdown = files['report.md'] ?? '';
    expect(markdown).not.toMatch(/(?<!\\)</);
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\> \\| Spy\\*Tool\\* \\_x\\_ \\`code\\`');
    for (const table of markdown.split('\n\n').filter((block) => block.startsWith('|'))) {
      const widths = table.split('\n').map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, table).toBe(1);
    }
  });

  it('keeps the strings intact in summary.json', () => {
    const summary = JSON.parse(files['summary.json'] ?? '{}');
    expect(summary.round.title).toBe('Hostile <i>input</i> & "quotes"');
    expect(summary.falsePositives[0].threatName).toBe('=HYPERLINK("http://evil.example/steal","Click me")');
  });
});
