/**
 * `node bin/run-ts.js scripts/bench/round.ts [--instances 1,2,4] [--products a,b] [--samples a,b] [--modes on-demand] [--quick]`:
 * the demo round through the whole stack (virtual emulators, real adb, real Appium) with the
 * products' own delays at zero (`deviceSettings: stalkerbench_fast_apps`) and watch budgets of 2 s,
 * once per pool size. `--quick`: one emulator, two products, on-demand only over the catalogue's
 * stalkerware (the on-demand mode alone runs no watchware or clean sample: 20 cases), for
 * the on-demand row of `npm run bench`'s table. For each it prints:
 *   wall          the whole run: verify, adb server, Appium, clean snapshot, boots, every case
 *   throughput    cases per minute over the case phase (first case start → last case end)
 *   case          median and p90 wall time of one case attempt (Appium session → verdict)
 *   restore       median time to restore the clean snapshot before a case
 *   adb, Appium   the share of the summed case time spent inside the harness's adb calls
 *                 (observeAdbCalls) and inside WebDriver commands incl. opening the session
 *                 (observeWebDriverCalls); the rest is the harness's own waiting and work
 *   commands      the WebDriver commands and adb calls that take most of a case
 *   verdicts      how many cases completed / errored
 *   phases        where one on-demand case's time goes: median per phase from the attempts' own
 *                 `timings.steps` (results.jsonl), the time between steps (captures, evidence
 *                 writes) and the session teardown after the case's end (case-phases.ts)
 *   row           one on-demand case with delays zero: median over the on-demand cases of the first pool size
 * Each run uses its own HOME, AVD folder and port block; nothing is left running.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { observeAdbCalls } from '../../harness/android/index.ts';
import { observeWebDriverCalls } from '../../harness/appium/index.ts';
import { runCommand } from '../../harness/cli/run.ts';
import { finalOutcomes, readResults } from '../../harness/results/index.ts';
import type { RoundReporter } from '../../harness/round/index.ts';
import type { AttemptResult } from '../../harness/results/index.ts';
import { createRoundWorkspace, killRoundProcesses } from '../../test/support/round-workspace.ts';
import { breakdownPhases, formatBreakdown } from './case-phases.ts';

const { values } = parseArgs({
  options: { instances: { type: 'string' }, products: { type: 'string' }, samples: { type: 'string' }, modes: { type: 'string' }, quick: { type: 'boolean', default: false } },
});
if (values.quick) {
  values.instances ??= '1';
  values.products ??= 'sentinel,namecheck';
  values.modes ??= 'on-demand';
  // A round of on-demand cases only is refused with watchware or clean samples (load-round.ts checkModes).
  if (values.samples === undefined && values.modes === 'on-demand') {
    const catalogue = parse(await readFile(new URL('../../scenarios/samples/demo-catalogue.yaml', import.meta.url), 'utf8')) as { samples: Array<{ id: string; kind: string }> };
    values.samples = catalogue.samples.filter((sample) => sample.kind === 'stalkerware').map((sample) => sample.id).join(',');
  }
}
const poolSizes = (values.instances ?? '1,2,4').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const list = (text: string | undefined): string[] | undefined => (text === undefined ? undefined : text.split(',').filter((part) => part !== ''));

interface Measures {
  instances: number;
  cases: number;
  completed: number;
  errors: number;
  wallMs: number;
  casePhaseMs: number;
  caseMs: number[];
  onDemandCaseMs: number[];
  restoreMs: number[];
  adbInCasesMs: number;
  webDriverInCasesMs: number;
  newSessionMs: number[];
  deleteSessionMs: number[];
  onDemandAttempts: AttemptResult[];
  byCommand: Map<string, { count: number; ms: number }>;
  adbByCommand: Map<string, { count: number; ms: number }>;
}

function tally(table: Map<string, { count: number; ms: number }>, key: string, ms: number): void {
  const entry = table.get(key) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += ms;
  table.set(key, entry);
}

/** The biggest items of a tally, as `name ×count total`. */
function top(table: Map<string, { count: number; ms: number }>, cases: number, n = 6): string {
  return [...table.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, n)
    .map(([name, { count, ms }]) => `${name} ${(count / cases).toFixed(1)}×/case ${(ms / cases / 1000).toFixed(2)} s/case`).join('; ');
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(instances: number, index: number): Promise<Measures> {
  const products = list(values.products);
  const samples = list(values.samples);
  const modes = list(values.modes) as Array<'on-demand' | 'real-time' | 'false-positive'> | undefined;
  const workspace = await createRoundWorkspace({
    id: `bench-${instances}`, portBase: Number(process.env['STALKERBENCH_PORT_BASE'] ?? 40_000) + index * 400, instances,
    expectedDelays: { firstStartMs: 2_000, realTimeAlertMs: 2_000 },
    ...(products ? { products } : {}), ...(samples ? { samples } : {}), ...(modes ? { modes } : {}),
  });
  // Which devices run a case right now: adb and WebDriver time is counted only inside cases.
  const activeDevices = new Set<string>();
  const restoring = new Map<string, number>();
  const measures: Measures = { instances, cases: 0, completed: 0, errors: 0, wallMs: 0, casePhaseMs: 0, caseMs: [], onDemandCaseMs: [], restoreMs: [], adbInCasesMs: 0, webDriverInCasesMs: 0, newSessionMs: [], deleteSessionMs: [], onDemandAttempts: [], byCommand: new Map(), adbByCommand: new Map() };
  let firstCaseAt: number | undefined;
  let lastCaseAt = 0;
  const reporter: RoundReporter = {
    onCaseStart: (event) => { activeDevices.add(event.device); firstCaseAt ??= performance.now(); },
    onCaseEnd: (event) => {
      if (event.device) activeDevices.delete(event.device);
      lastCaseAt = performance.now();
      measures.caseMs.push(event.durationMs);
      if (event.mode === 'on-demand' && event.status === 'completed') measures.onDemandCaseMs.push(event.durationMs);
    },
    onDeviceState: (event) => {
      if (event.state === 'restoring') restoring.set(event.device, performance.now());
      if (event.state === 'busy') {
        const since = restoring.get(event.device);
        if (since !== undefined) measures.restoreMs.push(performance.now() - since);
        restoring.delete(event.device);
      }
    },
  };
  const stopAdb = observeAdbCalls((call) => {
    if (call.serial === undefined || !activeDevices.has(call.serial)) return;
    measures.adbInCasesMs += call.durationMs;
    tally(measures.adbByCommand, call.args.slice(0, call.args[0] === 'shell' ? 2 : 1).join(' ').split(' ').slice(0, 2).join(' '), call.durationMs);
  });
  const stopWebDriver = observeWebDriverCalls((call) => {
    if (!activeDevices.has(call.udid)) return;
    if (call.command === 'deleteSession') measures.deleteSessionMs.push(call.durationMs);
    measures.webDriverInCasesMs += call.durationMs;
    tally(measures.byCommand, call.command, call.durationMs);
    if (call.command === 'newSession') measures.newSessionMs.push(call.durationMs);
  });
  const started = performance.now();
  let output = '';
  try {
    const code = await runCommand([workspace.roundFile], { stdout: (t) => { output += t; }, stderr: (t) => { output += t; }, cwd: workspace.dir, env: workspace.env }, { reporters: [reporter] });
    if (code !== 0) throw new Error(`the round exited with ${code}:\n${output}`);
    measures.wallMs = performance.now() - started;
    measures.casePhaseMs = lastCaseAt - (firstCaseAt ?? lastCaseAt);
    const { results } = await readResults(workspace.outputDir);
    const finals = [...finalOutcomes(results).values()];
    measures.onDemandAttempts = results.filter((r) => r.status === 'completed' && r.caseId.split('__')[2] === 'on-demand');
    measures.cases = finals.length;
    measures.completed = finals.filter((r) => r.status === 'completed').length;
    measures.errors = finals.length - measures.completed;
    return measures;
  } finally {
    stopAdb();
    stopWebDriver();
    await killRoundProcesses(workspace);
    await workspace.remove();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)} %`;

console.log(`round bench: demo round, products' delays zero, watch budgets 2 s (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
let row: string | undefined;
for (const [index, instances] of poolSizes.entries()) {
  const m = await measure(instances, index);
  if (row === undefined && m.onDemandCaseMs.length > 0) {
    row = `row | one on-demand case, delays zero | median ${(percentile(m.onDemandCaseMs, 50) / 1000).toFixed(2)} s over ${m.onDemandCaseMs.length} cases on ${instances} emulator(s) (opening the Appium session: median ${(percentile(m.newSessionMs, 50) / 1000).toFixed(2)} s) | ≤ 2 s`;
  }
  const caseTotal = m.caseMs.reduce((sum, ms) => sum + ms, 0);
  console.log([
    `${instances} emulator(s): ${m.cases} cases (${m.completed} completed, ${m.errors} errors) in ${seconds(m.wallMs)} wall`,
    `throughput ${((60_000 * m.cases) / Math.max(1, m.casePhaseMs)).toFixed(1)} cases/min over the case phase (${seconds(m.casePhaseMs)})`,
    `case median ${seconds(percentile(m.caseMs, 50))}, p90 ${seconds(percentile(m.caseMs, 90))}; snapshot restore median ${seconds(percentile(m.restoreMs, 50))}`,
    `inside cases: adb ${share(m.adbInCasesMs, caseTotal)}, Appium ${share(m.webDriverInCasesMs, caseTotal)} (opening the session: median ${seconds(percentile(m.newSessionMs, 50))})`,
    `Appium commands: ${top(m.byCommand, m.caseMs.length)}`,
    `adb commands: ${top(m.adbByCommand, m.caseMs.length)}`,
    ...(m.onDemandAttempts.length > 0 ? [`on-demand phases (median over ${m.onDemandAttempts.length} attempts): ${formatBreakdown(breakdownPhases(m.onDemandAttempts), m.deleteSessionMs)}`] : []),
  ].join('\n  '));
}
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (row !== undefined) console.log(row);
