import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';

/**
 * Where the Android SDK tools are and which adb server to talk to. This is the one place that
 * reads ANDROID_HOME, ANDROID_SDK_ROOT, ANDROID_AVD_HOME, ANDROID_ADB_SERVER_PORT and HOME; the rest
 * of the harness receives an AndroidEnv and passes `childEnv` to every process it starts.
 */
export interface AndroidEnv {
  sdkRoot: string;
  adbPath: string;
  emulatorPath: string;
  /** Port of the adb server (`ANDROID_ADB_SERVER_PORT`, default 5037). */
  adbServerPort: number;
  /** HOME for adb, the emulators and Appium (adb keys, console auth token). */
  home: string;
  avdHome: string | undefined;
  /** The environment every child process gets. */
  childEnv: Record<string, string>;
}

export interface ResolveAndroidEnvOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides `ANDROID_ADB_SERVER_PORT`. */
  adbServerPort?: number;
  /** Overrides HOME (give each round, and each parallel test, its own). */
  home?: string;
}

export function resolveAndroidEnv(options: ResolveAndroidEnvOptions = {}): AndroidEnv {
  const env = options.env ?? process.env;
  const sdkRoot = env['ANDROID_HOME'] || env['ANDROID_SDK_ROOT'];
  if (!sdkRoot) {
    throw new HarnessError('SETUP_MISSING', 'ANDROID_HOME is not set', {
      hint: 'point ANDROID_HOME at an Android SDK (real, or the virtual one printed by `npm run --silent virtual-sdk`)',
    });
  }
  const adbPath = join(sdkRoot, 'platform-tools', 'adb');
  if (!existsSync(adbPath)) {
    throw new HarnessError('SETUP_MISSING', `no adb at ${adbPath}`, {
      hint: 'install the SDK platform-tools (`sdkmanager platform-tools`) or regenerate the virtual SDK',
    });
  }
  const portText = options.adbServerPort !== undefined ? String(options.adbServerPort) : env['ANDROID_ADB_SERVER_PORT'];
  const adbServerPort = portText ? Number(portText) : 5037;
  if (!Number.isInteger(adbServerPort) || adbServerPort <= 0 || adbServerPort > 65535) {
    throw new HarnessError('CONFIG_INVALID', `ANDROID_ADB_SERVER_PORT is not a port: ${portText}`, {
      hint: 'set it to a free TCP port such as 5037',
    });
  }
  const home = options.home ?? env['HOME'] ?? homedir();
  const avdHome = env['ANDROID_AVD_HOME'] || undefined;
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
  Object.assign(childEnv, {
    ANDROID_HOME: sdkRoot,
    ANDROID_SDK_ROOT: sdkRoot,
    ANDROID_ADB_SERVER_PORT: String(adbServerPort),
    HOME: home,
  });
  if (avdHome) childEnv['ANDROID_AVD_HOME'] = avdHome;
  return {
    sdkRoot,
    adbPath,
    emulatorPath: join(sdkRoot, 'emulator', 'emulator'),
    adbServerPort,
    home,
    avdHome,
    childEnv,
  };
}
