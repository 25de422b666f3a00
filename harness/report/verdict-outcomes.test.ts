import { describe, expect, it } from 'vitest';
import {
  NOTHING_FOUND, makeAmbiguousAttempt, makeAttempt, makeBasis, makeHarnessNoise, makeProductErrorAttempt, makeRound,
} from '../results/make-attempt.fixture.ts';
import { attemptResultSchema, roundFileSchema, type AttemptResult, type PlannedCase } from '../results/index.ts';
import { buildReportModel } from './build-report-model.ts';
import { classifyCase, classifyCell } from './classify-outcome.ts';
import { compareRounds } from './compare-rounds.ts';
import { describeCellWord } from './outcome-labels.ts';

// One product, seven stalkerware samples; s5–s7 have two repetitions whose outcomes differ.
const SAMPLES = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
const plan: PlannedCase[] = SAMPLES.flatMap((sampleId) => (['s5', 's6', 's7'].includes(sampleId) ? [1, 2] : [1]).map((repetition) => ({
  caseId: `${sampleId}.r${repetition}`, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition, deviceProfile: 'api34',
})));
const round = roundFileSchema.parse(makeRound({
  plan: { cases: plan },
  samples: SAMPLES.map((id) => ({ id, label: id.toUpperCase(), package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
}));
const byLabel = makeBasis({ identifiedBy: 'label', matched: 'S1', text: 'S1 · Potentially unwanted app' });
const missed: Partial<AttemptResult> = { ...NOTHING_FOUND, basis: makeBasis({ rule: 'results-without-sample', identifiedBy: null, matched: null, text: null, from: null }) };
const results: AttemptResult[] = [
  makeAttempt({ caseId: 's1.r1', basis: byLabel, harnessNoise: [makeHarnessNoise(), makeHarnessNoise({ from: 'real-time' })] }),
  makeAmbiguousAttempt({ caseId: 's2.r1' }),
  makeProductErrorAttempt({ caseId: 's3.r1', attempt: 1, final: false }),
  makeProductErrorAttempt({ caseId: 's3.r1', attempt: 2, final: true, harnessNoise: [makeHarnessNoise({ packageName: 'io.appium.uiautomator2.server', threatName: 'Hacktool' })] }),
  makeAttempt({ caseId: 's4.r1', ...NOTHING_FOUND }), // written before bases were recorded
  makeAttempt({ caseId: 's5.r1', basis: makeBasis() }),
  makeAmbiguousAttempt({ caseId: 's5.r2' }),
  makeAttempt({ caseId: 's6.r1', ...missed }),
  makeAmbiguousAttempt({ caseId: 's6.r2' }),
  makeProductErrorAttempt({ caseId: 's7.r1' }),
  makeAttempt({ caseId: 's7.r2', basis: makeBasis(), harnessNoise: [makeHarnessNoise()] }),
];
const model = buildReportModel({ round, results, evidence: new Map() });
const cellOf = (sampleId: string) => model.cells.find((cell) => cell.sample.id === sampleId);

describe('the verdict model in the report', () => {
  it('uses only attempts the result schema accepts', () => {
    for (const result of results) expect(attemptResultSchema.safeParse(result).success, result.caseId).toBe(true);
  });

  it('classifies product-error and ambiguous cases as their own outcomes, whatever the sample kind', () => {
    expect(classifyCase(makeProductErrorAttempt(), 'stalkerware')).toBe('product-error');
    expect(classifyCase(makeAmbiguousAttempt(), 'stalkerware')).toBe('needs-review');
    expect(classifyCase(makeAmbiguousAttempt(), 'clean')).toBe('needs-review');
    expect(classifyCase(makeAttempt({ basis: byLabel }), 'stalkerware')).toBe('detected-alerted');
    // An attempt without a basis (before harness 0.2) is classified as before.
    expect(classifyCase(makeAttempt({ ...NOTHING_FOUND }), 'stalkerware')).toBe('missed');
  });

  it('shows the least favourable completed outcome: a miss over a review, a review over a detection, anything completed over a product error', () => {
    expect(classifyCell(['detected-alerted', 'needs-review'])).toBe('needs-review');
    expect(classifyCell(['needs-review', 'missed'])).toBe('missed');
    expect(classifyCell(['product-error', 'detected-silent'])).toBe('detected-silent');
    expect(classifyCell(['error', 'product-error', 'not-executed'])).toBe('product-error');
    expect(model.cells.map((cell) => cell.outcome)).toEqual(['detected-alerted', 'needs-review', 'product-error', 'missed', 'needs-review', 'missed', 'detected-alerted']);
    expect(cellOf('s5')).toMatchObject({ completed: 1, detected: 1, needsReview: 1, mixed: true });
    expect(describeCellWord(cellOf('s5')!)).toBe('◇ needs-review (1/1 detected)');
    expect(describeCellWord(cellOf('s6')!)).toBe('○ missed (1 needs review)');
    expect(cellOf('s7')).toMatchObject({ outcome: 'detected-alerted', completed: 1, productErrors: 1, mixed: false });
  });

  it('never counts a product error or a case to review in a rate, and counts each apart', () => {
    const figures = model.productFigures[0]?.all;
    // Counted: s1 (detected), s4 (missed), s5.r1 (detected), s6.r1 (missed), s7.r2 (detected).
    expect(figures?.detection).toMatchObject({ count: 3, total: 5 });
    expect(figures).toMatchObject({ productErrors: 2, needsReview: 3, infraErrors: 0, flowErrors: 0, notExecuted: 0 });
  });

  it('lists the cases a person must decide with their basis, and harness noise per product', () => {
    expect(model.reviewCases.map(({ caseView, basis }) => [caseView.planned.caseId, basis.matched, basis.alsoFits])).toEqual([
      ['s2.r1', 'Settings', ['com.android.settings (Settings)']],
      ['s5.r2', 'Settings', ['com.android.settings (Settings)']],
      ['s6.r2', 'Settings', ['com.android.settings (Settings)']],
    ]);
    expect(model.harnessNoise).toEqual([{
      product: expect.objectContaining({ id: 'acme' }),
      entries: [
        // s1 flagged it in two phases (one case), s7.r2 once: two cases.
        { packageName: 'io.appium.settings', threatName: 'Riskware.Tool.Appium', cases: 2, from: ['scan', 'real-time'] },
        // Recorded on a final product-error attempt too: what the product did is noise whatever the outcome.
        { packageName: 'io.appium.uiautomator2.server', threatName: 'Hacktool', cases: 1, from: ['scan'] },
      ],
    }]);
    expect(model.finalsWithoutBasis).toBe(1);
    // Noise is never a detection: s1 counts once, as the detection its basis records.
    expect(model.falsePositives).toEqual([]);
  });
});

describe('compareRounds with the verdict model', () => {
  const single = roundFileSchema.parse(makeRound({
    plan: { cases: ['a', 'b', 'c', 'd'].map((sampleId) => ({ caseId: sampleId, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition: 1, deviceProfile: 'api34' })) },
    samples: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase(), package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
  }));
  const build = (list: AttemptResult[]) => buildReportModel({ round: single, results: list, evidence: new Map() });

  it('lists a detection that became a review or a product error as changed, needs review, never as a regression', () => {
    const before = build([makeAttempt({ caseId: 'a' }), makeAttempt({ caseId: 'b' }), makeAmbiguousAttempt({ caseId: 'c' }), makeAttempt({ caseId: 'd' })]);
    const after = build([
      makeAmbiguousAttempt({ caseId: 'a' }), makeProductErrorAttempt({ caseId: 'b' }),
      makeAttempt({ caseId: 'c', ...NOTHING_FOUND }), makeAttempt({ caseId: 'd', ...NOTHING_FOUND }),
    ]);
    const comparison = compareRounds(before, after);
    const [acme] = comparison.products;
    expect(acme?.changedNeedsReview.map((change) => [change.sampleId, change.after])).toEqual([['a', 'needs-review'], ['b', 'product-error']]);
    // A review before has no verdict to compare against; d is the one real regression.
    expect(acme?.notComparable.map((change) => change.sampleId)).toEqual(['c']);
    expect(acme?.regressions.map((change) => change.sampleId)).toEqual(['d']);
    expect(comparison.regressionCount).toBe(1);
  });
});
