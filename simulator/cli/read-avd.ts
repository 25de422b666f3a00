import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { HarnessError } from '../../harness/errors/index.ts';
import type { DeviceProfile } from '../device/contracts.ts';
import { parseIni } from './parse-ini.ts';

/** The environment variables the emulator reads, in one place. */
export interface EmulatorEnv {
  home: string;
  androidHome: string | undefined;
  avdHome: string | undefined;
  emulatorHome: string | undefined;
  adbServerPort: number;
}

export function readEmulatorEnv(env: NodeJS.ProcessEnv): EmulatorEnv {
  const port = Number(env['ANDROID_ADB_SERVER_PORT'] || 5037);
  return {
    home: env['HOME'] || env['USERPROFILE'] || '/',
    androidHome: env['ANDROID_HOME'] || env['ANDROID_SDK_ROOT'] || undefined,
    avdHome: env['ANDROID_AVD_HOME'] || undefined,
    emulatorHome: env['ANDROID_EMULATOR_HOME'] || undefined,
    adbServerPort: Number.isInteger(port) && port > 0 ? port : 5037,
  };
}

/** Folders searched for `<name>.ini`, in the real emulator's order. */
export function avdSearchPath(env: EmulatorEnv): string[] {
  const dirs: string[] = [];
  if (env.avdHome) dirs.push(env.avdHome);
  if (env.emulatorHome) dirs.push(join(env.emulatorHome, 'avd'));
  dirs.push(join(env.home, '.android', 'avd'));
  return dirs;
}

/** AVD names for `-list-avds`: every `<name>.ini` in the first folders that exist. */
export function listAvds(env: EmulatorEnv): string[] {
  const names = new Set<string>();
  for (const dir of avdSearchPath(env)) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) if (entry.endsWith('.ini')) names.add(entry.slice(0, -'.ini'.length));
  }
  return [...names].sort();
}

export interface ResolvedAvd {
  name: string;
  /** `<name>.avd` folder (config.ini, snapshots, the lock file). */
  dir: string;
  /** Absolute system image folder. */
  systemDir: string;
  profile: DeviceProfile;
}

/** Why an AVD cannot be used: EMULATOR_LAUNCH_FAILED, its message worded like the real emulator's PANIC lines. */
function avdError(message: string, hint: string): HarnessError {
  return new HarnessError('EMULATOR_LAUNCH_FAILED', message, { hint });
}

/**
 * Reads an AVD as the emulator does: `<avd-home>/<name>.ini` (`path=`, `target=`), `<path>/config.ini`
 * (`hw.lcd.*`, `hw.device.*`, `image.sysdir.1`) and the system image's `build.prop` under the SDK.
 */
export function readAvd(name: string, env: EmulatorEnv): ResolvedAvd {
  const searched = avdSearchPath(env);
  const iniPath = searched.map((dir) => join(dir, `${name}.ini`)).find((path) => existsSync(path));
  if (!iniPath) {
    throw avdError(
      `Unknown AVD name [${name}], use -list-avds to see valid list.\n` +
        `HOME is defined but there is no file ${name}.ini in ${searched.join(' or ')}\n` +
        '(Note: Directories are searched in the order $ANDROID_AVD_HOME, $ANDROID_EMULATOR_HOME/avd and $HOME/.android/avd)',
      'create the AVD (for the virtual emulator: `npm run --silent virtual-sdk`) or set ANDROID_AVD_HOME',
    );
  }
  const ini = parseIni(readFileSync(iniPath, 'utf8'));
  const avdDirFromIni = ini.get('path') ?? '';
  const relative = ini.get('path.rel');
  const dir = existsSync(avdDirFromIni) ? avdDirFromIni : relative ? resolve(join(iniPath, '..', '..'), relative) : avdDirFromIni;
  if (!dir || !existsSync(join(dir, 'config.ini'))) {
    throw avdError(`Missing AVD folder or config.ini for [${name}] (path=${avdDirFromIni})`, `recreate the AVD; ${iniPath} points nowhere`);
  }
  const config = parseIni(readFileSync(join(dir, 'config.ini'), 'utf8'));
  const sysdir = config.get('image.sysdir.1') ?? '';
  const systemDir = isAbsolute(sysdir) ? sysdir : env.androidHome ? join(env.androidHome, sysdir) : '';
  if (!sysdir || !systemDir || !existsSync(systemDir)) {
    throw avdError(
      `Missing emulator engine program for 'x86_64' CPU.\n` +
        `Broken AVD system path. Check your ANDROID_SDK_ROOT value [${env.androidHome ?? ''}]! (image.sysdir.1=${sysdir})`,
      'point ANDROID_HOME at the SDK holding the system image (or regenerate the virtual SDK)',
    );
  }
  const buildPropPath = join(systemDir, 'build.prop');
  const props = existsSync(buildPropPath) ? parseIni(readFileSync(buildPropPath, 'utf8')) : new Map<string, string>();
  const targetApi = Number(/android-(\d+)/.exec(ini.get('target') ?? '')?.[1]);
  const apiLevel = Number(props.get('ro.build.version.sdk')) || targetApi || 33;
  return {
    name,
    dir,
    systemDir,
    profile: {
      avdName: name,
      apiLevel,
      release: props.get('ro.build.version.release') ?? releaseOf(apiLevel),
      manufacturer: props.get('ro.product.manufacturer') ?? config.get('hw.device.manufacturer') ?? 'Google',
      model: props.get('ro.product.model') ?? 'sdk_gphone64_x86_64',
      device: props.get('ro.product.device') ?? config.get('hw.device.name') ?? 'emu64x',
      screenWidth: Number(config.get('hw.lcd.width')) || 1080,
      screenHeight: Number(config.get('hw.lcd.height')) || 2400,
      density: Number(config.get('hw.lcd.density')) || 420,
      ...imageTagOf(config.get('tag.id')),
    },
  };
}

/** config.ini `tag.id` (google_apis, google_apis_playstore, default): decides whether the image is debuggable. */
function imageTagOf(tag: string | undefined): { imageTag?: string } {
  return tag === undefined || tag === '' ? {} : { imageTag: tag };
}

/** Android release names by API level, for images whose build.prop lacks ro.build.version.release. */
function releaseOf(apiLevel: number): string {
  const releases: Record<number, string> = { 26: '8.0.0', 27: '8.1.0', 28: '9', 29: '10', 30: '11', 31: '12', 32: '12', 33: '13', 34: '14', 35: '15' };
  return releases[apiLevel] ?? String(apiLevel - 20);
}
