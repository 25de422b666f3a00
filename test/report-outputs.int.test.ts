import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { copyFixtureRound, launchChromium, renderReportFiles, runCli } from './fixtures/rounds/report-test-kit.ts';

// The basic fixture (test/fixtures/rounds/build-fixture-rounds.ts) has known figures:
//   Acme   on-demand: FlexiSpy ●, mSpy ◐, Cocospy ○, Life360 ✕, PocketNotes ✓
//   Acme   real-time: FlexiSpy ●, mSpy ⚠ infra-error, Cocospy ●, Life360 ✓, PocketNotes ✓
//   Bravo  on-demand: FlexiSpy ○, mSpy ⚠ flow-error, Cocospy ○, Life360 ✓, PocketNotes – (not-executed line)
//   Bravo  real-time: FlexiSpy ● (after one infra-error attempt), mSpy ●, Cocospy – (no line), Life360 ✓, PocketNotes ✕
let folder: string;
let browser: Browser;
const files: Record<string, string> = {};

beforeAll(async () => {
  folder = await copyFixtureRound('basic');
  Object.assign(files, await renderReportFiles(folder));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dirname(folder), { recursive: true, force: true });
});

function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe('report on the basic fixture round', () => {
  it('writes the six files into the round folder, and a page per case with evidence in cases/', () => {
    const names = Object.keys(files);
    expect(names.filter((name) => !name.startsWith('cases/')).sort()).toEqual(['index.html', 'junit.xml', 'matrix.csv', 'report.md', 'results.csv', 'summary.json']);
    // 20 planned cases. Bravo's real-time Cocospy case never ran; Acme's real-time mSpy (one
    // infra-error) and Bravo's on-demand PocketNotes (not executed) recorded no evidence file:
    // no page. Bravo's real-time FlexiSpy failed once, then recorded evidence: a page.
    const pages = names.filter((name) => name.startsWith('cases/'));
    expect(pages).toHaveLength(17);
    expect(pages).toContain('cases/acme.flexispy.on-demand.api34.r1.html');
    expect(pages).toContain('cases/bravo.flexispy.real-time.api34.r1.html');
    for (const none of ['bravo.cocospy.real-time', 'acme.mspy.real-time', 'bravo.pocketnotes.on-demand']) expect(pages).not.toContain(`cases/${none}.api34.r1.html`);
  });

  it('keeps evidence out of index.html: every case links to its page, which exists and holds the dumps', () => {
    const index = files['index.html'] ?? '';
    expect(index).not.toContain('<pre');
    expect(index).not.toContain('<img');
    const links = [...index.matchAll(/<a class="case-page" href="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(new Set(links).size).toBe(17);
    for (const link of links) expect(files[link], link).toBeDefined();
    const page = files['cases/acme.flexispy.on-demand.api34.r1.html'] ?? '';
    expect(page).toContain('<pre>');
    expect(page).toContain('src="../evidence/acme.flexispy.on-demand.api34.r1/1/03-scan-results.png"');
    expect(page).toContain('href="../index.html#cell-1"');
    expect(page).not.toContain('<script');
  });

  it('matrix.csv: one row per sample, one column per product × mode, symbol and word', () => {
    const [header, ...rows] = parseCsv(files['matrix.csv'] ?? '');
    expect(header).toEqual(['sample', 'sample_id', 'kind', 'family', 'sha256',
      'Acme Labs Acme Mobile Security [on-demand]', 'Acme Labs Acme Mobile Security [real-time]',
      'Bravo Software Bravo Antivirus [on-demand]', 'Bravo Software Bravo Antivirus [real-time]']);
    const bySample = Object.fromEntries(rows.map((row) => [row[1], row.slice(5)]));
    expect(bySample.flexispy).toEqual(['● detected-alerted', '● detected-alerted', '○ missed', '● detected-alerted']);
    expect(bySample.mspy).toEqual(['◐ detected-no-alert', '⚠ error', '⚠ error', '● detected-alerted']);
    expect(bySample.cocospy).toEqual(['○ missed', '● detected-alerted', '○ missed', '– not-executed']);
    expect(bySample.life360).toEqual(['✕ false-positive', '✓ not-flagged', '✓ not-flagged', '✓ not-flagged']);
    expect(bySample.pocketnotes).toEqual(['✓ not-flagged', '✓ not-flagged', '– not-executed', '✕ false-positive']);
  });

  it('results.csv: one row per planned case with every outcome field', () => {
    const [header, ...rows] = parseCsv(files['results.csv'] ?? '');
    expect(rows).toHaveLength(20);
    const column = (name: string) => (header ?? []).indexOf(name);
    const row = rows.find((entry) => entry[column('case_id')] === 'bravo.flexispy.real-time.api34.r1') ?? [];
    expect(row[column('status')]).toBe('completed');
    expect(row[column('attempts')]).toBe('2');
    expect(row[column('detected_by')]).toBe('real-time');
    expect(row[column('threat_name')]).toBe('Android/Spy.FlexiSpy');
    expect(row[column('product_version_installed')]).toBe('12.0 (1200)');
    // The fixture predates verdict bases: each case says so instead of inventing a rule.
    expect(row[column('decided_by')]).toBe('rule not recorded');
    expect(row[column('basis_evidence')]).toBe('');
    const infra = rows.find((entry) => entry[column('case_id')] === 'acme.mspy.real-time.api34.r1') ?? [];
    expect(infra[column('status')]).toBe('infra-error');
    expect(infra[column('error_code')]).toBe('DEVICE_LOST');
    const never = rows.find((entry) => entry[column('case_id')] === 'bravo.cocospy.real-time.api34.r1') ?? [];
    expect(never[column('outcome')]).toBe('not-executed');
    expect(never[column('attempts')]).toBe('0');
  });

  it('summary.json: detection and alert rates per mode count completed cases only', () => {
    const summary = JSON.parse(files['summary.json'] ?? '{}');
    const acme = summary.products.find((product: { id: string }) => product.id === 'acme');
    const bravo = summary.products.find((product: { id: string }) => product.id === 'bravo');
    expect(acme.byMode['on-demand'].detection).toEqual({ count: 2, total: 3, rate: 0.6667, ci95: [0.2077, 0.9385] });
    expect(acme.byMode['on-demand'].alert).toMatchObject({ count: 1, total: 3 });
    expect(acme.byMode['on-demand'].safetyAdvice).toMatchObject({ count: 1, total: 1 });
    expect(acme.byMode['real-time'].detection).toMatchObject({ count: 2, total: 2, rate: 1 });
    expect(acme.byMode['real-time'].notCounted).toEqual({ infraErrors: 1, flowErrors: 0, productErrors: 0, needsReview: 0, notExecuted: 0 });
    expect(acme.all.falsePositives).toMatchObject({ count: 1, total: 4 });
    expect(acme.all.falsePositivesWatchware).toMatchObject({ count: 1, total: 2 });
    expect(bravo.byMode['on-demand'].detection).toMatchObject({ count: 0, total: 2, rate: 0 });
    expect(bravo.byMode['on-demand'].notCounted).toEqual({ infraErrors: 0, flowErrors: 1, productErrors: 0, needsReview: 0, notExecuted: 1 });
    expect(bravo.byMode['real-time'].detection).toMatchObject({ count: 2, total: 2 });
    expect(bravo.all.falsePositivesClean).toMatchObject({ count: 1, total: 1 });
    expect(summary.falsePositives.map((entry: { productId: string; sampleId: string }) => `${entry.productId}/${entry.sampleId}`)).toEqual(['acme/life360', 'bravo/pocketnotes']);
    expect(summary.totals.byStatus).toEqual({ completed: 16, 'infra-error': 1, 'product-error': 0, 'flow-error': 1, 'not-executed': 2 });
    // Results written before verdict bases were recorded: said so, never guessed.
    expect(summary.method.resultsWithoutVerdictBasis).toBe(19);
    expect(summary.needsReview).toEqual([]);
    expect(summary.harnessNoise).toEqual([]);
  });

  it('junit.xml parses in a DOM and has failures, errors and skips where expected', async () => {
    const page = await browser.newPage();
    // Browser-side code as a string: the project's tsconfig has no DOM types.
    const junit = await page.evaluate(`((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')?.textContent ?? 'parse error' };
      return {
        suites: [...doc.querySelectorAll('testsuite')].map((suite) => ({
          name: suite.getAttribute('name'),
          tests: suite.getAttribute('tests'), failures: suite.getAttribute('failures'), errors: suite.getAttribute('errors'), skipped: suite.getAttribute('skipped'),
          cases: Object.fromEntries([...suite.querySelectorAll('testcase')].map((testcase) => [
            testcase.getAttribute('name'),
            testcase.querySelector('failure')?.getAttribute('type') ?? testcase.querySelector('error')?.getAttribute('type') ?? (testcase.querySelector('skipped') ? 'skipped' : 'passed'),
          ])),
        })),
      };
    })(${JSON.stringify(files['junit.xml'] ?? '')})`);
    await page.close();
    expect(junit).not.toHaveProperty('error');
    const [acme, bravo] = (junit as { suites: Array<{ name: string; tests: string; failures: string; errors: string; skipped: string; cases: Record<string, string> }> }).suites;
    expect(acme).toMatchObject({ name: 'Acme Labs Acme Mobile Security', tests: '10', failures: '2', errors: '1', skipped: '0' });
    expect(acme?.cases['Cocospy [on-demand]']).toBe('missed');
    expect(acme?.cases['Life360 [on-demand]']).toBe('false-positive');
    expect(acme?.cases['mSpy [real-time]']).toBe('infra-error');
    expect(acme?.cases['mSpy [on-demand]']).toBe('passed');
    expect(bravo?.cases['mSpy [on-demand]']).toBe('flow-error');
    expect(bravo?.cases['Cocospy [real-time]']).toBe('skipped');
    expect(bravo?.cases['PocketNotes [real-time]']).toBe('false-positive');
  });

  it('report.md has the matrix and per-product tables with consistent columns', () => {
    const markdown = files['report.md'] ?? '';
    expect(markdown).toContain('| FlexiSpy | stalkerware | ● | ● | ○ | ● |');
    expect(markdown).toContain('| on-demand | 2/3 | 66.7 % | 20.8–93.9 % | 1/3 | 33.3 % | 6.1–79.2 % | 1/1 | not tested | 1/2 | 0 | 0 | 0 | 0 |');
    for (const table of markdown.split('\n\n').filter((block) => block.startsWith('|'))) {
      const widths = table.split('\n').map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, table).toBe(1);
    }
  });

  it('renders the same bytes again from the same round (pure, no timestamps)', async () => {
    const again = await runCli(['report', folder, '--out', join(folder, 'again')]);
    expect(again.code).toBe(0);
    for (const name of ['report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json']) {
      expect(await readFile(join(folder, 'again', name), 'utf8')).toBe(files[name]);
    }
    // Rendered again in place, every file, case pages included, has the same bytes.
    expect(await renderReportFiles(folder)).toEqual(files);
    // Written elsewhere with --out, the case pages link evidence back into the round folder.
    const moved = await readFile(join(folder, 'again', 'cases', 'acme.flexispy.on-demand.api34.r1.html'), 'utf8');
    expect(moved).toContain('src="../../evidence/acme.flexispy.on-demand.api34.r1/1/03-scan-results.png"');
    expect(files['cases/acme.flexispy.on-demand.api34.r1.html']).toContain('src="../evidence/acme.flexispy.on-demand.api34.r1/1/03-scan-results.png"');
  });
});
