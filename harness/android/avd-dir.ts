import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AndroidEnv } from './android-env.ts';

/**
 * The `<name>.avd` folder an AVD's `<name>.ini` points at (`path=`, else `path.rel=`), or undefined.
 * The `.ini` is looked for in `env.avdHome`, which android-env.ts resolved once from the user's
 * environment in the documented order (`ANDROID_AVD_HOME`, `ANDROID_USER_HOME/avd`,
 * `ANDROID_EMULATOR_HOME/avd`, `~/.android/avd`): the round's own HOME is not where AVDs live.
 */
export function findAvdDir(env: AndroidEnv, avd: string): string | undefined {
  for (const dir of [env.avdHome]) {
    const ini = join(dir, `${avd}.ini`);
    if (!existsSync(ini)) continue;
    const entries = new Map<string, string>();
    for (const line of readFileSync(ini, 'utf8').split(/\r?\n/)) {
      const at = line.indexOf('=');
      if (at > 0) entries.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    const absolute = entries.get('path');
    if (absolute && existsSync(absolute)) return absolute;
    const relative = entries.get('path.rel');
    if (relative) return resolve(dir, '..', relative);
    return absolute;
  }
  return undefined;
}
