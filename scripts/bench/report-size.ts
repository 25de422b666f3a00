/**
 * Benchmark for the size of the published page: renders the demo fixture round
 * (test/fixtures/rounds/demo) after giving every attempt the text evidence a real demo run records
 * (`npm run demo` kept about 8 dumps per case of about 64 KB each: UI hierarchy, notification and
 * logcat dumps), and prints index.html's size beside the evidence's. Goal: index.html at most 1 MB,
 * growing with the matrix and not with the evidence, which lives on the case pages (cases/).
 *   node bin/run-ts.js scripts/bench/report-size.ts [--dumps 8] [--dump-kb 64] [--keep]
 */
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportRoundFolder } from '../../harness/report/index.ts';
import type { AttemptResult, EvidenceItem } from '../../harness/results/index.ts';

const { values } = parseArgs({ options: { dumps: { type: 'string', default: '8' }, 'dump-kb': { type: 'string', default: '64' }, keep: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const DUMPS = Number(values.dumps);
const DUMP_BYTES = Number(values['dump-kb']) * 1024;
const KINDS: ReadonlyArray<EvidenceItem['kind']> = ['ui-dump', 'notifications', 'logcat'];
const MB = 1024 * 1024;

const folder = join(await mkdtemp(join(tmpdir(), 'sb-bench-report-size-')), 'demo');
await cp(fileURLToPath(new URL('../../test/fixtures/rounds/demo', import.meta.url)), folder, { recursive: true });

/** A UI dump-like text of `bytes` bytes, with markup a page must escape (as real dumps have). */
function dumpText(caseId: string, index: number): string {
  const line = `<node index="${index}" text="${caseId} &amp; row" resource-id="com.example:id/row" class="android.widget.TextView" bounds="[0,0][1080,120]"/>\n`;
  return `<hierarchy rotation="0">\n${line.repeat(Math.ceil(DUMP_BYTES / line.length))}`.slice(0, DUMP_BYTES);
}

const lines = (await readFile(join(folder, 'results.jsonl'), 'utf8')).split('\n').filter((line) => line !== '');
let evidenceBytes = 0;
const enriched: string[] = [];
for (const line of lines) {
  const result = JSON.parse(line) as AttemptResult;
  const items: EvidenceItem[] = [];
  for (let index = 0; index < DUMPS; index += 1) {
    const path = `evidence/${result.caseId}/${result.attempt}/dump-${index}.txt`;
    await mkdir(join(folder, 'evidence', result.caseId, String(result.attempt)), { recursive: true });
    await writeFile(join(folder, path), dumpText(result.caseId, index));
    evidenceBytes += DUMP_BYTES;
    items.push({ kind: KINDS[index % KINDS.length] ?? 'text', step: `step-${index}`, path });
  }
  enriched.push(JSON.stringify({ ...result, evidence: [...result.evidence, ...items] }));
}
await writeFile(join(folder, 'results.jsonl'), `${enriched.join('\n')}\n`);

const written = await reportRoundFolder(folder);
const index = (await stat(join(folder, 'index.html'))).size;
const pages = await readdir(join(folder, 'cases')).catch(() => [] as string[]);
let pageBytes = 0;
for (const page of pages) pageBytes += (await stat(join(folder, 'cases', page))).size;
const round = JSON.parse(await readFile(join(folder, 'round.json'), 'utf8')) as { plan: { cases: unknown[] } };

process.stdout.write(`demo fixture round: ${round.plan.cases.length} planned cases, ${lines.length} attempts, each given ${DUMPS} text dumps of ${DUMP_BYTES / 1024} KB (${(evidenceBytes / MB).toFixed(1)} MB of evidence)\n`);
process.stdout.write(`  cases/: ${pages.length} case pages, ${(pageBytes / MB).toFixed(1)} MB together, largest dumps inlined there\n`);
process.stdout.write(`row | index.html of the demo fixture round (${DUMPS} dumps of ${DUMP_BYTES / 1024} KB per attempt beside it) | ${(index / MB).toFixed(2)} MB | goal ≤ 1 MB, growing with the matrix, not the evidence\n`);
if (written.paths.length === 0) throw new Error('the report wrote nothing');
if (values.keep) process.stdout.write(`kept ${folder}\n`);
else await rm(join(folder, '..'), { recursive: true, force: true });
