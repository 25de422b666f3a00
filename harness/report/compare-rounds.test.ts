import { describe, expect, it } from 'vitest';
import { makeAttempt, makeRound } from '../results/make-attempt.fixture.ts';
import { roundFileSchema, type AttemptResult } from '../results/index.ts';
import { buildReportModel } from './build-report-model.ts';
import { compareRounds } from './compare-rounds.ts';

const SAMPLES = ['a', 'b', 'c', 'd'];
const round = roundFileSchema.parse(makeRound({
  plan: { cases: SAMPLES.map((sampleId) => ({ caseId: sampleId, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition: 1, deviceProfile: 'api34' })) },
  samples: SAMPLES.map((id) => ({ id, label: id.toUpperCase(), package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
}));
const missed: Partial<AttemptResult> = { detected: false, detectedBy: [], alerted: false, alertKinds: [] };
const silent: Partial<AttemptResult> = { alerted: false, alertKinds: [] };
const infra: Partial<AttemptResult> = { ...missed, status: 'infra-error', error: { code: 'DEVICE_LOST', message: 'offline' } };

function model(outcomes: Record<string, Partial<AttemptResult>>, version = '5.2.1') {
  return buildReportModel({
    round,
    results: SAMPLES.map((caseId) => makeAttempt({ caseId, product: { versionName: version, versionCode: null }, ...outcomes[caseId] })),
    evidence: new Map(),
  });
}

describe('compareRounds', () => {
  it('tells regressions from new detections, alert changes and incomparable cells', () => {
    const before = model({ a: {}, b: missed, c: {}, d: {} });
    const after = model({ a: missed, b: {}, c: silent, d: infra }, '5.3.0');
    const [acme] = compareRounds(before, after).products;
    expect(acme?.regressions.map((change) => change.sampleId)).toEqual(['a']);
    expect(acme?.newDetections.map((change) => change.sampleId)).toEqual(['b']);
    expect(acme?.alertsLost.map((change) => change.sampleId)).toEqual(['c']);
    // An error now is not a miss: it cannot be a regression.
    expect(acme?.notComparable.map((change) => change.sampleId)).toEqual(['d']);
    expect(acme).toMatchObject({ versionBefore: '5.2.1', versionAfter: '5.3.0', versionChanged: true });
  });

  it('finds nothing between a round and itself', () => {
    const same = model({ b: missed });
    const comparison = compareRounds(same, same);
    expect(comparison.regressionCount).toBe(0);
    expect(comparison.products[0]?.versionChanged).toBe(false);
  });
});
