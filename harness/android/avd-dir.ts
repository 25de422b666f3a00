import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AndroidEnv } from './android-env.ts';

/**
 * Folders searched for `<name>.ini`, in the documented order (developer.android.com/tools/variables):
 * `ANDROID_AVD_HOME`, `ANDROID_USER_HOME/avd`, `ANDROID_EMULATOR_HOME/avd`, `~/.android/avd`.
 */
export function avdSearchPath(env: AndroidEnv): string[] {
  const vars = env.childEnv;
  const dirs: string[] = [];
  if (env.avdHome) dirs.push(env.avdHome);
  if (vars['ANDROID_USER_HOME']) dirs.push(join(vars['ANDROID_USER_HOME'], 'avd'));
  if (vars['ANDROID_EMULATOR_HOME']) dirs.push(join(vars['ANDROID_EMULATOR_HOME'], 'avd'));
  dirs.push(join(env.home, '.android', 'avd'));
  return dirs;
}

/** The `<name>.avd` folder an AVD's `<name>.ini` points at (`path=`, else `path.rel=`), or undefined. */
export function findAvdDir(env: AndroidEnv, avd: string): string | undefined {
  for (const dir of avdSearchPath(env)) {
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
