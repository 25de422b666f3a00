// Loads one of the project's entry points: the precompiled JavaScript under build/js/ when it was
// built from exactly the sources in the checkout (scripts/build-js.ts, run by scripts/setup.sh),
// else the TypeScript source through tsx. A stale build is never used: an edited source falls back to
// tsx until the next `npm run build` (or setup). STALKERBENCH_FROM_SOURCE=1 always uses the source.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, BUNDLES, quickSignature, readStamp, ROOT } from './build-signature.js';

/** Whether build/js matches the sources now. */
export function buildIsFresh() {
  if (process.env.STALKERBENCH_FROM_SOURCE === '1') return false;
  const stamp = readStamp();
  return stamp !== undefined && stamp.quick === quickSignature();
}

/**
 * Imports `harness/cli/main.ts` (say) from the build's bundle of it (when the build has one), the
 * build, or the source; STALKERBENCH_ENTRY_TRACE=1 says which on stderr. The bundle is part of the
 * build (written before its stamp), so it is used exactly when the build is.
 */
export async function importEntry(sourcePath) {
  const fresh = buildIsFresh();
  const bundle = fresh && BUNDLES[sourcePath] !== undefined ? join(BUILD_DIR, BUNDLES[sourcePath]) : undefined;
  const from = !fresh ? 'source' : bundle !== undefined && existsSync(bundle) ? 'bundle' : 'build';
  if (process.env.STALKERBENCH_ENTRY_TRACE === '1') process.stderr.write(`entry: ${sourcePath} from ${from}\n`);
  if (from === 'bundle') return import(pathToFileURL(bundle).href);
  if (from === 'build') return import(pathToFileURL(join(BUILD_DIR, sourcePath.replace(/\.ts$/, '.js'))).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, sourcePath)).href);
}
