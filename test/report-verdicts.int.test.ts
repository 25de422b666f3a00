import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  NOTHING_FOUND, makeAmbiguousAttempt, makeAttempt, makeBasis, makeHarnessNoise, makeProductErrorAttempt, makeRound,
} from '../harness/results/make-attempt.fixture.ts';
import type { AttemptResult } from '../harness/results/index.ts';
import { launchChromium, renderReportFiles, runCli } from './fixtures/rounds/report-test-kit.ts';

// A round written with the verdict model (harness 0.2): one product, four stalkerware samples.
//   flexispy     identified by label in a scan entry; the product also flagged Appium's settings app
//   settingsspy  ambiguous: its label "Settings" also fits the system app (hostile text in the entry)
//   crashy       product-error: the product crashed after its scan, twice
//   oldspy       a line written before verdict bases were recorded: missed, rule not recorded
// No adb or Appium: the report reads files only, so this file needs no port block.
const SAMPLES = [
  { id: 'flexispy', label: 'FlexiSpy' }, { id: 'settingsspy', label: 'Settings' }, { id: 'crashy', label: 'Crashy' }, { id: 'oldspy', label: 'OldSpy' },
];
const HOSTILE_ENTRY = 'Settings <img src=x onerror="window.__pwned=1"> · Potentially unwanted app';
const AMBIGUOUS_EVIDENCE = 'evidence/settingsspy/1/scan results #1.xml';
const LABEL_EVIDENCE = 'evidence/flexispy/1/scan-results.xml';

function writeRound(folder: string, results: readonly AttemptResult[], id: string): Promise<void[]> {
  const round = makeRound({
    round: { id, title: `Verdict model round ${id}`, file: 'scenarios/rounds/verdicts.yaml', sha256: 'a'.repeat(64) },
    plan: { cases: SAMPLES.map(({ id: sampleId }) => ({ caseId: sampleId, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition: 1, deviceProfile: 'api34' })) },
    samples: SAMPLES.map(({ id: sampleId, label }) => ({ id: sampleId, label, package: `com.example.${sampleId}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: label, certSha1: 'D'.repeat(40) })),
  });
  return Promise.all([
    writeFile(join(folder, 'round.json'), JSON.stringify(round)),
    writeFile(join(folder, 'results.jsonl'), results.map((result) => `${JSON.stringify(result)}\n`).join('')),
  ]);
}

const xml = (path: string) => ({ kind: 'ui-dump' as const, step: 'scan-results', path });
const AFTER: AttemptResult[] = [
  makeAttempt({
    caseId: 'flexispy', evidence: [xml(LABEL_EVIDENCE)],
    basis: makeBasis({ identifiedBy: 'label', matched: 'FlexiSpy', text: 'Threat found: FlexiSpy · Monitor.AndroidOS.Agent', evidence: LABEL_EVIDENCE }),
    harnessNoise: [makeHarnessNoise()],
  }),
  makeAmbiguousAttempt({
    caseId: 'settingsspy', evidence: [xml(AMBIGUOUS_EVIDENCE)],
    basis: makeBasis({ rule: 'ambiguous', identifiedBy: 'label', matched: 'Settings', text: HOSTILE_ENTRY, evidence: AMBIGUOUS_EVIDENCE, alsoFits: ['com.android.settings (Settings)'] }),
  }),
  makeProductErrorAttempt({ caseId: 'crashy', attempt: 1, final: false, evidence: [] }),
  makeProductErrorAttempt({ caseId: 'crashy', attempt: 2, evidence: [] }),
  makeAttempt({ caseId: 'oldspy', ...NOTHING_FOUND, evidence: [] }),
];
// The round before: everything detected but oldspy, which was missed then too (so no regression).
const BEFORE: AttemptResult[] = SAMPLES.map(({ id }) => makeAttempt({ caseId: id, evidence: [], ...(id === 'oldspy' ? NOTHING_FOUND : {}) }));

let root: string;
let folder: string;
let browser: Browser;
const files: Record<string, string> = {};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sb-report-verdicts-'));
  folder = join(root, 'after');
  for (const path of [LABEL_EVIDENCE, AMBIGUOUS_EVIDENCE]) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), `<hierarchy rotation="0"><node text="${path}"/></hierarchy>\n`);
  }
  await writeRound(folder, AFTER, 'verdicts-2');
  await mkdir(join(root, 'before'));
  await writeRound(join(root, 'before'), BEFORE, 'verdicts-1');
  Object.assign(files, await renderReportFiles(folder));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

async function openReport(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(join(folder, 'index.html')).href);
  return { page, problems, requests };
}

describe('index.html with the verdict model, in Chromium', () => {
  it('shows product errors and cases to review as their own outcomes, with legend entries, counted apart', async () => {
    const { page, problems } = await openReport();
    expect(await page.$$eval('table.matrix td.cell', (cells) => cells.map((cell) => cell.getAttribute('data-outcome'))))
      .toEqual(['detected-alerted', 'needs-review', 'product-error', 'missed']);
    const legend = await page.$$eval('#matrix .legend li', (items) => items.map((item) => [item.querySelector('use')?.getAttribute('href'), item.textContent?.trim()]));
    expect(legend).toContainEqual(['#s-needs-review', 'Needs review, not counted']);
    expect(legend).toContainEqual(['#s-product-error', 'Product error, not counted']);
    // Both symbols are defined, and differ from the error triangle.
    expect(await page.$$eval('svg.defs symbol', (symbols) => symbols.map((symbol) => symbol.id))).toEqual(expect.arrayContaining(['s-needs-review', 's-product-error', 's-error']));
    const cells = await page.$$eval('table.figures tbody[data-product="acme"] tr[data-mode="on-demand"] td', (tds) => tds.map((td) => td.textContent?.trim() ?? ''));
    // Mode, detected 1/2 (flexispy of flexispy + oldspy), …, needs review 1, product errors 1, nothing else uncounted.
    expect(cells[1]).toBe('1/2');
    expect(cells.slice(-3)).toEqual(['1', '1', '0']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a cell identified by label: rule, matched text in its whole text, and a relative link to the evidence file', async () => {
    const { page, problems, requests } = await openReport();
    await page.click('a.cell-link[aria-label^="FlexiSpy — Acme Security, On-demand"]');
    const basis = page.locator('dialog#evidence-dialog[open] div.basis');
    await basis.waitFor();
    expect(await basis.getAttribute('data-rule')).toBe('identified');
    const facts = await basis.locator('dl.facts').textContent();
    expect(facts).toContain('Decided byidentified: a result entry or an alert named the sample');
    expect(facts).toContain("Identified bylabel: the sample's label, as whole words inside a result entry or a threat alert");
    expect(await basis.locator('blockquote.matched-in').textContent()).toBe('Threat found: FlexiSpy · Monitor.AndroidOS.Agent');
    expect(await basis.locator('blockquote.matched-in mark').textContent()).toBe('FlexiSpy');
    const link = basis.locator('a.basis-evidence');
    expect(await link.getAttribute('href')).toBe(LABEL_EVIDENCE);
    const target = await link.evaluate((anchor) => (anchor as unknown as { href: string }).href);
    await access(fileURLToPath(target));
    expect(await basis.locator('p.noise').textContent()).toBe('Harness noise, not a detection or a false positive: io.appium.settings flagged as “Riskware.Tool.Appium” (scan)');
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains an ambiguous cell with what else it fits, shows device text literally and encodes the evidence link', async () => {
    const { page, problems } = await openReport();
    await page.click('a.cell-link[aria-label^="Settings — Acme Security, On-demand"]');
    const basis = page.locator('dialog#evidence-dialog[open] div.basis');
    await basis.waitFor();
    expect(await page.locator('dialog#evidence-dialog h2').textContent()).toContain('Needs review, not counted');
    expect(await basis.locator('dl.facts').textContent()).toContain('Also fitscom.android.settings (Settings)');
    expect(await basis.locator('blockquote.matched-in').textContent()).toBe(HOSTILE_ENTRY);
    expect(await basis.locator('a.basis-evidence').getAttribute('href')).toBe('evidence/settingsspy/1/scan%20results%20%231.xml');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says "rule not recorded" for a result written before verdict bases, and shows a product error with its code', async () => {
    const { page } = await openReport();
    await page.click('a.cell-link[aria-label^="OldSpy — Acme Security, On-demand"]');
    expect(await page.locator('dialog#evidence-dialog[open] div.basis').textContent()).toContain('Decided by: rule not recorded');
    await page.locator('dialog#evidence-dialog button.close').click();
    await page.click('a.cell-link[aria-label^="Crashy — Acme Security, On-demand"]');
    const body = await page.locator('dialog#evidence-dialog[open] .body').textContent();
    expect(body).toContain('Product error, not counted');
    expect(body).toContain('PRODUCT_CRASHED');
    expect(body).toContain('1 earlier attempt(s)');
    await page.close();
  });

  it('lists the cells a person must decide, and the harness noise and the rules in the method', async () => {
    const { page } = await openReport();
    const rows = await page.$$eval('#review table.review tbody tr', (trs) => trs.map((tr) => ({
      caseId: tr.getAttribute('data-case'),
      matched: tr.querySelector('td.matched > mark')?.textContent,
      text: tr.querySelector('td.matched blockquote')?.textContent,
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    })));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ caseId: 'settingsspy', matched: 'Settings', text: HOSTILE_ENTRY });
    expect(rows[0]?.cells.slice(0, 4)).toEqual(['On-demand', 'Settings', 'api34 · r1', 'labelscan']);
    expect(rows[0]?.cells[5]).toBe('com.android.settings (Settings)');
    await page.click('#review a.cell-link');
    await page.locator('dialog#evidence-dialog[open]').waitFor();
    await page.locator('dialog#evidence-dialog button.close').click();

    expect(await page.$$eval('#method ol.rules li code', (codes) => codes.map((code) => code.textContent))).toEqual(['package', 'threat-name', 'label', 'name-pattern']);
    const method = await page.locator('#method').textContent();
    expect(method).toContain('recorded as harness noise, not as detections or false positives');
    expect(method).toContain('The criteria apply to every kind of detection');
    expect(method).toContain('1 case(s) were recorded before the harness kept what decided a verdict');
    expect(await page.$$eval('#method table.noise tbody tr', (trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent))))
      .toEqual([['Acme Security', 'io.appium.settings', 'Riskware.Tool.Appium', '1', 'scan']]);
    await page.close();
  });
});

describe('the other files with the verdict model', () => {
  it('matrix.csv, results.csv, summary.json and report.md carry the new outcomes and what decided each case', () => {
    const [, ...matrix] = parse(files['matrix.csv'] ?? '', { bom: true }) as string[][];
    expect(matrix.map((row) => [row[1], row[5]])).toEqual([
      ['flexispy', '● detected-alerted'], ['settingsspy', '◇ needs-review'], ['crashy', '⊘ product-error'], ['oldspy', '○ missed'],
    ]);
    const [header = [], ...rows] = parse(files['results.csv'] ?? '', { bom: true }) as string[][];
    const cell = (caseId: string, name: string) => rows.find((row) => row[0] === caseId)?.[header.indexOf(name)];
    expect(['flexispy', 'settingsspy', 'crashy', 'oldspy'].map((caseId) => [cell(caseId, 'outcome'), cell(caseId, 'decided_by'), cell(caseId, 'basis_evidence')])).toEqual([
      ['detected-alerted', 'identified', LABEL_EVIDENCE], ['needs-review', 'ambiguous', AMBIGUOUS_EVIDENCE], ['product-error', 'error', ''], ['missed', 'rule not recorded', ''],
    ]);
    expect(cell('settingsspy', 'matched_in')).toBe(HOSTILE_ENTRY);
    expect(cell('flexispy', 'harness_noise')).toBe('io.appium.settings as Riskware.Tool.Appium (scan)');
    const summary = JSON.parse(files['summary.json'] ?? '{}');
    expect(summary.products[0].all.notCounted).toEqual({ infraErrors: 0, flowErrors: 0, productErrors: 1, needsReview: 1, notExecuted: 0 });
    expect(summary.needsReview.map((entry: { caseId: string }) => entry.caseId)).toEqual(['settingsspy']);
    expect(files['report.md']).toContain('| Settings | stalkerware | ◇ |');
    expect(files['report.md']).toContain('| Crashy | stalkerware | ⊘ |');
  });

  it('junit.xml parses and skips the case to review and the product error instead of failing them', async () => {
    const page = await browser.newPage();
    const junit = await page.evaluate(`((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')?.textContent };
      const suite = doc.querySelector('testsuite');
      return {
        counts: ['tests', 'failures', 'errors', 'skipped'].map((name) => suite?.getAttribute(name)),
        cases: Object.fromEntries([...doc.querySelectorAll('testcase')].map((testcase) => [testcase.getAttribute('name'), {
          failure: testcase.querySelector('failure')?.getAttribute('type') ?? null,
          skipped: testcase.querySelector('skipped')?.getAttribute('message') ?? null,
        }])),
      };
    })(${JSON.stringify(files['junit.xml'] ?? '')})`) as { error?: string; counts: string[]; cases: Record<string, { failure: string | null; skipped: string | null }> };
    await page.close();
    expect(junit.error).toBeUndefined();
    expect(junit.counts).toEqual(['4', '1', '0', '2']);
    expect(junit.cases['Settings [on-demand]']?.failure).toBeNull();
    expect(junit.cases['Settings [on-demand]']?.skipped).toMatch(/^needs review, not a failure of the product: a person must decide: ambiguous by label: "Settings" in "Settings <img/);
    expect(junit.cases['Crashy [on-demand]']).toEqual({ failure: null, skipped: expect.stringMatching(/^product-error, not counted as a miss or a detection: .*PRODUCT_CRASHED/) });
    expect(junit.cases['OldSpy [on-demand]']?.failure).toBe('missed');
  });

  it('compare lists a detection now needing review or crashing as changed, needs review, and --fail-on-regression does not fire', async () => {
    const run = await runCli(['compare', join(root, 'before'), folder, '--json', '--fail-on-regression']);
    expect(run.code, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout) as { regressionCount: number; products: Array<{ regressions: unknown[]; changedNeedsReview: Array<{ sampleId: string; after: string }> }> };
    expect(comparison.regressionCount).toBe(0);
    expect(comparison.products[0]?.regressions).toEqual([]);
    expect(comparison.products[0]?.changedNeedsReview.map((change) => [change.sampleId, change.after])).toEqual([['settingsspy', 'needs-review'], ['crashy', 'product-error']]);
    expect(run.stderr).toContain('2 cell(s) changed from a verdict to needs review or product error (not regressions)');
  });
});
