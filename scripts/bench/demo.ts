/**
 * `node bin/run-ts.js scripts/bench/demo.ts [--quick] [--keep]`: `npm run demo` as a new user runs it
 * (after set-up): the demo round as shipped — 140 cases, its six virtual emulators, the virtual
 * products' delays and the watch budgets scaled by the round's appDelayScale — then its report,
 * in a private copy of the scenarios with its own HOME and ports (STALKERBENCH_PORT_BASE, else
 * 42000). Prints three rows of `npm run bench`'s table: the demo's wall time (CPU time beside it:
 * on a shared machine wall time grows with the load), its index.html and its Appium log (the log
 * being written plus its compressed parts). `--quick`: one product only (28 cases), labelled so.
 * `--instances N`: N emulators instead of the demo's own count.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { observeAdbCalls } from '../../harness/android/index.ts';
import { readResults, finalOutcomes } from '../../harness/results/index.ts';
import { createRoundWorkspace, killRoundProcesses } from '../../test/support/round-workspace.ts';
import { runDemo } from '../demo.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, instances: { type: 'string' } } });
const MB = 1024 * 1024;
/** The demo's own emulator count (`devices: [{ profile, instances }]` in scenarios/rounds/demo.yaml), unless --instances says. */
async function demoInstances(): Promise<number> {
  if (values.instances !== undefined) return Number(values.instances);
  const round = parse(await readFile(new URL('../../scenarios/rounds/demo.yaml', import.meta.url), 'utf8')) as { devices?: Array<string | { instances?: number }> };
  const entry = round.devices?.[0];
  return typeof entry === 'object' && entry.instances !== undefined ? entry.instances : 2;
}

const workspace = await createRoundWorkspace({
  id: 'bench-demo', portBase: Number(process.env['STALKERBENCH_PORT_BASE'] ?? 42_000), instances: await demoInstances(), fastApps: false, demoDelayScale: true,
  ...(values.quick ? { products: ['sentinel'] } : {}),
});
/** Bytes of the Appium log in the round folder: appium.log and everything under appium-logs/. */
async function appiumLogBytes(folder: string): Promise<{ bytes: number; parts: number }> {
  const current = await stat(join(folder, 'appium.log')).then((s) => s.size, () => 0);
  const parts = await readdir(join(folder, 'appium-logs'), { withFileTypes: true }).catch(() => []);
  let bytes = current;
  for (const part of parts) if (part.isFile()) bytes += (await stat(join(part.parentPath, part.name))).size;
  return { bytes, parts: parts.filter((part) => part.name.endsWith('.gz')).length };
}

try {
  let output = '';
  const adb = { calls: 0, spawned: 0 };
  const stopObserving = observeAdbCalls((call) => { adb.calls += 1; if (call.via === 'binary') adb.spawned += 1; });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const code = await runDemo(
    { stdout: (text) => { output += text; }, stderr: (text) => { output += text; }, cwd: workspace.dir, env: workspace.env },
    { roundFile: workspace.roundFile, avdHome: workspace.sdk.avdHome },
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  stopObserving();
  if (code !== 0) throw new Error(`the demo exited with ${code}:\n${output}`);
  const finals = [...finalOutcomes((await readResults(workspace.outputDir)).results).values()];
  const completed = finals.filter((result) => result.status === 'completed').length;
  const index = (await stat(join(workspace.outputDir, 'index.html'))).size;
  const log = await appiumLogBytes(workspace.outputDir);
  const label = values.quick ? `npm run demo (quick: sentinel only, ${finals.length} cases)` : `npm run demo (${finals.length} cases, after set-up)`;
  console.log(output.split('\n').filter((line) => line.startsWith('demo:')).join('\n'));
  console.log(`${finals.length} cases, ${completed} completed; harness process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (emulators and Appium are other processes); load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`);
  console.log(`runAdb calls ${adb.calls}, of them adb client processes spawned ${adb.spawned} (the rest through the adb server's socket; Appium's own adb calls not counted)`);
  console.log(`row | ${label} | ${(wallMs / 60_000).toFixed(1)} min wall (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores) | ≤ 5 min on 2 cores`);
  console.log(`row | demo index.html (a real demo run) | ${(index / MB).toFixed(2)} MB | ≤ 1 MB, growing with the matrix`);
  console.log(`row | demo appium.log | ${(log.bytes / MB).toFixed(1)} MB on disk (${log.parts} compressed part(s) in appium-logs/) | rotated or compressed`);
} finally {
  await killRoundProcesses(workspace);
  if (values.keep) console.log(`kept ${workspace.dir}`);
  else await workspace.remove();
}
