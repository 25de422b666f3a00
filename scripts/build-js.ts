/**
 * `npm run build` (and scripts/setup.sh, with --if-stale): compiles harness/ and simulator/ to
 * JavaScript under build/js/ with the project's TypeScript (tsconfig.build.json), so the CLI and the
 * virtual emulator start without tsx's on-the-fly transpiling (bin/entry.js). Written into a temporary
 * folder and renamed into place, so an interrupted build never leaves a half-written build/js that
 * looks fresh; leftovers of a killed build are removed by the next one.
 * Then bundles the entry points in BUNDLES (the virtual emulator) with esbuild into one file each,
 * from the compiled JavaScript and the npm packages they import (zod, @xmldom/xmldom; xpath is
 * required at run time), so only Node's built-ins are left to load (docs/design.md, "Scale and speed").
 *   --if-stale   do nothing when build/js was built from these exact sources (content hash)
 */
import { build } from 'esbuild';
import { execa } from 'execa';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BUILD_DIR, BUNDLES, buildInputs, contentSignature, quickSignature, readStamp, ROOT, STAMP_FILE } from '../bin/build-signature.js';

const ifStale = process.argv.includes('--if-stale');
const buildParent = dirname(BUILD_DIR);

async function removeLeftovers(): Promise<void> {
  const names = await readdir(buildParent).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(`${basename(BUILD_DIR)}.tmp-`)).map((name) => rm(join(buildParent, name), { recursive: true, force: true })));
}

await removeLeftovers();
const inputs = buildInputs();
const content = contentSignature(inputs);
const stamp = readStamp();
if (ifStale && stamp?.content === content) {
  // Same sources, other modification times (a fresh checkout, a branch switch): keep the build.
  const quick = quickSignature(inputs);
  if (stamp.quick !== quick) await writeFile(STAMP_FILE, `${JSON.stringify({ content, quick })}\n`);
  process.exit(0);
}

process.stderr.write('setup: compiling harness/ and simulator/ to build/js (tsc)\n');
const temporary = `${BUILD_DIR}.tmp-${process.pid}`;
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const result = await execa(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', temporary], { cwd: ROOT, reject: false, all: true });
// Type errors still emit JavaScript (the same code tsx would run); they are `npm run typecheck`'s job.
if (result.exitCode !== 0 && !(result.all ?? '').includes('error TS')) {
  await rm(temporary, { recursive: true, force: true });
  process.stderr.write(`build-js: tsc failed (exit ${result.exitCode}):\n${result.all ?? ''}\n`);
  process.exit(1);
}
for (const [source, bundle] of Object.entries(BUNDLES)) {
  try {
    await build({
      entryPoints: [join(temporary, source.replace(/\.ts$/, '.js'))], outfile: join(temporary, bundle),
      bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    process.stderr.write(`build-js: bundling ${source} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
await writeFile(join(temporary, 'stamp.json'), `${JSON.stringify({ content, quick: quickSignature(inputs) })}\n`);
await rm(BUILD_DIR, { recursive: true, force: true });
await rename(temporary, BUILD_DIR);
