/**
 * The report benchmark's synthetic round (scripts/bench/report.ts, scripts/bench/report-identical.ts):
 * round.json and results.jsonl for `results` results, 50 products × N samples × 2 modes × 10
 * repetitions, a few retries and errors, evidence files named but not written.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttemptResult, Mode, RoundFileInput } from '../../harness/results/index.ts';

export const PRODUCTS = 50;
export const MODES: Mode[] = ['on-demand', 'real-time'];
export const REPETITIONS = 10;

/** Samples for about `target` results. */
export const samplesFor = (target: number): number => Math.max(1, Math.round(target / (PRODUCTS * MODES.length * REPETITIONS)));

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Writes the synthetic round and returns its counts. A function, so that the generator's own
 * 100,000 lines and objects are garbage before the timed steps: the CLI does not hold them, and
 * keeping them alive would make the garbage collector's work during the steps look larger.
 */
export async function writeSyntheticRound(folder: string, target: number): Promise<{ results: number; cases: number }> {
  const SAMPLES = samplesFor(target);
  const cases: RoundFileInput['plan']['cases'] = [];
  const lines: string[] = [];
  const start = Date.parse('2026-11-01T00:00:00Z');
  let n = 0;
  for (let p = 0; p < PRODUCTS; p += 1) {
    for (let s = 0; s < SAMPLES; s += 1) {
      for (const mode of MODES) {
        for (let r = 1; r <= REPETITIONS; r += 1) {
          const caseId = `p${p}.s${s}.${mode}.api34.r${r}`;
          cases.push({ caseId, productId: `p${p}`, sampleId: `s${s}`, mode, repetition: r, deviceProfile: 'api34' });
          if (lines.length >= target) continue;
          n += 1;
          const roll = (p * 7919 + s * 104_729 + r * 31) % 100;
          const kind = s % 10 === 9 ? 'clean' : 'stalkerware';
          const status: AttemptResult['status'] = roll < 2 ? 'infra-error' : roll < 3 ? 'flow-error' : 'completed';
          const detected = status === 'completed' && (kind === 'clean' ? roll > 96 : roll > 20 + (p % 30));
          const alerted = detected && roll % 3 !== 0;
          const result: AttemptResult = {
            caseId, attempt: 1, final: true, status, detected,
            detectedBy: detected ? ['scan'] : [], alerted, alertKinds: alerted ? ['notification'] : [],
            threatName: detected ? `Monitor.AndroidOS.Family${s}.a` : null, category: detected ? 'Stalkerware' : null,
            alertText: alerted ? `Product ${p} found Sample ${s}. It can read your messages. Before you remove it, get help.` : null,
            timeToAlertMs: alerted ? 1000 + roll * 50 : null, safetyAdvice: alerted ? true : null,
            ...(status === 'completed' ? {} : { error: { code: status === 'infra-error' ? 'DEVICE_LOST' : 'FLOW_STEP_FAILED', message: 'synthetic failure' } }),
            device: { serial: `emulator-${5600 + (n % 8) * 2}`, profile: 'api34' },
            product: { versionName: `${p}.0`, versionCode: p },
            timings: { startedAt: new Date(start + n * 1000).toISOString(), endedAt: new Date(start + n * 1000 + 60_000).toISOString(), durationMs: 60_000, steps: [{ name: 'install-sample', ms: 3000 }, { name: 'scan', ms: 12_000 }] },
            evidence: [
              { kind: 'screenshot', step: 'scan-results', path: `evidence/${caseId}/1/03-scan-results.png` },
              { kind: 'ui-dump', step: 'scan-results', path: `evidence/${caseId}/1/scan-results.xml` },
            ],
          };
          lines.push(JSON.stringify(result));
        }
      }
    }
  }
  const round: RoundFileInput = {
    schemaVersion: 1,
    round: { id: 'bench', title: 'Benchmark round', file: 'scenarios/rounds/bench.yaml', sha256: hash('bench') },
    harness: { version: '0.1.0', node: process.version, adb: '1.0.41', appium: '3.8.0', driver: '8.7.0' },
    startedAt: new Date(start).toISOString(),
    finishedAt: new Date(start + n * 1000 + 60_000).toISOString(),
    plan: { cases },
    products: Array.from({ length: PRODUCTS }, (_, p) => ({ id: `p${p}`, vendor: `Vendor ${p}`, name: `Product ${p}`, package: `com.vendor${p}.av`, apkSha256: hash(`p${p}`), versionName: `${p}.0`, versionCode: p })),
    samples: Array.from({ length: SAMPLES }, (_, s) => ({ id: `s${s}`, label: `Sample ${s}`, package: `com.sample${s}`, sha256: hash(`s${s}`), kind: s % 10 === 9 ? 'clean' as const : 'stalkerware' as const, family: s % 10 === 9 ? null : `Family ${s % 25}`, certSha1: createHash('sha1').update(`s${s}`).digest('hex').toUpperCase() })),
    devices: [{ profile: 'api34', apiLevel: 34, release: '14', image: 'system-images;android-34;google_apis;x86_64', model: 'sdk_gphone64_x86_64' }],
    detection: { categories: ['Stalkerware'], namePatterns: ['(?i)spy'], safetyAdvicePatterns: ['(?i)get help'] },
  };
  await writeFile(join(folder, 'round.json'), JSON.stringify(round));
  await writeFile(join(folder, 'results.jsonl'), `${lines.join('\n')}\n`);
  return { results: lines.length, cases: cases.length };
}

