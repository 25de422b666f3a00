// Builds the benign stand-in APKs of scenarios/fixtures/ into scenarios/apks/ (`npm run fixtures`).
//   --if-stale   do nothing (and print nothing) when scenarios/apks/.stamp matches the sources
//   --verbose    one line per APK: `built <id>.apk <sha256>`
//   --out <dir>  write somewhere else than scenarios/apks/
// By default it prints one summary line. See scenarios/fixtures/README.md.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { exitCodeFor, formatError, HarnessError } from '../harness/errors/index.ts';
import { buildAllFixtures } from './fixtures/build-all-fixtures.ts';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'if-stale': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), {
      hint: 'usage: node bin/run-ts.js scripts/build-fixtures.ts [--if-stale] [--verbose] [--out <dir>]',
    });
  }
  const controller = new AbortController();
  const cancel = (): void => controller.abort(new HarnessError('CANCELLED', 'interrupted'));
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const started = Date.now();
  const result = await buildAllFixtures({
    ifStale: values['if-stale'],
    signal: controller.signal,
    ...(values.out ? { outDir: values.out } : {}),
    ...(values.verbose ? { onBuilt: (fixture) => process.stdout.write(`built ${fixture.id}.apk ${fixture.sha256}\n`) } : {}),
  });
  if (result.status === 'built') {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const shown = relative(process.cwd(), result.outDir) || '.';
    process.stdout.write(`fixtures: built ${result.fixtures.length} APKs into ${shown} in ${seconds} s\n`);
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = exitCodeFor(error);
}
