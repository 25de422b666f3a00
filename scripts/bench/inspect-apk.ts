/**
 * `node bin/run-ts.js scripts/bench/inspect-apk.ts [--runs N] [--quick]`: what reading an APK's identity
 * costs (issue 18: "inspect-apk no slower than before" while the DER/X.509/PKCS#7 reader stays ours).
 *   whole process  `node bin/stalkerbench.js inspect-apk <v1+v2+v3 fixture>`: median wall and CPU
 *                  (user + system of the child, from /proc) over N runs
 *   in process     median of readApkIdentity on the same APK, warm (what a round pays per APK)
 * Prints a `row |` line for `npm run bench`'s table. `--quick`: 5 runs instead of 20.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readApkIdentity } from '../../harness/apk/index.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || (process.argv.includes('--quick') ? 5 : 20);
const apk = fileURLToPath(new URL('../../scenarios/apks/product-sentinelav.apk', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/stalkerbench.js', import.meta.url));

/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux); NaN elsewhere. */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const wall: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const before = childrenCpu();
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, 'inspect-apk', apk], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`inspect-apk exited with ${child.status}: ${child.stderr}`);
  wall.push((performance.now() - started) / 1000);
  cpu.push(childrenCpu() - before);
}
const warm: number[] = [];
await readApkIdentity(apk);
for (let run = 0; run < runs * 5; run += 1) {
  const started = performance.now();
  await readApkIdentity(apk);
  warm.push(performance.now() - started);
}
const load = `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`;
console.log(`inspect-apk, whole process: median ${median(wall).toFixed(2)} s wall, ${median(cpu).toFixed(2)} s CPU over ${runs} runs (${load})`);
console.log(`readApkIdentity in process, warm: median ${median(warm).toFixed(2)} ms over ${warm.length} reads`);
console.log(`row | inspect-apk on a v1+v2+v3 APK, whole process | ${median(wall).toFixed(2)} s wall, ${median(cpu).toFixed(2)} s CPU (median of ${runs}; ${median(warm).toFixed(2)} ms per APK in process; ${load}) | no slower than the hand-written reader's 0.67 s CPU (issue 18)`);
