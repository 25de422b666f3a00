import { describe, expect, it } from 'vitest';
import { makeRound } from '../results/make-attempt.fixture.ts';
import { roundFileSchema } from '../results/index.ts';
import { comparePlan, describePlanComparison } from './plan-deviations.ts';

const round = roundFileSchema.parse(makeRound({
  products: [{ id: 'acme', vendor: 'Acme', name: 'Acme Security', package: 'com.acme.security', apkSha256: 'b'.repeat(64), versionName: '2.1', versionCode: 21 }],
}));

/** The plan `stalkerbench plan` would have written for makeRound()'s round (only the compared fields matter). */
function planFor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'stalkerbench-plan/1',
    round: { id: 'r1', title: 'Round 1', file: 'r1.yaml', sha256: 'a'.repeat(64) },
    dates: { start: '2026-11-20', end: '2026-11-21', generatedAt: '2026-11-01T00:00:00Z' },
    harness: { version: '0.1.0' },
    products: [{ id: 'acme', vendor: 'Acme', name: 'Acme Security', package: 'com.acme.security', versionName: '2.1', versionCode: 21, apkSha256: 'b'.repeat(64), profile: 'acme.yaml', profileSha256: 'e'.repeat(64) }],
    modes: ['on-demand'],
    samples: {
      total: 1, byKind: { stalkerware: 1, watchware: 0, clean: 0 },
      families: [{ family: 'FlexiSpy', kind: 'stalkerware', samples: 1 }],
      hashes: [{ id: 'flexispy', family: 'FlexiSpy', kind: 'stalkerware', package: 'com.android.systemupdate', sha256: 'c'.repeat(64) }],
      catalogues: [],
    },
    cases: { total: 1, formula: '' },
    criteria: { detection: { categories: ['Stalkerware'], namePatterns: ['(?i)spy'], safetyAdvicePatterns: [] } },
    timeouts: { caseMs: 1, stepMs: 1, alertWatchMs: 1, bootMs: null },
    retries: { infra: 1 },
    repetitions: 1,
    concurrency: 1,
    devices: { kind: 'emulators', profiles: [{ name: 'api34', apiLevel: 34, release: '14', systemImage: '', model: '', instances: 1, snapshot: '' }] },
    ...overrides,
  };
}

const compare = (plan: Record<string, unknown>) => comparePlan(JSON.stringify(plan), round);

describe('comparePlan', () => {
  it('names app delays run at another scale than the plan states, and claims nothing for a plan that states none', () => {
    const devices = (planFor().devices as Record<string, unknown>);
    const scaledRound = roundFileSchema.parse(makeRound({ appDelayScale: 0.1 }));
    const planned = JSON.stringify(planFor({ devices: { ...devices, appDelayScale: 0.1 } }));
    expect(comparePlan(planned, scaledRound)).toEqual({ deviations: [] });
    expect(comparePlan(planned, round).deviations).toContainEqual({ topic: 'devices', text: 'app delays planned scaled ×0.1; run at real delays' });
    expect(comparePlan(JSON.stringify(planFor({ devices: { ...devices, appDelayScale: 0.5 } })), scaledRound).deviations).toContainEqual({ topic: 'devices', text: 'app delays planned scaled ×0.5; run scaled ×0.1' });
    expect(comparePlan(JSON.stringify(planFor()), scaledRound)).toEqual({ deviations: [] });
  });

  it('finds no deviation when the round ran as planned', () => {
    expect(compare(planFor())).toEqual({ deviations: [] });
    expect(describePlanComparison('f'.repeat(64), compare(planFor())).summary).toContain('ran as planned');
  });

  it('names every change between the published plan and the round that ran', () => {
    const plan = planFor({
      round: { id: 'r1', title: 'Round 1', file: 'r1.yaml', sha256: '0'.repeat(64) },
      dates: { start: '2026-11-21', end: null, generatedAt: '' },
      products: [
        { id: 'acme', versionName: '2.0', versionCode: 20, apkSha256: '1'.repeat(64) },
        { id: 'dropped', versionName: null, versionCode: 1, apkSha256: '2'.repeat(64) },
      ],
      modes: ['on-demand', 'real-time'],
      samples: {
        total: 2, byKind: { clean: 1 }, families: [{ family: 'FlexiSpy', kind: 'stalkerware', samples: 1 }, { family: 'mSpy', kind: 'stalkerware', samples: 1 }],
        hashes: [{ id: 'flexispy', sha256: '3'.repeat(64) }],
      },
      cases: { total: 4 },
      criteria: { detection: { categories: [], namePatterns: ['(?i)spy'] } },
      repetitions: 2,
      devices: { kind: 'emulators', profiles: [{ name: 'api33', apiLevel: 33 }] },
    });
    const texts = compare(plan).deviations.map((entry) => `${entry.topic}: ${entry.text}`);
    expect(texts).toEqual([
      expect.stringMatching(/^round: the round file changed after the plan was published/),
      expect.stringMatching(/^products: acme: another APK was tested than planned \(SHA-256 111111111111… planned, bbbbbbbbbbbb… tested\)$/),
      'products: dropped was planned and not tested',
      'samples: 2 samples planned, 1 tested',
      'samples: 1 clean app(s) planned, 0 tested',
      'samples: family mSpy (stalkerware): 1 sample(s) planned, 0 tested',
      expect.stringMatching(/^samples: flexispy: another file was tested than planned/),
      'modes: modes planned: on-demand, real-time; run: on-demand',
      'cases: 4 cases planned, 1 in the round',
      'cases: 2 repetition(s) planned, 1 run',
      'devices: device profiles planned: api33 (API 33); run: api34 (API 34)',
      'criteria: detection categories planned: any; applied: Stalkerware',
      'dates: the round started on 2026-11-20, before the planned start 2026-11-21',
    ]);
  });

  it('reports a version change only when the same APK installed another version, and a product added to the round', () => {
    const plan = planFor({ products: [{ id: 'acme', versionName: '2.0', versionCode: 20, apkSha256: 'b'.repeat(64) }] });
    const extra = roundFileSchema.parse(makeRound({
      products: [
        { id: 'acme', vendor: 'Acme', name: 'Acme', package: 'com.acme.security', apkSha256: 'b'.repeat(64), versionName: '2.1', versionCode: 21 },
        { id: 'newcomer', vendor: 'N', name: 'N', package: 'com.n', apkSha256: 'd'.repeat(64) },
      ],
    }));
    expect(comparePlan(JSON.stringify(plan), extra).deviations.map((entry) => entry.text)).toEqual([
      'acme: version 2.0 planned, 2.1 installed',
      'newcomer was tested without being in the plan',
    ]);
  });

  it('says when plan.json is not a plan instead of inventing deviations', () => {
    expect(comparePlan('{"format":"x"}', round).unreadable).toMatch(/^plan.json is not a stalkerbench plan \(format:/);
    expect(comparePlan('not json', round).unreadable).toMatch(/^plan.json is not JSON/);
    const described = describePlanComparison('f'.repeat(64), comparePlan('not json', round));
    expect(described.summary).toMatch(/deviations from it were not checked/);
    expect(describePlanComparison(undefined, undefined).summary).toMatch(/No plan was published/);
  });
});
