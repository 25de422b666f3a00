/**
 * Test support: a booted virtual device and a `sh(line)` that runs one adb shell command line and
 * returns its stdout, stderr and exit status, as `adb shell` with shell_v2 would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createVirtualDevice, type VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import type { DeviceProfile } from '../../device/contracts.ts';

export const PROFILE_API33: DeviceProfile = {
  avdName: 'stalkerbench_pixel_api33', apiLevel: 33, release: '13', manufacturer: 'Google',
  model: 'sdk_gphone64_x86_64', device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420,
};

export const PROFILE_API29: DeviceProfile = {
  avdName: 'stalkerbench_pixel_api29', apiLevel: 29, release: '10', manufacturer: 'Google',
  model: 'Android SDK built for x86_64', device: 'generic_x86_64', screenWidth: 1080, screenHeight: 1920, density: 420,
};

export interface ShellResult {
  stdout: string;
  stderr: string;
  status: number;
  raw: Buffer;
}

export interface ShellRunOptions {
  stdin?: Buffer;
  signal?: AbortSignal;
}

export async function runLine(device: VirtualAndroidDevice, line: string, options: ShellRunOptions = {}): Promise<ShellResult> {
  const out: Buffer[] = [];
  let stderr = '';
  const stdin = options.stdin;
  const status = await device.runShell(line, {
    stdin: (async function* () { if (stdin !== undefined) yield stdin; })(),
    stdout: (chunk) => { out.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk); },
    stderr: (chunk) => { stderr += chunk.toString(); },
    signal: options.signal ?? new AbortController().signal,
  });
  const raw = Buffer.concat(out);
  return { stdout: raw.toString(), stderr, status, raw };
}

/** Runs one line and returns stdout and stderr as the terminal would show them, interleaved. */
export async function shellOutput(device: VirtualAndroidDevice, line: string): Promise<string> {
  let out = '';
  await device.runShell(line, {
    stdin: (async function* () {})(),
    stdout: (chunk) => { out += String(chunk); },
    stderr: (chunk) => { out += String(chunk); },
    signal: new AbortController().signal,
  });
  return out;
}

/** A device whose boot has completed (boot delay 0) and a runner bound to it. */
export async function bootDevice(profile: DeviceProfile = PROFILE_API33): Promise<{
  device: VirtualAndroidDevice;
  sh: (line: string, options?: ShellRunOptions) => Promise<ShellResult>;
}> {
  const device = createVirtualDevice({ profile, serial: 'emulator-5554', bootDelayMs: 0 });
  await new Promise<void>((resolve) => {
    if (device.getProp('sys.boot_completed') === '1') resolve();
    else device.events.once('bootCompleted', () => resolve());
  });
  return { device, sh: (line, options) => runLine(device, line, options) };
}

const APPIUM_APKS = '../../../node_modules/appium-uiautomator2-driver/node_modules/';

/** The real Appium helper APKs that appium-uiautomator2-driver installs on every device. */
export const APPIUM_APK = {
  settings: new URL(`${APPIUM_APKS}io.appium.settings/apks/settings_apk-debug.apk`, import.meta.url),
  server: new URL(`${APPIUM_APKS}appium-uiautomator2-server/apks/appium-uiautomator2-server-v10.6.6.apk`, import.meta.url),
  serverTest: new URL(`${APPIUM_APKS}appium-uiautomator2-server/apks/appium-uiautomator2-server-debug-androidTest.apk`, import.meta.url),
} as const;

export function readApk(url: URL): Buffer {
  return readFileSync(fileURLToPath(url));
}

/** Installs an APK the way `adb install -r [-g]` does with the `cmd` feature. */
export async function installVia(sh: (line: string, options?: ShellRunOptions) => Promise<ShellResult>, apk: Buffer, flags = '-r'): Promise<ShellResult> {
  return sh(`cmd package 'install' ${flags} -S ${apk.length}`, { stdin: apk });
}

/** A demo fixture APK from scenarios/apks (built by `npm run fixtures`). */
export function fixtureApk(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../../scenarios/apks/${name}.apk`, import.meta.url)));
}
