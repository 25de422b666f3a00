/**
 * Checks that a change to the report code changes no byte of any report file: renders the same
 * round folders with another checkout's `stalkerbench report` (say main, before a speed-up) and
 * with this one's, and compares every file they write, case pages included. Rounds: the report
 * tests' fixture rounds (test/fixtures/rounds: basic, basic-next, hostile, demo), basic with a
 * torn last line and with a disputes.yaml, and the report benchmark's synthetic round
 * (synthetic-round.ts, 100,000 results unless --results says otherwise). Exit 1 on any difference.
 *   node bin/run-ts.js scripts/bench/report-identical.ts --base <other checkout> [--results 100000] [--keep]
 * The other checkout needs its node_modules (or a link to this one's). Each checkout's
 * bin/stalkerbench.js runs its own build/js when that is fresh, else its sources.
 */
import { spawnSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticRound } from './synthetic-round.ts';

const { values } = parseArgs({ options: { base: { type: 'string' }, results: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } } });
if (values.base === undefined) {
  process.stderr.write('usage: node bin/run-ts.js scripts/bench/report-identical.ts --base <other checkout> [--results N] [--keep]\n');
  process.exit(2);
}
const here = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(here, 'test', 'fixtures', 'rounds');
const checkouts = { base: resolve(values.base), this: here };
const work = await mkdtemp(join(tmpdir(), 'sb-report-identical-'));

/** Round folders to render, each made fresh under work/<name>/round. */
const rounds: Record<string, (folder: string) => Promise<void>> = {
  basic: (folder) => cp(join(fixtures, 'basic'), folder, { recursive: true }),
  'basic-next': (folder) => cp(join(fixtures, 'basic-next'), folder, { recursive: true }),
  hostile: (folder) => cp(join(fixtures, 'hostile'), folder, { recursive: true }),
  demo: (folder) => cp(join(fixtures, 'demo'), folder, { recursive: true }),
  'basic-torn': async (folder) => {
    await cp(join(fixtures, 'basic'), folder, { recursive: true });
    await appendFile(join(folder, 'results.jsonl'), '{"caseId":"acme.flexispy.on-demand.api34.r1","attempt":9,"fin');
  },
  'basic-disputes': async (folder) => {
    await cp(join(fixtures, 'basic'), folder, { recursive: true });
    const round = JSON.parse(await readFile(join(folder, 'round.json'), 'utf8')) as { plan: { cases: Array<{ caseId: string }> } };
    const first = round.plan.cases[0]?.caseId ?? '';
    await writeFile(join(folder, 'disputes.yaml'), `disputes:\n  - case: ${first}\n    claim: "The <b>scan</b> found it; see log"\n    by: Acme\n    claimedAt: 2025-03-01\n    decision: pending\n`);
  },
  synthetic: async (folder) => {
    await mkdir(folder, { recursive: true });
    await writeSyntheticRound(folder, Number(values.results));
  },
};

/** Every file under a folder, by its path inside it, sorted. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name))).sort();
}

let differences = 0;
for (const [name, make] of Object.entries(rounds)) {
  const round = join(work, name, 'round');
  await make(round);
  const outs: Record<string, string> = {};
  for (const [side, checkout] of Object.entries(checkouts)) {
    const out = join(work, name, side);
    const run = spawnSync(process.execPath, [join(checkout, 'bin', 'stalkerbench.js'), 'report', round, '--out', out], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${side}: stalkerbench report ${name} exited ${run.status}: ${run.stderr}`);
    outs[side] = out;
  }
  const [baseFiles, theseFiles] = await Promise.all([listFiles(outs['base'] ?? ''), listFiles(outs['this'] ?? '')]);
  const problems: string[] = [];
  if (baseFiles.join('\n') !== theseFiles.join('\n')) problems.push(`different file lists: base ${baseFiles.length}, this ${theseFiles.length}`);
  for (const file of baseFiles.filter((path) => theseFiles.includes(path))) {
    const [a, b] = await Promise.all([readFile(join(outs['base'] ?? '', file)), readFile(join(outs['this'] ?? '', file))]);
    if (!a.equals(b)) problems.push(`${file} differs (${a.length} vs ${b.length} bytes)`);
  }
  differences += problems.length;
  process.stdout.write(`${name}: ${baseFiles.length} files ${problems.length === 0 ? 'identical' : `— ${problems.join('; ')}`}\n`);
}
process.stdout.write(differences === 0 ? 'every report file is byte-identical\n' : `${differences} difference(s)\n`);
if (values.keep) process.stdout.write(`kept ${work}\n`);
else await rm(work, { recursive: true, force: true });
process.exitCode = differences === 0 ? 0 : 1;
