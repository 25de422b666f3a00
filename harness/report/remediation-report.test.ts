import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { NOTHING_FOUND, makeAttempt, makeRound } from '../results/make-attempt.fixture.ts';
import { attemptResultSchema, parseResultsText, roundFileSchema, type AttemptResult } from '../results/index.ts';
import { buildReportModel } from './build-report-model.ts';
import { renderAttemptFacts } from './html-case-files.ts';
import { renderResultsCsv } from './render-csv.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderSummary } from './render-summary.ts';

const GONE = {
  flow: 'completed', warned: true, deviceAdminScreen: true, uninstallDialog: true,
  packageInstalled: false, processRunning: false, deviceAdmin: false, accessibilityEnabled: false, remediated: true,
} as const;
const KEPT = { ...GONE, warned: false, packageInstalled: true, accessibilityEnabled: true, remediated: false } as const;

const SAMPLES = ['s1', 's2', 's3'];
const round = roundFileSchema.parse(makeRound({
  plan: { cases: SAMPLES.map((sampleId) => ({ caseId: sampleId, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition: 1, deviceProfile: 'api34' })) },
  samples: SAMPLES.map((id) => ({ id, label: id.toUpperCase(), package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
}));

describe('remediation in results.jsonl', () => {
  it('is optional (old lines load) and consistent with the sample state and the detection', () => {
    expect(attemptResultSchema.safeParse(makeAttempt()).success).toBe(true);
    expect(attemptResultSchema.safeParse(makeAttempt({ remediation: GONE })).success).toBe(true);
    expect(attemptResultSchema.safeParse(makeAttempt({ remediation: { ...GONE, packageInstalled: true } })).success).toBe(false);
    expect(attemptResultSchema.safeParse(makeAttempt({ ...NOTHING_FOUND, remediation: GONE })).success).toBe(false);
    expect(attemptResultSchema.safeParse(makeAttempt({ remediation: { ...GONE, flow: 'flow-error' } })).success).toBe(false);
    const lines = [makeAttempt({ caseId: 's1', remediation: GONE }), makeAttempt({ caseId: 's2' })].map((line) => JSON.stringify(line)).join('\n');
    const { results, torn } = parseResultsText(`${lines}\n`, 'results.jsonl');
    expect(torn).toBeUndefined();
    expect(results.map((result) => result.remediation?.remediated)).toEqual([true, undefined]);
  });
});

describe('the Remediated column', () => {
  const results: AttemptResult[] = [
    makeAttempt({ caseId: 's1', remediation: GONE }),
    makeAttempt({ caseId: 's2', remediation: KEPT }),
    makeAttempt({ caseId: 's3' }),
  ];
  const model = buildReportModel({ round, results, evidence: new Map() });

  it('rates remediated samples among tested cases only, and says "not tested" for the rest', () => {
    const figures = model.productFigures[0]!.all;
    expect({ count: figures.remediation.count, total: figures.remediation.total }).toEqual({ count: 1, total: 2 });
    expect({ count: figures.remediationWarned.count, total: figures.remediationWarned.total }).toEqual({ count: 1, total: 2 });
    const [header = [], ...rows] = parse(renderResultsCsv(model), { bom: true }) as string[][];
    const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    expect(column('remediated')).toEqual(['yes', 'no', 'not tested']);
    expect(column('remediation_left')).toEqual(['', 'installed;accessibility', '']);
    expect(renderMarkdown(model)).toContain('| 1/2 · 50.0 % |');
    expect(JSON.parse(renderSummary(model)).products[0].all.remediation).toMatchObject({ count: 1, total: 2 });
  });

  it('says on each case page what was left, or that it was not tested', () => {
    const facts = model.cells.flatMap((cell) => cell.cases).map((view) => String(renderAttemptFacts(view.final!, view)));
    expect(facts[0]).toContain('<dt>Remediated</dt><dd>yes: the sample is gone; the product warned before Android&#39;s removal screens</dd>');
    expect(facts[1]).toContain('<dt>Remediated</dt><dd>no: still installed, accessibility still on; no warning from the product');
    expect(facts[2]).toContain('<dt>Remediated</dt><dd>not tested</dd>');
  });

  it('shows "not tested", never 0/0, when no case tested remediation', () => {
    const untested = buildReportModel({ round, results: results.map(({ remediation: _r, ...rest }) => rest), evidence: new Map() });
    expect(untested.productFigures[0]!.all.remediation.total).toBe(0);
    expect(renderMarkdown(untested)).toContain('| not tested |');
  });
});
