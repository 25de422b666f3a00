import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureRound, renderReportFiles, runCli } from './fixtures/rounds/report-test-kit.ts';

// The basic fixture (test/fixtures/rounds/build-fixture-rounds.ts), Acme on-demand: FlexiSpy ●,
// mSpy ◐, Cocospy ○; Bravo on-demand FlexiSpy ○, Life360 ✓. Acme's on-demand detection is 2/3,
// alerts 1/3. The disputes below uphold Acme's Cocospy claim (detected, no alert), reject
// Bravo's FlexiSpy claim, retest Acme's mSpy (a new final attempt that alerted) and leave
// Bravo's Life360 pending: Acme's on-demand detection becomes 3/3 and its alerts 2/3.
const UPHELD = 'acme.cocospy.on-demand.api34.r1';
const REJECTED = 'bravo.flexispy.on-demand.api34.r1';
const RETESTED = 'acme.mspy.on-demand.api34.r1';
const PENDING = 'bravo.life360.on-demand.api34.r1';

const DISPUTES = `disputes:
  - case: ${UPHELD}
    # Lab and vendor text is escaped like device text: markup stays text, bidi controls are shown.
    claim: "detected <script>alert(1)</script> on the second results page \u202Etxt.exe"
    by: Acme
    claimedAt: 2025-03-01
    decision: upheld
    reason: the results list scrolls; the second page names Cocospy
    decidedBy: Lab
    decidedAt: 2025-03-05
    verdict: { detected: true, alerted: false }
  - case: ${REJECTED}
    claim: the sample does not run on this Android version
    by: Bravo
    claimedAt: 2025-03-02
    decision: rejected
    reason: the sample's service ran (logcat)
    decidedBy: Lab
    decidedAt: 2025-03-05
  - case: ${RETESTED}
    claim: our alert came after the watch ended
    by: Acme
    claimedAt: 2025-03-02
    decision: retest
    reason: run again with the same budgets
    decidedBy: Lab
    decidedAt: 2025-03-05
  - case: ${PENDING}
    claim: not a false positive
    by: Bravo
    claimedAt: 2025-03-03
    decision: pending
`;

let original: string;
let disputed: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  original = await copyFixtureRound('basic');
  disputed = await copyFixtureRound('basic');
  await writeFile(join(disputed, 'disputes.yaml'), DISPUTES);
  // What `run --retest` appends: a new final attempt of the case, numbered on; the first stays.
  const lines = (await readFile(join(disputed, 'results.jsonl'), 'utf8')).split('\n');
  const first = JSON.parse(lines.find((line) => line.includes(`"caseId":"${RETESTED}"`)) ?? '{}') as Record<string, unknown>;
  await appendFile(join(disputed, 'results.jsonl'), `${JSON.stringify({ ...first, attempt: 2, alerted: true, alertKinds: ['notification'], alertText: 'mSpy is watching you', safetyAdvice: false })}\n`);
  Object.assign(files, await renderReportFiles(disputed));
});

afterAll(async () => {
  for (const folder of [original, disputed]) await rm(dirname(folder), { recursive: true, force: true });
});

function rowsOf(csv: string): Array<Record<string, string>> {
  return parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
}

describe('report applies disputes.yaml and retests', () => {
  it('rates use the decided verdicts: Acme on-demand detection 3/3, alerts 2/3', () => {
    const summary = JSON.parse(files['summary.json'] ?? '{}') as {
      products: Array<{ id: string; byMode: Record<string, { detection: { count: number; total: number }; alert: { count: number; total: number } }> }>;
      method: { decidedVerdicts: string };
      disputes: Array<{ caseId: string; decision: string; applied: boolean; originalVerdict: string; decidedVerdict: string }>;
      retested: Array<{ caseId: string; originalAttempt: number; finalAttempt: number; originalVerdict: string; decidedVerdict: string }>;
    };
    const acme = summary.products.find((product) => product.id === 'acme')?.byMode['on-demand'];
    expect(acme?.detection).toMatchObject({ count: 3, total: 3 });
    expect(acme?.alert).toMatchObject({ count: 2, total: 3 });
    expect(summary.method.decidedVerdicts).toMatch(/decided verdicts/);
    expect(summary.disputes.map(({ caseId, decision, applied, originalVerdict, decidedVerdict }) => [caseId, decision, applied, originalVerdict, decidedVerdict])).toEqual([
      [UPHELD, 'upheld', true, 'missed', 'detected-no-alert'],
      [REJECTED, 'rejected', false, 'missed', 'missed'],
      [RETESTED, 'retest', false, 'detected-no-alert', 'detected-alerted'],
      [PENDING, 'pending', false, 'not-flagged', 'not-flagged'],
    ]);
    expect(summary.retested).toEqual([expect.objectContaining({ caseId: RETESTED, originalAttempt: 1, finalAttempt: 2, originalVerdict: 'detected-no-alert', decidedVerdict: 'detected-alerted' })]);
  });

  it('results.csv keeps the recorded fields and says which cases were disputed, how, and what they showed before', () => {
    const rows = new Map(rowsOf(files['results.csv'] ?? '').map((row) => [row['case_id'], row]));
    expect(rows.get(UPHELD)).toMatchObject({ outcome: 'detected-no-alert', detected: 'false', disputed: 'true', dispute_decision: 'upheld', original_verdict: 'missed', retested: 'false' });
    expect(rows.get(REJECTED)).toMatchObject({ outcome: 'missed', disputed: 'true', dispute_decision: 'rejected', original_verdict: '' });
    expect(rows.get(RETESTED)).toMatchObject({ outcome: 'detected-alerted', attempts: '2', retested: 'true', original_verdict: 'detected-no-alert' });
    expect(rows.get('acme.flexispy.on-demand.api34.r1')).toMatchObject({ disputed: 'false', retested: 'false', original_verdict: '' });
  });

  it('index.html and report.md list every claim and decision, mark changed cells, and escape the claims', () => {
    const page = files['index.html'] ?? '';
    const section = /<section id="disputes"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    for (const caseId of [UPHELD, REJECTED, RETESTED, PENDING]) expect(section).toContain(`data-case="${caseId}"`);
    expect(section).toContain('the results list scrolls; the second page names Cocospy');
    expect(page).not.toContain('<script>alert(1)');
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(section).toContain('⟨U+202E⟩');
    expect(page).not.toContain('\u202E');
    expect(page).toMatch(/<p id="decided-verdicts">Rates, the matrix and stalkerbench compare use the decided verdicts: 1 case\(s\) show a verdict the lab decided/);
    // The upheld case's evidence shows the claim, the original verdict, the decided one and the reason.
    expect(page).toMatch(/<div class="dispute" data-decision="upheld">[\s\S]*?<dt>Original verdict<\/dt><dd>Missed<\/dd><dt>Decided verdict<\/dt><dd>Detected, no alert<\/dd>/);
    expect(page).toMatch(/<sup class="decided" aria-hidden="true">†<\/sup>/);
    const markdown = files['report.md'] ?? '';
    expect(markdown).toMatch(/^## Disputes$/m);
    expect(markdown).toContain('upheld\\: detected, no alert');
    expect(markdown).toMatch(/acme\.mspy\.on-demand\.api34\.r1: Detected, no alert \(attempt 1\) → Detected and alerted \(attempt 2\)/);
    expect(markdown).not.toContain('\u202E');
  });

  it('compare uses the decided verdicts and says how many', async () => {
    const run = await runCli(['compare', original, disputed, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout) as { decided: unknown; products: Array<{ productId: string; newDetections: Array<{ sampleId: string; mode: string }> }> };
    expect(comparison.decided).toEqual({ before: { upheld: 0, retested: 0 }, after: { upheld: 1, retested: 1 } });
    expect(comparison.products.find((product) => product.productId === 'acme')?.newDetections).toEqual([expect.objectContaining({ sampleId: 'cocospy', mode: 'on-demand' })]);
  });

  it('refuses a bad disputes.yaml (unknown case, missing decision) with file and line, and writes no report', async () => {
    const folder = await copyFixtureRound('basic');
    try {
      await writeFile(join(folder, 'disputes.yaml'), `disputes:\n  - case: acme.nope.on-demand.api34.r1\n    claim: x\n    by: Acme\n    claimedAt: 2025-03-01\n    decision: pending\n  - case: ${UPHELD}\n    claim: y\n    by: Acme\n    claimedAt: 2025-03-01\n`);
      const run = await runCli(['report', folder]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('CONFIG_INVALID');
      expect(run.stderr).toMatch(/disputes\.yaml:7 disputes\[1\]\.decision: required field is missing/);
      await expect(readFile(join(folder, 'index.html'), 'utf8')).rejects.toThrow();
    } finally {
      await rm(dirname(folder), { recursive: true, force: true });
    }
  });
});
