// What the precompiled JavaScript under build/js/ was built from, shared by scripts/build-js.ts
// (which writes build/js/stamp.json) and bin/entry.js (which uses build/js only while it matches).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** build/js, or STALKERBENCH_BUILD_DIR (tests build into a folder of their own). */
export const BUILD_DIR = process.env.STALKERBENCH_BUILD_DIR || join(ROOT, 'build', 'js');
export const STAMP_FILE = join(BUILD_DIR, 'stamp.json');
const SOURCE_DIRS = ['harness', 'simulator'];
// The build script too: it decides what is built (the bundles and their esbuild options); the
// lock pins the tsc and esbuild versions.
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build-js.ts'];

/**
 * Entry points that scripts/build-js.ts also bundles into one file (esbuild, with the npm packages
 * they import), by source path: one module to read and compile instead of ~250 to resolve, load and link.
 * The virtual emulator is started once per case, so its start-up CPU counts.
 */
export const BUNDLES = { 'simulator/cli/emulator.ts': 'bundle/emulator.js' };

/** Whether a source file is compiled (tsconfig.build.json: no tests, no test helpers, no generators). */
function isBuilt(path) {
  return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.includes('/testing/') && !path.endsWith('generate-font-data.ts');
}

/** The compiled sources and the build's configuration, as paths relative to the checkout, sorted. */
export function buildInputs() {
  const files = [...CONFIG_FILES];
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = relative(ROOT, join(entry.parentPath ?? entry.path, entry.name));
      if (isBuilt(path)) files.push(path);
    }
  }
  return files.sort();
}

/** Cheap: names, sizes and modification times. Changes when any input is edited, added or removed. */
export function quickSignature(files = buildInputs()) {
  const hash = createHash('sha256');
  for (const file of files) {
    const info = statSync(join(ROOT, file), { throwIfNoEntry: false });
    hash.update(`${file}\0${info ? `${info.size}\0${info.mtimeMs}` : '-'}\n`);
  }
  return hash.digest('hex');
}

/** Exact: names and contents. A checkout that only touched modification times keeps its build. */
export function contentSignature(files = buildInputs()) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The stamp build/js was written with, or undefined. */
export function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}
