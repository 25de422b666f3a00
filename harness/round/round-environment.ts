import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AndroidEnv } from '../android/index.ts';
import { findFreePort, resolveAndroidEnv, runAdb } from '../android/index.ts';
import { HarnessError } from '../errors/index.ts';
import { HARNESS_VERSION } from '../version.ts';
import { projectPath } from '../project-root.ts';
import type { ProcessIdentity } from './process-identity.ts';
import { createRoundHome, roundTmpDir } from './round-home.ts';

/** Where the round's local ports start; each is the first one tried, the next free one is taken. */
export interface RoundPorts {
  /** First emulator console port of the pool (even; adb uses console + 1). */
  emulators: number;
  /** The round's own adb server. */
  adbServer: number;
  /** The local Appium server. */
  appium: number;
  /** UiAutomator2 `systemPort` of the session that prepares the clean snapshot. */
  prepareSystemPort: number;
  /** First UiAutomator2 `systemPort` of the cases (one per device). */
  caseSystemPorts: number;
}

/** The ports a round uses when STALKERBENCH_PORT_BASE is not set. */
export const DEFAULT_ROUND_PORTS: RoundPorts = { emulators: 5600, adbServer: 15_037, appium: 14_723, prepareSystemPort: 18_100, caseSystemPorts: 18_200 };

/**
 * The round's base ports. Ports are taken "next free at or above", which is racy between two
 * rounds starting on one machine at once (both see a port free before either binds it); giving each
 * round its own `STALKERBENCH_PORT_BASE` puts them in disjoint 400-port blocks:
 * emulators base…base+199, adb server base+200, Appium base+201, systemPorts base+210 and base+300….
 * This is the one place that reads the variable.
 */
export function resolveRoundPorts(env: NodeJS.ProcessEnv): RoundPorts {
  const text = env['STALKERBENCH_PORT_BASE'];
  if (text === undefined || text === '') return DEFAULT_ROUND_PORTS;
  const base = Number(text);
  if (!Number.isInteger(base) || base < 1024 || base > 64_000) {
    throw new HarnessError('CONFIG_INVALID', `STALKERBENCH_PORT_BASE is not a usable port base: ${text}`, {
      hint: 'set it to an integer between 1024 and 64000 (e.g. 30000), or unset it for the default ports',
    });
  }
  const emulators = base % 2 === 0 ? base : base + 1;
  return { emulators, adbServer: base + 200, appium: base + 201, prepareSystemPort: base + 210, caseSystemPorts: base + 300 };
}

/**
 * The round's own Android environment: its own HOME (adb keys, console token, Appium state) so
 * parallel rounds and the user's own adb never collide, and — for emulator rounds — its own adb server
 * port. The user's AVD folder stays visible although HOME changes: resolveAndroidEnv resolves it from
 * the user's environment (ANDROID_AVD_HOME, ANDROID_USER_HOME/avd, ANDROID_EMULATOR_HOME/avd,
 * ~/.android/avd) and gives the children ANDROID_AVD_HOME, with ANDROID_USER_HOME and
 * ANDROID_EMULATOR_HOME set to the round HOME's `.android`, so the emulators and the round's adb
 * server use one adbkey. The HOME is created in the run's TMPDIR and named for `owner`, the run, so a
 * later run can clean it up if this one is killed.
 */
export async function createRoundEnv(options: { env: NodeJS.ProcessEnv; physical: boolean; ports: RoundPorts; owner: Pick<ProcessIdentity, 'pid' | 'startTime'> }): Promise<AndroidEnv> {
  const home = await createRoundHome(roundTmpDir(options.env), options.owner);
  await mkdir(join(home, '.android'), { recursive: true });
  // Physical phones are attached to the user's adb server; emulators get a server of the round's own.
  const adbServerPort = options.physical ? undefined : await findFreePort(options.ports.adbServer);
  return resolveAndroidEnv({ env: options.env, home, ...(adbServerPort === undefined ? {} : { adbServerPort }) });
}

async function packageVersion(relativeManifest: string): Promise<string> {
  try {
    const text = await readFile(projectPath('node_modules', relativeManifest), 'utf8');
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
