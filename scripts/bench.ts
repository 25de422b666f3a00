/**
 * `npm run bench [-- --quick] [-- --only name[,name]]`: runs every benchmark in scripts/bench/ in turn
 * (alphabetical), each in its own process (`node bin/run-ts.js scripts/bench/<name>.ts`), with its
 * output under a header, then a summary table: one row per line of issue 9's table (demo wall
 * time, emulator boot, one on-demand case, report on 100,000 results, index.html, appium.log), taken
 * from the `row | what | figure | goal` lines the benchmarks print. `--quick` passes `--quick` to
 * each (fewer runs, a smaller demo) and skips the benchmarks that print no row; run one directly for
 * its own options. Exits non-zero if any failed.
 */
import { execa } from 'execa';
import { readdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const only = values.only?.split(',');
/** Benchmarks that print no row of the table: detail for a person tuning one part. */
const DETAIL_ONLY = new Set(['appium', 'restore']);
/**
 * Not benchmarks: modules the benchmarks import (case-phases, synthetic-round) and a check that needs
 * another checkout to compare with (report-identical --base <checkout>). `--only` still runs the check.
 */
const NOT_RUN_BY_DEFAULT = new Set(['case-phases', 'synthetic-round', 'report-identical']);
const names = (await readdir(new URL('./bench/', import.meta.url)))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .filter((name) => only?.includes(name) ?? !NOT_RUN_BY_DEFAULT.has(name))
  .filter((name) => (only === undefined ? !(values.quick && DETAIL_ONLY.has(name)) : only.includes(name)))
  .sort();

const failed: string[] = [];
const rows: string[][] = [];
for (const name of names) {
  process.stdout.write(`\n== ${name} ==\n`);
  const started = performance.now();
  const child = execa(process.execPath, ['bin/run-ts.js', `scripts/bench/${name}.ts`, ...(values.quick ? ['--quick'] : [])], {
    cwd: root, stdin: 'ignore', stdout: 'pipe', stderr: 'inherit', reject: false, lines: false, buffer: false,
  });
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('row | ')) rows.push(line.split(' | ').slice(1));
  });
  const result = await child;
  const took = ((performance.now() - started) / 1000).toFixed(1);
  if (result.exitCode !== 0) failed.push(name);
  process.stdout.write(`-- ${name}: ${result.exitCode === 0 ? 'done' : `failed (exit ${result.exitCode ?? result.signal})`} in ${took} s\n`);
}

/** Issue 9's rows, in its order; a row goes under the first of these its label starts with. */
const ORDER = ['npm run demo', 'virtual emulator boot', 'one on-demand case', 'stalkerbench report', 'demo index.html', 'index.html of the demo fixture', 'demo appium.log'];
const rank = (label: string): number => {
  const index = ORDER.findIndex((prefix) => label.startsWith(prefix));
  return index === -1 ? ORDER.length : index;
};
rows.sort((a, b) => rank(a[0] ?? '') - rank(b[0] ?? ''));
process.stdout.write(`\n== summary (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores${values.quick ? '; --quick' : ''}) ==\n`);
process.stdout.write('| what | measured | goal |\n|---|---|---|\n');
for (const [what = '', figure = '', goal = ''] of rows) process.stdout.write(`| ${what} | ${figure} | ${goal} |\n`);
if (rows.length === 0) process.stdout.write('| (no benchmark printed a row) | | |\n');
if (failed.length > 0) {
  process.stderr.write(`benchmarks failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
