import type { AttemptResult } from './attempt-schema.ts';
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
