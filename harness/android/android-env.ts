import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';

/**
 * Where the Android SDK tools are and which adb server to talk to. This is the one place that
 * reads ANDROID_HOME, ANDROID_SDK_ROOT, ANDROID_AVD_HOME, ANDROID_USER_HOME, ANDROID_EMULATOR_HOME,
 * ANDROID_ADB_SERVER_PORT and HOME; the rest of the harness receives an AndroidEnv and passes
 * `childEnv` to every process it starts.
 */
export interface AndroidEnv {
  sdkRoot: string;
  adbPath: string;
  emulatorPath: string;
  /** Port of the adb server (`ANDROID_ADB_SERVER_PORT`, default 5037). */
  adbServerPort: number;
  /** HOME for adb, the emulators and Appium (adb keys, console auth token). */
  home: string;
  /** The AVD folder, resolved from the caller's environment by {@link resolveAvdHome}. */
  avdHome: string;
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

/** The SDK folder (`ANDROID_HOME`, else `ANDROID_SDK_ROOT`), or undefined when neither is set. */
export function findSdkRoot(env: NodeJS.ProcessEnv): string | undefined {
  return env['ANDROID_HOME'] || env['ANDROID_SDK_ROOT'] || undefined;
}

/**
 * The folder that holds the AVDs (`NAME.ini` and `NAME.avd/`), in the order Android documents
 * (developer.android.com/tools/variables): `ANDROID_AVD_HOME`, else `$ANDROID_USER_HOME/avd`, else
 * `$ANDROID_EMULATOR_HOME/avd`, else `~/.android/avd`. The round, `stalkerbench devices` and
 * scripts/setup-android-sdk.ts all look here, so an AVD the set-up creates is the one a round starts.
 */
export function resolveAvdHome(env: NodeJS.ProcessEnv): string {
  if (env['ANDROID_AVD_HOME']) return env['ANDROID_AVD_HOME'];
  if (env['ANDROID_USER_HOME']) return join(env['ANDROID_USER_HOME'], 'avd');
  if (env['ANDROID_EMULATOR_HOME']) return join(env['ANDROID_EMULATOR_HOME'], 'avd');
  return join(env['HOME'] || homedir(), '.android', 'avd');
}

export function resolveAndroidEnv(options: ResolveAndroidEnvOptions = {}): AndroidEnv {
  const env = options.env ?? process.env;
  const sdkRoot = findSdkRoot(env);
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
  const home = options.home ?? (env['HOME'] || homedir());
  // Resolved from the caller's own environment, before HOME is replaced: the user's AVDs stay visible.
  const avdHome = resolveAvdHome(env);
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
  // One keys folder for every child: adb reads its adbkey from $HOME/.android (older adb from
  // $ANDROID_SDK_HOME/.android), the emulator gives the guest adbkey.pub from ANDROID_EMULATOR_HOME,
  // else $ANDROID_SDK_HOME/.android, else $HOME/.android (ConfigDirs::getUserDirectory), newer tools
  // use ANDROID_USER_HOME. An inherited value of any of them would split the emulator's key from the
  // round's adb server's, and the device would show as "unauthorized".
  delete childEnv['ANDROID_SDK_HOME'];
  const keysFolder = join(home, '.android');
  Object.assign(childEnv, {
    ANDROID_HOME: sdkRoot,
    ANDROID_SDK_ROOT: sdkRoot,
    ANDROID_ADB_SERVER_PORT: String(adbServerPort),
    HOME: home,
    ANDROID_USER_HOME: keysFolder,
    ANDROID_EMULATOR_HOME: keysFolder,
    ANDROID_AVD_HOME: avdHome,
  });
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
