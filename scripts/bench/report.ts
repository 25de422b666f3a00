/**
 * Benchmark for `stalkerbench report`: writes a synthetic round folder with 100,000 results
 * (50 products × 100 samples × 2 modes × 10 repetitions, a few retries and errors) to a temp
 * folder, then times the report command's three steps (load, render, write), and the whole
 * `stalkerbench report` process three times (its median is the row). Goal: at most 4 s wall for
 * the whole process on 2 cores. CPU time is printed beside wall time because a shared machine
 * inflates the latter. The synthetic results name evidence files that do not exist, so no case
 * pages are written (cases/ holds pages only for cases with evidence; scripts/bench/report-size.ts
 * renders those).
 *   node bin/run-ts.js scripts/bench/report.ts [--results 100000] [--keep] [--quick]   (--quick: one CLI run, not three)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRoundFolder, renderReport, writeReportFiles } from '../../harness/report/index.ts';
import type { AttemptResult, Mode, RoundFileInput } from '../../harness/results/index.ts';

const { values } = parseArgs({ options: { results: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const target = Number(values.results);
const PRODUCTS = 50;
const MODES: Mode[] = ['on-demand', 'real-time'];
const REPETITIONS = 10;
const SAMPLES = Math.max(1, Math.round(target / (PRODUCTS * MODES.length * REPETITIONS)));

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const folder = await mkdtemp(join(tmpdir(), 'sb-bench-report-'));

/**
 * Writes the synthetic round and returns its counts. A function, so that the generator's own
 * 100,000 lines and objects are garbage before the timed steps: the CLI does not hold them, and
 * keeping them alive would make the garbage collector's work during the steps look larger.
 */
async function writeSyntheticRound(): Promise<{ results: number; cases: number }> {
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

const written = await writeSyntheticRound();

// The same three steps as `stalkerbench report` (harness/cli/report.ts), timed one by one. The
// garbage collector's main-thread pauses are summed per step: CPU above wall time is its helper
// threads, and a step's GC share shows whether it allocates too much rather than computes too much.
const gcPauses: Array<{ start: number; ms: number }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, ms: entry.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const laps: Array<{ name: string; from: number; to: number; cpu: number }> = [];
let cpuMark = process.cpuUsage();
let wallMark = performance.now();
const totalCpu = process.cpuUsage();
const totalWall = performance.now();
function lap(name: string): void {
  const cpu = process.cpuUsage(cpuMark);
  const now = performance.now();
  laps.push({ name, from: wallMark, to: now, cpu: (cpu.user + cpu.system) / 1e6 });
  cpuMark = process.cpuUsage();
  wallMark = performance.now();
}
const input = await loadRoundFolder(folder);
lap('load');
const files = renderReport(input);
lap('render');
const paths = await writeReportFiles(folder, files);
lap('write');
const cpu = process.cpuUsage(totalCpu);
const seconds = (performance.now() - totalWall) / 1000;
await new Promise((resolve) => setImmediate(resolve)); // GC entries arrive asynchronously
gcObserver.disconnect();
const phases = laps.map(({ name, from, to, cpu: cpuSeconds }) => {
  const gc = gcPauses.filter((pause) => pause.start >= from && pause.start < to).reduce((sum, pause) => sum + pause.ms, 0);
  return `${name} ${((to - from) / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (GC pauses ${(gc / 1000).toFixed(2)} s)`;
});
const sizes = await Promise.all(paths.map(async (path) => `${path.slice(folder.length + 1)} ${((await stat(path)).size / 1024 / 1024).toFixed(1)} MB`));
process.stdout.write(`report on ${written.results} results (${written.cases} cases, ${PRODUCTS} products × ${SAMPLES} samples × ${MODES.length} modes × ${REPETITIONS} repetitions): ${seconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)\n`);
process.stdout.write(`  ${phases.join('\n  ')}\n  ${sizes.join('\n  ')}\n`);

// The whole command as a user runs it: a fresh `node bin/stalkerbench.js report <folder>` process,
// including Node and tsx start-up, which the in-process steps above leave out.
const cliRuns: number[] = [];
const cliCpu: number[] = [];
/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux); NaN elsewhere. */
const childrenCpu = (): number => {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // After "pid (comm) ": field 3 is state, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
};
const cliRunCount = values.quick ? 1 : 3;
for (let run = 0; run < cliRunCount; run += 1) {
  const started = performance.now();
  const cpuBefore = childrenCpu();
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/stalkerbench.js', import.meta.url)), 'report', folder], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`stalkerbench report exited with ${child.status}: ${child.stderr}`);
  cliRuns.push((performance.now() - started) / 1000);
  cliCpu.push(childrenCpu() - cpuBefore);
}
const median = [...cliRuns].sort((a, b) => a - b)[Math.floor(cliRuns.length / 2)] ?? Number.NaN;
process.stdout.write(`  full CLI (stalkerbench report, fresh process): ${cliRuns.map((s) => s.toFixed(2)).join(' s, ')} s wall; ${cliCpu.map((s) => s.toFixed(2)).join(' s, ')} s CPU\n`);
const medianCpu = [...cliCpu].sort((a, b) => a - b)[Math.floor(cliCpu.length / 2)] ?? Number.NaN;
process.stdout.write(`row | stalkerbench report on ${written.results} results, whole process | ${median.toFixed(2)} s wall, ${medianCpu.toFixed(2)} s CPU (median of ${cliRuns.length}, load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores) | goal ≤ 4 s on 2 cores\n`);
if (values.keep) process.stdout.write(`kept ${folder}\n`);
else await rm(folder, { recursive: true, force: true });
