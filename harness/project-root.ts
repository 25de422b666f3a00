import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root folder: the nearest folder above this module whose package.json is
 * stalkerbench's. Found by walking up rather than by a fixed `../..`, because this module runs both
 * from its TypeScript source and from the precompiled JavaScript under `build/js/` (one level deeper).
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'stalkerbench') return dir;
      } catch {
        // Not the project's manifest (or unreadable): keep walking up.
      }
    }
    if (dirname(dir) === dir) throw new Error(`stalkerbench's package.json was not found above ${start}`);
  }
}

export const PROJECT_ROOT: string = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the checkout, e.g. `projectPath('node_modules', 'appium', 'index.js')`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
