import { describe, expect, it } from 'vitest';
import { makeAttempt, makeRound } from '../results/make-attempt.fixture.ts';
import { roundFileSchema, type AttemptResult } from '../results/index.ts';
import { isHarnessError } from '../errors/index.ts';
import { buildReportModel } from './build-report-model.ts';

const SAMPLES = ['s1', 's2', 's3', 's4', 's5', 's6'];
const round = roundFileSchema.parse(makeRound({
  plan: { cases: SAMPLES.map((sampleId) => ({ caseId: sampleId, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition: 1, deviceProfile: 'api34' })) },
  samples: SAMPLES.map((id) => ({ id, label: id.toUpperCase(), package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
}));

const failed = (status: AttemptResult['status']): Partial<AttemptResult> => ({
  status, detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, alertText: null,
  ...(status === 'not-executed' ? {} : { error: { code: 'DEVICE_LOST', message: 'offline' } }),
});

describe('buildReportModel', () => {
  it('never counts infra-error, flow-error or not-executed cases in rates', () => {
    const results = [
      makeAttempt({ caseId: 's1' }), // detected and alerted
      makeAttempt({ caseId: 's2', alerted: false, alertKinds: [] }), // detected, no alert
      makeAttempt({ caseId: 's3', ...failed('infra-error') }),
      makeAttempt({ caseId: 's4', ...failed('flow-error') }),
      makeAttempt({ caseId: 's5', ...failed('not-executed') }),
      // s6 has no line at all
    ];
    const model = buildReportModel({ round, results, evidence: new Map() });
    const figures = model.productFigures[0]?.all;
    expect(figures?.detection).toMatchObject({ count: 2, total: 2, rate: 1 });
    expect(figures?.alert).toMatchObject({ count: 1, total: 2, rate: 0.5 });
    expect(figures).toMatchObject({ infraErrors: 1, flowErrors: 1, notExecuted: 2 });
    expect(model.cells.map((cell) => cell.outcome)).toEqual(['detected-alerted', 'detected-silent', 'error', 'error', 'not-executed', 'not-executed']);
    expect(model.notes.join(' ')).toContain('1 of 6 planned cases have no final result');
  });

  it('uses the final attempt, not an earlier failed one', () => {
    const results = [
      makeAttempt({ caseId: 's1', attempt: 1, final: false, ...failed('infra-error') }),
      makeAttempt({ caseId: 's1', attempt: 2, final: true, detected: false, detectedBy: [], alerted: false, alertKinds: [] }),
    ];
    const model = buildReportModel({ round, results, evidence: new Map() });
    expect(model.cells[0]?.outcome).toBe('missed');
    expect(model.cells[0]?.cases[0]?.attempts).toHaveLength(2);
    expect(model.productFigures[0]?.all.detection).toMatchObject({ count: 0, total: 1 });
  });

  it('shows a cell whose cases disagree as its least favourable outcome, marked mixed', () => {
    const two = roundFileSchema.parse(makeRound({
      plan: { cases: [1, 2].map((repetition) => ({ caseId: `r${repetition}`, productId: 'acme', sampleId: 'flexispy', mode: 'on-demand' as const, repetition, deviceProfile: 'api34' })) },
    }));
    const model = buildReportModel({ round: two, results: [makeAttempt({ caseId: 'r1' }), makeAttempt({ caseId: 'r2', detected: false, detectedBy: [], alerted: false, alertKinds: [] })], evidence: new Map() });
    expect(model.cells[0]).toMatchObject({ outcome: 'missed', mixed: true, detected: 1, completed: 2 });
  });

  it('rejects results for cases the round did not plan', () => {
    try {
      buildReportModel({ round, results: [makeAttempt({ caseId: 'ghost' })], evidence: new Map() });
      expect.unreachable();
    } catch (error) {
      expect(isHarnessError(error, 'REPORT_INPUT_INVALID')).toBe(true);
    }
  });
});
