import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  NOTHING_FOUND, makeAmbiguousAttempt, makeAttempt, makeBasis, makeHarnessNoise, makeProductErrorAttempt, makeRound,
} from '../results/make-attempt.fixture.ts';
import { roundFileSchema, type AttemptResult } from '../results/index.ts';
import { buildReportModel } from './build-report-model.ts';
import { renderComparisonMarkdown } from './render-comparison.ts';
import { compareRounds } from './compare-rounds.ts';
import { renderResultsCsv } from './render-csv.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderSummary } from './render-summary.ts';

// s1 identified by label (and Appium's settings app flagged), s2 ambiguous, s3 a product crash
// after one crashed attempt, s4 written before verdict bases were kept, s5 a hostile basis.
const SAMPLES = ['s1', 's2', 's3', 's4', 's5'];
const round = roundFileSchema.parse(makeRound({
  plan: { cases: SAMPLES.map((sampleId) => ({ caseId: sampleId, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition: 1, deviceProfile: 'api34' })) },
  samples: SAMPLES.map((id) => ({ id, label: id.toUpperCase(), package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
}));
const HOSTILE_TEXT = '=HYPERLINK("http://evil.example") | <script>x</script>\nsecond line';
const results: AttemptResult[] = [
  makeAttempt({
    caseId: 's1', basis: makeBasis({ identifiedBy: 'label', matched: 'S1', text: 'S1 · Potentially unwanted app', evidence: 'evidence/s1/1/scan-results.xml' }),
    harnessNoise: [makeHarnessNoise(), makeHarnessNoise({ from: 'real-time' })],
  }),
  makeAmbiguousAttempt({ caseId: 's2' }),
  makeProductErrorAttempt({ caseId: 's3', attempt: 1, final: false }),
  makeProductErrorAttempt({ caseId: 's3', attempt: 2 }),
  makeAttempt({ caseId: 's4', ...NOTHING_FOUND }),
  makeAmbiguousAttempt({ caseId: 's5', basis: makeBasis({ rule: 'ambiguous', identifiedBy: 'name-pattern', matched: '-spy', text: HOSTILE_TEXT, alsoFits: ['@evil'] }) }),
];
const model = buildReportModel({ round, results, evidence: new Map() });

const OLD_HEADER = [
  'case_id', 'product_id', 'vendor', 'product', 'product_version_installed', 'sample_id', 'sample', 'sample_package',
  'sample_kind', 'family', 'mode', 'device_profile', 'repetition', 'outcome', 'status', 'attempts', 'detected',
  'detected_by', 'alerted', 'alert_kinds', 'threat_name', 'category', 'alert_text', 'time_to_alert_ms',
  'safety_advice', 'error_code', 'error_message', 'device_serial', 'started_at', 'ended_at', 'duration_ms',
  'evidence_files',
];

describe('results.csv with verdict bases', () => {
  const [header = [], ...rows] = parse(renderResultsCsv(model), { bom: true }) as string[][];
  const rowOf = (caseId: string) => Object.fromEntries(header.map((name, index) => [name, rows.find((row) => row[0] === caseId)?.[index]]));

  it('keeps the existing columns in order and appends what decided each case', () => {
    expect(header.slice(0, OLD_HEADER.length)).toEqual(OLD_HEADER);
    expect(header.slice(OLD_HEADER.length)).toEqual(['decided_by', 'identified_by', 'matched', 'matched_in', 'matched_from', 'also_fits', 'basis_evidence', 'harness_noise', 'disputed', 'dispute_decision', 'dispute_reason', 'original_verdict', 'retested', 'remediated', 'remediation_flow', 'remediation_warned', 'remediation_left']);
  });

  it('gives per case the outcome, the rule, the matched text, the whole text and the evidence file', () => {
    expect(rowOf('s1')).toMatchObject({
      outcome: 'detected-alerted', decided_by: 'identified', identified_by: 'label', matched: 'S1', matched_in: 'S1 · Potentially unwanted app',
      matched_from: 'scan', basis_evidence: 'evidence/s1/1/scan-results.xml',
      harness_noise: 'io.appium.settings as Riskware.Tool.Appium (scan); io.appium.settings as Riskware.Tool.Appium (real-time)',
    });
    expect(rowOf('s2')).toMatchObject({ outcome: 'needs-review', status: 'completed', detected: 'false', decided_by: 'ambiguous', matched: 'Settings', also_fits: 'com.android.settings (Settings)' });
    expect(rowOf('s3')).toMatchObject({ outcome: 'product-error', status: 'product-error', attempts: '2', error_code: 'PRODUCT_CRASHED', decided_by: 'error', identified_by: '' });
    expect(rowOf('s4')).toMatchObject({ outcome: 'missed', decided_by: 'rule not recorded', identified_by: '', harness_noise: '' });
  });

  it('escapes device text in the new columns like every other cell', () => {
    expect(rowOf('s5')).toMatchObject({ matched: "'-spy", matched_in: `'${HOSTILE_TEXT}`, also_fits: "'@evil" });
  });
});

describe('summary.json with the verdict model', () => {
  const summary = JSON.parse(renderSummary(model));

  it('counts product errors and cases to review apart, never in rates', () => {
    expect(summary.totals.byStatus).toEqual({ completed: 4, 'infra-error': 0, 'product-error': 1, 'flow-error': 0, 'not-executed': 0 });
    expect(summary.products[0].all.detection).toMatchObject({ count: 1, total: 2 });
    expect(summary.products[0].all.notCounted).toEqual({ infraErrors: 0, flowErrors: 0, productErrors: 1, needsReview: 2, notExecuted: 0 });
    expect(summary.matrix.map((cell: { outcome: string }) => cell.outcome)).toEqual(['detected-alerted', 'needs-review', 'product-error', 'missed', 'needs-review']);
  });

  it('lists the cases to review, the harness noise and the rules', () => {
    expect(summary.needsReview.map((entry: { caseId: string; matched: string; alsoFits: string[] }) => [entry.caseId, entry.matched, entry.alsoFits]))
      .toEqual([['s2', 'Settings', ['com.android.settings (Settings)']], ['s5', '-spy', ['@evil']]]);
    expect(summary.harnessNoise).toEqual([{ productId: 'acme', entries: [{ packageName: 'io.appium.settings', threatName: 'Riskware.Tool.Appium', cases: 1, from: ['scan', 'real-time'] }] }]);
    expect(summary.method.identification.map((entry: { rule: string }) => entry.rule)).toEqual(['package', 'threat-name', 'label', 'name-pattern']);
    expect(summary.method.resultsWithoutVerdictBasis).toBe(1);
  });
});

describe('report.md with the verdict model', () => {
  const markdown = renderMarkdown(model);
  const section = (title: string) => markdown.split(/^#{2,3} /m).find((part) => part.startsWith(title)) ?? '';
  const tableRows = (text: string) => text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---')).slice(1)
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /));

  it('has a legend entry for each new outcome and counts them per product', () => {
    expect(markdown).toContain('◇ Needs review, not counted');
    expect(markdown).toContain('⊘ Product error, not counted');
    const [onDemand] = tableRows(section('Acme'));
    expect(onDemand?.slice(-4)).toEqual(['0', '0', '1', '2']);
  });

  it('lists the cells a person must decide with the matched text and what else it fits, escaped', () => {
    const rows = tableRows(section('Cells a person must decide'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(['Acme Security', 'on-demand', 'S2', 'api34 · r1', 'label', 'Settings', 'Settings · Potentially unwanted app', 'com.android.settings (Settings)', 'evidence/c1/1/scan-results.xml']);
    // The hostile text stays one line and one cell: its pipe and markup are escaped.
    expect(rows[1]).toHaveLength(9);
    expect(rows[1]?.[6]).toContain('\\| \\<script\\>');
  });

  it('states the rules in the method and the harness noise per product', () => {
    const method = section('How a case is decided');
    expect(method).toContain('1. `package`');
    expect(method).toContain('4. `name-pattern`');
    expect(method).toContain('product error');
    expect(method).toContain('1 case(s) were recorded before the harness kept what decided a verdict');
    expect(tableRows(section('Harness noise'))).toEqual([['Acme Security', 'io.appium.settings', 'Riskware.Tool.Appium', '1', 'scan, real-time']]);
    expect(section('Harness noise')).toContain('recorded as harness noise, not as detections or false positives');
  });
});

describe('junit.xml with the verdict model', () => {
  const junit = renderJunit(model);
  const testcase = (name: string) => junit.split('<testcase ').find((block) => block.includes(`name="${name}`)) ?? '';

  it('skips a case to review and a product error with a message, never a failure or an error', () => {
    expect(junit).toContain('tests="5" failures="1" errors="0" skipped="3"');
    expect(testcase('S2 [on-demand]')).toMatch(/<skipped message="needs review, not a failure of the product: a person must decide: ambiguous by label: &quot;Settings&quot;/);
    expect(testcase('S3 [on-demand]')).toContain('<skipped message="product-error, not counted as a miss or a detection: the product crashed or stopped responding (PRODUCT_CRASHED:');
    expect(testcase('S4 [on-demand]')).toContain('<failure type="missed"');
    expect(testcase('S1 [on-demand]')).toContain('decided by: identified by label: &quot;S1&quot; (scan); harness noise (not a detection): io.appium.settings as Riskware.Tool.Appium (scan);');
  });
});

describe('compare output with the verdict model', () => {
  it('puts a detection that now needs review under "changed, needs review"', () => {
    const before = buildReportModel({ round, results: SAMPLES.map((caseId) => makeAttempt({ caseId })), evidence: new Map() });
    const markdown = renderComparisonMarkdown(compareRounds(before, model));
    expect(markdown).toContain('| Acme Security | 5.2.1 (521) | 5/5 (100.0 %) | 1/2 (50.0 %) | 1 | 0 | 0 | 0 | 0 | 3 |');
    expect(markdown).toContain('### Changed, needs review');
    expect(markdown).toContain('- S2 [on-demand]: ● Detected and alerted → ◇ Needs review, not counted');
    expect(markdown).toContain('- S3 [on-demand]: ● Detected and alerted → ⊘ Product error, not counted');
  });
});
