import { describe, expect, it } from 'vitest';
import { parseRoundFast } from './check-round-fast.ts';
import { makeRound } from './make-attempt.fixture.ts';
import { roundFileSchema } from './round-schema.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const parseRest = (value: unknown) => roundFileSchema.safeParse(value);

// Two products, two samples, two device profiles; one planned case per combination and mode.
const base = JSON.parse(JSON.stringify(makeRound({
  plan: {
    cases: ['acme', 'beta'].flatMap((productId) => ['flexispy', 'clean'].flatMap((sampleId) => (['on-demand', 'real-time'] as const).flatMap((mode) => ['api30', 'api34'].map((deviceProfile) => ({
      caseId: `${productId}.${sampleId}.${mode}.${deviceProfile}`, productId, sampleId, mode, repetition: 1, deviceProfile,
    }))))),
  },
  products: [
    { id: 'acme', vendor: 'Acme', name: 'Acme Security', package: 'com.acme', apkSha256: 'b'.repeat(64) },
    { id: 'beta', vendor: 'Beta', name: 'Beta AV', package: 'com.beta', apkSha256: 'c'.repeat(64), versionName: '1.0', versionCode: 10 },
  ],
  samples: [
    { id: 'flexispy', label: 'FlexiSpy', package: 'com.fs', sha256: 'c'.repeat(64), kind: 'stalkerware', family: 'FlexiSpy', certSha1: 'D'.repeat(40) },
    { id: 'clean', label: 'Notes', package: 'com.notes', sha256: 'd'.repeat(64), kind: 'clean', family: null, certSha1: 'E'.repeat(40) },
  ],
  devices: [
    { profile: 'api30', apiLevel: 30, release: '11', image: 'x', model: 'm' },
    { profile: 'api34', apiLevel: 34, release: '14', image: 'y', model: 'm' },
  ],
}))) as { [key: string]: Json };

const copy = (): { [key: string]: Json } => JSON.parse(JSON.stringify(base)) as { [key: string]: Json };
const casesOf = (round: { [key: string]: Json }) => (round['plan'] as { cases: Array<{ [key: string]: Json }> }).cases;

/** The fast path's promise: what it accepts, the schema accepts, with the same result. */
function expectSchemaAgrees(value: unknown): boolean {
  const fast = parseRoundFast(value, parseRest);
  const schema = roundFileSchema.safeParse(value);
  if (fast) {
    expect(schema.success).toBe(true);
    expect(fast.data).toEqual(schema.data);
  }
  return fast !== undefined;
}

const PALETTE: Array<Json | undefined> = [undefined, null, '', 'x'.repeat(201), 'x'.repeat(200), 0, 1, 1.5, -1, 2 ** 53, true, [], {}, 'on-demand', 'real-time', 'offline', 'acme', 'nope', 'clean', 'api30', 'api99'];

describe('parseRoundFast', () => {
  it('takes a valid round (with schema defaults applied to the rest) and returns what the schema returns', () => {
    expect(expectSchemaAgrees(base)).toBe(true);
    expect(parseRoundFast(base, parseRest)?.data.products[0]).toMatchObject({ versionName: null, versionCode: null });
  });

  it('never accepts a plan entry the schema rejects, for every field replaced, removed or added', () => {
    let rejected = 0;
    for (const field of ['caseId', 'productId', 'sampleId', 'mode', 'repetition', 'deviceProfile', 'unexpected', '']) {
      for (const next of PALETTE) {
        const round = copy();
        const entry = casesOf(round)[3] as { [key: string]: Json };
        if (next === undefined) delete entry[field];
        else entry[field] = next;
        const fast = expectSchemaAgrees(round);
        if (!roundFileSchema.safeParse(round).success) {
          rejected += 1;
          expect(fast, `${field} = ${JSON.stringify(next)}`).toBe(false);
        }
      }
    }
    expect(rejected).toBeGreaterThan(80);
  });

  it('repeats the schema cross-checks: duplicate case ids and unknown products, samples, devices', () => {
    const duplicate = copy();
    (casesOf(duplicate)[1] as { [key: string]: Json })['caseId'] = casesOf(duplicate)[0]?.['caseId'] ?? null;
    const renamed = copy();
    (casesOf(renamed)[2] as { [key: string]: Json })['caseId'] = 'renamed';
    (casesOf(renamed)[3] as { [key: string]: Json })['caseId'] = 'renamed';
    for (const round of [duplicate, renamed]) {
      expect(roundFileSchema.safeParse(round).success).toBe(false);
      expect(parseRoundFast(round, parseRest)).toBeUndefined();
    }
  });

  it('leaves everything outside the plan to the schema, and refuses odd plans', () => {
    const badRest = copy();
    badRest['startedAt'] = 'yesterday';
    const extraPlanKey = copy();
    (extraPlanKey['plan'] as { [key: string]: Json })['extra'] = 1;
    const planArray = copy();
    planArray['plan'] = [];
    const protoKey = JSON.parse(JSON.stringify(base).replace('{', '{"__proto__":{},')) as unknown;
    for (const round of [badRest, extraPlanKey, planArray, protoKey, null, []]) {
      expect(roundFileSchema.safeParse(round).success).toBe(false);
      expect(parseRoundFast(round, parseRest)).toBeUndefined();
    }
  });
});
