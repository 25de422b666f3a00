/**
 * `npm run bench`: runs every benchmark in scripts/bench/ in turn (alphabetical), each in its own
 * process (`node bin/run-ts.js scripts/bench/<name>.ts`, default options), with its output under a
 * header. `--only name[,name]` picks some; run one directly for its own options. Exits non-zero if
 * any failed.
 */
import { execa } from 'execa';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');
const names = (await readdir(new URL('./bench/', import.meta.url)))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .filter((name) => only === undefined || only.includes(name))
  .sort();

const failed: string[] = [];
for (const name of names) {
  process.stdout.write(`\n== ${name} ==\n`);
  const started = performance.now();
  const result = await execa(process.execPath, ['bin/run-ts.js', `scripts/bench/${name}.ts`], { cwd: root, stdio: 'inherit', reject: false });
  const took = ((performance.now() - started) / 1000).toFixed(1);
  if (result.exitCode !== 0) failed.push(name);
  process.stdout.write(`-- ${name}: ${result.exitCode === 0 ? 'done' : `failed (exit ${result.exitCode ?? result.signal})`} in ${took} s\n`);
}
if (failed.length > 0) {
  process.stderr.write(`benchmarks failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
