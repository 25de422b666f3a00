import { describe, expect, it } from 'vitest';
import { attemptResultSchema } from './attempt-schema.ts';
import { isAttemptAcceptedFast } from './check-attempt-fast.ts';
import { makeAttempt } from './make-attempt.fixture.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Valid attempts of every shape the runner writes: each must take the fast path.
const VALID: Json[] = [
  makeAttempt(),
  makeAttempt({ detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, category: null, alertText: null, timeToAlertMs: null, safetyAdvice: null }),
  makeAttempt({ status: 'infra-error', final: false, attempt: 2, error: { code: 'DEVICE_LOST', message: '' }, device: null }),
  makeAttempt({ status: 'not-executed', detected: false, detectedBy: [], alerted: false, alertKinds: [], evidence: [] }),
  makeAttempt({ detectedBy: ['scan', 'real-time', 'first-start'], alertKinds: ['notification', 'dialog'], timeToAlertMs: 0 }),
  makeAttempt({ product: { versionName: null, versionCode: null }, timings: { startedAt: '2026-02-28T23:59:59+05:30', endedAt: '2026-11-20T10:01:00Z', durationMs: 0.5, steps: [] } }),
  makeAttempt({ evidence: [{ kind: 'ui-dump', step: 'x', path: 'evidence/a b/1/ü.xml' }, { kind: 'logcat', step: 'y', path: 'evidence/c' }] }),
  makeAttempt({
    basis: { rule: 'identified', identifiedBy: 'package', matched: 'com.x', text: 'X · com.x', from: 'scan', evidence: 'evidence/c1/1/scan-entries.json', alsoFits: [] },
    harnessNoise: [{ packageName: 'io.appium.settings', threatName: 'Riskware', from: 'scan' }],
  }),
  makeAttempt({
    detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, category: null, alertText: null, timeToAlertMs: null, safetyAdvice: null,
    basis: { rule: 'ambiguous', identifiedBy: 'label', matched: 'Settings', text: 'Settings', from: 'scan', evidence: null, alsoFits: ['com.android.settings (Settings)'] },
    harnessNoise: [],
  }),
  makeAttempt({ status: 'product-error', error: { code: 'PRODUCT_CRASHED', message: 'm' }, detected: false, detectedBy: [], alerted: false, alertKinds: [], basis: { rule: 'error', identifiedBy: null, matched: null, text: null, from: null, evidence: null, alsoFits: [] } }),
].map((value) => JSON.parse(JSON.stringify(value)) as Json);

// Values put in every field and nested field in turn; most are wrong somewhere.
const PALETTE: Json[] = [
  null, true, false, 0, 1, -1, 1.5, 2 ** 53, -0, '', 'x', 'scan', 'dialog', 'completed', 'infra-error', 'not-executed',
  'evidence/ok', 'evidence/../x', 'evidence//x', 'javascript:alert(1)', 'evidence/a\u0000b', 'evidence/a\\b',
  '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00', '2026-02-30T10:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T10:00:00+25:00',
  [], ['scan'], ['notification'], ['bogus'], [1], {}, { code: 'E', message: 'm' }, { code: '', message: 'm' },
  'identified', 'ambiguous', 'package', 'label', 'product-error', [{ packageName: '', threatName: 'x', from: 'scan' }],
  { serial: 's', profile: 'p' }, { serial: 's' }, { versionName: 'v', versionCode: 1 }, { versionName: 'v', versionCode: 1.5 },
  [{ kind: 'text', step: 's', path: 'evidence/x' }], [{ kind: 'text', step: '', path: 'evidence/x' }], [{ name: 'n', ms: -1 }], [{ name: 'n', ms: 1, extra: 1 }],
];

/** Every path to a value inside `value` (object keys and array indices). */
function listPaths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => listPaths((value as Record<string | number, Json>)[key] ?? null, [...prefix, key]))];
}

/** A deep copy of `value` with the value at `path` replaced (or removed when `next` is undefined). */
function withValue(value: Json, path: ReadonlyArray<string | number>, next: Json | undefined): Json | undefined {
  if (path.length === 0) return next;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, Json>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (next === undefined) delete target[last];
  else target[last] = next;
  return copy as Json;
}

/** The property the fast path relies on: what it accepts, the schema accepts unchanged. */
function expectSchemaAgrees(value: unknown): boolean {
  const fast = isAttemptAcceptedFast(value);
  if (fast) {
    const parsed = attemptResultSchema.safeParse(value);
    expect(parsed.success, JSON.stringify(value)).toBe(true);
    expect(parsed.data).toEqual(value);
  }
  return fast;
}

describe('isAttemptAcceptedFast', () => {
  it('accepts the valid shapes the runner writes (the schema accepts them too)', () => {
    for (const value of VALID) expect(expectSchemaAgrees(value)).toBe(true);
  });

  it('never accepts what the schema rejects, for every field replaced, removed or added', () => {
    let rejectedBySchema = 0;
    for (const base of VALID) {
      for (const path of listPaths(base)) {
        for (const next of [...PALETTE, undefined]) {
          const mutated = withValue(base, path, next);
          const fast = expectSchemaAgrees(mutated);
          if (!attemptResultSchema.safeParse(mutated).success) {
            rejectedBySchema += 1;
            expect(fast, `${path.join('.')} = ${JSON.stringify(next)}`).toBe(false);
          }
        }
        const node = path.reduce<Json>((parent, key) => (parent as Record<string | number, Json>)[key] ?? null, base);
        if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
          // .strict() objects: one key too many is a rejection at every level, "" included.
          for (const extra of ['unexpected', '']) {
            const extended = withValue(base, [...path, extra], 1);
            expect(attemptResultSchema.safeParse(extended).success).toBe(false);
            expect(isAttemptAcceptedFast(extended)).toBe(false);
          }
          // A key swapped for an unknown one keeps the key count the same: still refused.
          for (const key of Object.keys(node)) {
            const swapped = withValue(withValue(base, [...path, key], undefined) ?? null, [...path, 'unexpected'], 1);
            expect(attemptResultSchema.safeParse(swapped).success).toBe(false);
            expect(isAttemptAcceptedFast(swapped), `${[...path, key].join('.')} swapped`).toBe(false);
          }
        }
      }
    }
    // The mutations above really exercised rejections, not only harmless replacements.
    expect(rejectedBySchema).toBeGreaterThan(2000);
  });

  it('refuses a "__proto__" key, an inherited-looking key JSON.parse makes an own property', () => {
    const text = JSON.stringify(makeAttempt()).replace('{', '{"__proto__":{"x":1},');
    const value: unknown = JSON.parse(text);
    expect(isAttemptAcceptedFast(value)).toBe(false);
    expect(attemptResultSchema.safeParse(value).success).toBe(false);
  });

  it('enforces the cross-field rules of the schema', () => {
    const cases: Json[] = [
      makeAttempt({ detected: false, detectedBy: [] }),
      makeAttempt({ detectedBy: [] }),
      makeAttempt({ alertKinds: [] }),
      makeAttempt({ status: 'flow-error' }),
    ] as Json[];
    for (const value of cases) {
      expect(isAttemptAcceptedFast(value)).toBe(false);
      expect(attemptResultSchema.safeParse(value).success).toBe(false);
    }
  });
});
