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
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// @ts-expect-error bin/entry.js is plain JavaScript without declarations
import { buildIsFresh } from '../../bin/entry.js';
import { loadRoundFolder, renderReport, writeReportFiles } from '../../harness/report/index.ts';
import { MODES, PRODUCTS, REPETITIONS, samplesFor, writeSyntheticRound } from './synthetic-round.ts';

const { values } = parseArgs({ options: { results: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const target = Number(values.results);
const SAMPLES = samplesFor(target);

const folder = await mkdtemp(join(tmpdir(), 'sb-bench-report-'));
const written = await writeSyntheticRound(folder, target);

// The whole command as a user runs it: a fresh `node bin/stalkerbench.js report <folder>` process,
// including Node's start-up, which the in-process steps below leave out. Timed first, while this
// process is small: after the in-process steps it holds a gigabyte, and the children started from it
// then measured 4.3–4.5 s where the same command from a shell took 3.3–3.4 s.
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
// What a user runs: bin/stalkerbench.js loads build/js when it matches the sources (setup builds it),
// else the sources through tsx, which costs about half a second more. The build is brought up to
// date first, as setup would, and the row says which one ran.
const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url)), fileURLToPath(new URL('../build-js.ts', import.meta.url)), '--if-stale'], { encoding: 'utf8' });
const from = built.status === 0 && buildIsFresh() ? 'precompiled build' : 'TypeScript through tsx (the build failed: npm run build)';
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

const medianCpu = [...cliCpu].sort((a, b) => a - b)[Math.floor(cliCpu.length / 2)] ?? Number.NaN;
process.stdout.write(`row | stalkerbench report on ${written.results} results, whole process | ${median.toFixed(2)} s wall, ${medianCpu.toFixed(2)} s CPU (median of ${cliRuns.length}, ${from}, load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores) | goal ≤ 4 s on 2 cores\n`);
if (values.keep) process.stdout.write(`kept ${folder}\n`);
else await rm(folder, { recursive: true, force: true });
