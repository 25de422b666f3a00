import { mkdtemp, readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AndroidEnv } from '../android/index.ts';
import { findFreePort, resolveAndroidEnv, runAdb } from '../android/index.ts';
import { HARNESS_VERSION } from '../version.ts';

/**
 * The round's own Android environment: its own HOME (adb keys, console token, Appium state) so
 * parallel rounds and the user's own adb never collide, and — for emulator rounds — its own adb server
 * port. The user's AVD folder stays visible (ANDROID_AVD_HOME) although HOME changes.
 */
export async function createRoundEnv(options: { env: NodeJS.ProcessEnv; physical: boolean }): Promise<AndroidEnv> {
  const home = await mkdtemp(join(tmpdir(), 'stalkerbench-home-'));
  const userHome = options.env['HOME'] ?? homedir();
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    ANDROID_AVD_HOME: options.env['ANDROID_AVD_HOME'] ?? join(options.env['ANDROID_EMULATOR_HOME'] ?? join(userHome, '.android'), 'avd'),
  };
  // Physical phones are attached to the user's adb server; emulators get a server of the round's own.
  const adbServerPort = options.physical ? undefined : await findFreePort(15_037);
  return resolveAndroidEnv({ env, home, ...(adbServerPort === undefined ? {} : { adbServerPort }) });
}

async function packageVersion(relativeManifest: string): Promise<string> {
  try {
    const text = await readFile(new URL(`../../node_modules/${relativeManifest}`, import.meta.url), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Versions recorded in round.json for the methodology section. */
export async function readToolVersions(env: AndroidEnv): Promise<{ version: string; node: string; adb: string; appium: string; driver: string }> {
  const adb = await runAdb(env, undefined, ['version'], { reject: false, timeoutMs: 10_000 }).catch(() => undefined);
  const adbVersion = adb ? (/Version ([^\s]+)/.exec(adb.stdout)?.[1] ?? adb.stdout.split('\n')[0] ?? 'unknown') : 'unknown';
  return {
    version: HARNESS_VERSION,
    node: process.version,
    adb: adbVersion,
    appium: await packageVersion('appium/package.json'),
    driver: await packageVersion('appium-uiautomator2-driver/package.json'),
  };
}
