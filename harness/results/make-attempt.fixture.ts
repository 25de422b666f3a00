import type { AttemptResult, HarnessNoise, VerdictBasis } from './attempt-schema.ts';
import type { RoundFileInput } from './round-schema.ts';

/** Test data builders for the result model (used by unit tests only). */
export function makeAttempt(overrides: Partial<AttemptResult> = {}): AttemptResult {
  return {
    caseId: 'acme/flexispy/on-demand/api34/1',
    attempt: 1,
    final: true,
    status: 'completed',
    detected: true,
    detectedBy: ['scan'],
    alerted: true,
    alertKinds: ['notification'],
    threatName: 'Monitor.AndroidOS.Flexispy',
    category: 'Stalkerware',
    alertText: 'Stalkerware found: FlexiSpy',
    timeToAlertMs: 4200,
    safetyAdvice: true,
    device: { serial: 'emulator-5600', profile: 'api34' },
    product: { versionName: '5.2.1', versionCode: 521 },
    timings: {
      startedAt: '2026-11-20T10:00:00.000Z',
      endedAt: '2026-11-20T10:01:00.000Z',
      durationMs: 60_000,
      steps: [{ name: 'install-sample', ms: 3000 }],
    },
    evidence: [{ kind: 'screenshot', step: 'scan-results', path: 'evidence/c1/1/scan-results.png' }],
    ...overrides,
  };
}

/** A verdict basis; by default the sample identified by its package in a scan result entry. */
export function makeBasis(overrides: Partial<VerdictBasis> = {}): VerdictBasis {
  return {
    rule: 'identified',
    identifiedBy: 'package',
    matched: 'com.android.systemupdate',
    text: 'FlexiSpy · com.android.systemupdate · Monitor.AndroidOS.Flexispy',
    from: 'scan',
    evidence: 'evidence/c1/1/scan-results.xml',
    alsoFits: [],
    ...overrides,
  };
}

/** Nothing detected, nothing alerted (spread into makeAttempt). */
export const NOTHING_FOUND: Readonly<Partial<AttemptResult>> = {
  detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, category: null, alertText: null, timeToAlertMs: null, safetyAdvice: null,
};

/**
 * A completed case whose match also fits another app (rule `ambiguous`): not a detection, a
 * person decides. By default the label "Settings" of a disguised sample also fits the system app.
 */
export function makeAmbiguousAttempt(overrides: Partial<AttemptResult> = {}): AttemptResult {
  return makeAttempt({
    ...NOTHING_FOUND,
    basis: makeBasis({
      rule: 'ambiguous', identifiedBy: 'label', matched: 'Settings', text: 'Settings · Potentially unwanted app', alsoFits: ['com.android.settings (Settings)'],
    }),
    ...overrides,
  });
}

/** The product crashed during the case (status `product-error`, code PRODUCT_CRASHED). */
export function makeProductErrorAttempt(overrides: Partial<AttemptResult> = {}): AttemptResult {
  return makeAttempt({
    ...NOTHING_FOUND,
    status: 'product-error',
    error: { code: 'PRODUCT_CRASHED', message: 'Acme Security keeps stopping (process gone after the scan)' },
    basis: makeBasis({ rule: 'error', identifiedBy: null, matched: null, text: null, from: null, evidence: null }),
    ...overrides,
  });
}

/** The product flagged one of the harness's own apps (Appium's settings app by default). */
export function makeHarnessNoise(overrides: Partial<HarnessNoise> = {}): HarnessNoise {
  return { packageName: 'io.appium.settings', threatName: 'Riskware.Tool.Appium', from: 'scan', ...overrides };
}

export function makeRound(overrides: Partial<RoundFileInput> = {}): RoundFileInput {
  return {
    schemaVersion: 1,
    round: { id: 'r1', title: 'Round 1', file: 'scenarios/rounds/r1.yaml', sha256: 'a'.repeat(64) },
    harness: { version: '0.1.0', node: 'v20.20.0', adb: '1.0.41', appium: '3.8.0', driver: '8.7.0' },
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T12:00:00.000Z',
    plan: { cases: [{ caseId: 'c1', productId: 'acme', sampleId: 'flexispy', mode: 'on-demand', repetition: 1, deviceProfile: 'api34' }] },
    products: [{ id: 'acme', vendor: 'Acme', name: 'Acme Security', package: 'com.acme.security', apkSha256: 'b'.repeat(64) }],
    samples: [{ id: 'flexispy', label: 'FlexiSpy', package: 'com.android.systemupdate', sha256: 'c'.repeat(64), kind: 'stalkerware', family: 'FlexiSpy', certSha1: 'D'.repeat(40) }],
    devices: [{ profile: 'api34', apiLevel: 34, release: '14', image: 'system-images;android-34;google_apis;x86_64', model: 'sdk_gphone64_x86_64' }],
    detection: { categories: ['Stalkerware'], namePatterns: ['(?i)spy'], safetyAdvicePatterns: ['before (you )?remov'] },
    ...overrides,
  };
}
