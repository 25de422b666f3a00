import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { countCases, loadRound, type ResolvedRound } from '../config/index.ts';
import { caseIdOf, planCases } from './plan-cases.ts';

const DEMO_ROUND = fileURLToPath(new URL('../../scenarios/rounds/demo.yaml', import.meta.url));

let demo: ResolvedRound;
beforeAll(async () => { demo = await loadRound(DEMO_ROUND, { cwd: fileURLToPath(new URL('../../', import.meta.url)) }); });

function countFor(round: ResolvedRound): number {
  return countCases({ products: round.products, samples: round.samples, modes: round.modes, repetitions: round.repetitions, deviceProfiles: round.devices.kind === 'emulators' ? round.devices.profiles.length : 1 });
}

describe('planCases', () => {
  it('plans as many cases as countCases says, each id unique and built from its fields', () => {
    const plan = planCases(demo);
    expect(plan).toHaveLength(countFor(demo));
    expect(new Set(plan.map((c) => c.caseId)).size).toBe(plan.length);
    for (const planned of plan) {
      const { caseId, ...fields } = planned;
      expect(caseId).toBe(caseIdOf(fields));
      expect(caseId).toBe(`${fields.productId}__${fields.sampleId}__${fields.mode}__${fields.deviceProfile}__r${fields.repetition}`);
    }
  });

  it('orders repetition, sample, mode, then product, so every product meets a sample at about the same time', () => {
    const plan = planCases({ ...demo, repetitions: 2 });
    const products = demo.products.map((p) => p.id);
    const [first] = demo.samples;
    expect(plan.slice(0, products.length).map((c) => [c.productId, c.sampleId, c.mode, c.repetition])).toEqual(products.map((p) => [p, first?.id, 'on-demand', 1]));
    expect(plan[products.length]).toMatchObject({ sampleId: first?.id, mode: 'real-time', repetition: 1 });
    const half = plan.length / 2;
    expect(plan.slice(0, half).every((c) => c.repetition === 1)).toBe(true);
    expect(plan.slice(half).every((c) => c.repetition === 2)).toBe(true);
    expect(plan.slice(half).map((c) => caseIdOf({ ...c, repetition: 1 }))).toEqual(plan.slice(0, half).map((c) => c.caseId));
  });

  it('is stable: planning twice gives the same ids in the same order (resume relies on it)', () => {
    expect(planCases(demo).map((c) => c.caseId)).toEqual(planCases(demo).map((c) => c.caseId));
  });

  it('runs watchware and clean samples only when false-positive is listed, under each listed protocol', () => {
    const falsePositive = demo.samples.filter((s) => s.kind !== 'stalkerware').map((s) => s.id);
    expect(falsePositive.length).toBeGreaterThan(0);
    const without = planCases({ ...demo, modes: ['on-demand', 'real-time'] });
    expect(without.some((c) => falsePositive.includes(c.sampleId))).toBe(false);
    expect(without).toHaveLength(countFor({ ...demo, modes: ['on-demand', 'real-time'] }));

    const onlyFalsePositive = planCases({ ...demo, modes: ['false-positive'] });
    // Only false-positive listed: on-demand is the protocol, and every sample runs under it.
    expect(new Set(onlyFalsePositive.map((c) => c.sampleId))).toEqual(new Set(demo.samples.map((s) => s.id)));
    expect(onlyFalsePositive).toHaveLength(demo.samples.length * demo.products.length);
    expect(new Set(onlyFalsePositive.map((c) => c.mode))).toEqual(new Set(['on-demand']));

    const withRealTime = planCases({ ...demo, modes: ['real-time', 'false-positive'] });
    expect(new Set(withRealTime.map((c) => c.mode))).toEqual(new Set(['real-time']));
    expect(withRealTime.filter((c) => falsePositive.includes(c.sampleId))).toHaveLength(falsePositive.length * demo.products.length);
  });

  it('plans a physical round on one profile named physical', () => {
    const plan = planCases({ ...demo, devices: { kind: 'physical', serials: ['R58M'], allowSamples: true } });
    expect(new Set(plan.map((c) => c.deviceProfile))).toEqual(new Set(['physical']));
  });
});
