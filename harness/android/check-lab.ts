import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { findSdkRoot, resolveAvdHome } from './android-env.ts';

/** What a lab needs of a device profile: its AVD and the system image the AVD is made from. */
export interface LabProfile {
  name: string;
  avd: string;
  /** sdkmanager package, e.g. `system-images;android-33;google_apis;x86_64`. */
  systemImage: string;
}

/** One thing a lab needs, whether it is there, and the command that puts it there. */
export interface LabFinding {
  /** e.g. `ANDROID_HOME`, `adb`, `AVD stalkerbench_pixel_api33`, `KVM`. */
  subject: string;
  ok: boolean;
  /** The path found, or what is wrong. */
  detail: string;
  /** The command (or step) that fixes it; only when not ok. */
  fix?: string;
  /** False for what only setting the lab up needs (cmdline-tools): rounds run without it. */
  neededForRounds: boolean;
}

export interface CheckLabOptions {
  env: NodeJS.ProcessEnv;
  profiles: readonly LabProfile[];
  /** The KVM device node. @default '/dev/kvm' */
  kvmDevice?: string;
  signal?: AbortSignal;
}

/** The command that sets a whole lab up, named in every fix that it covers. */
export const SETUP_COMMAND = 'node bin/run-ts.js scripts/setup-android-sdk.ts';

/** Paths of the SDK tools under `sdkRoot`. */
export function sdkToolPaths(sdkRoot: string): { sdkmanager: string; avdmanager: string; adb: string; emulator: string } {
  return {
    sdkmanager: join(sdkRoot, 'cmdline-tools', 'latest', 'bin', 'sdkmanager'),
    avdmanager: join(sdkRoot, 'cmdline-tools', 'latest', 'bin', 'avdmanager'),
    adb: join(sdkRoot, 'platform-tools', 'adb'),
    emulator: join(sdkRoot, 'emulator', 'emulator'),
  };
}

/** `system-images;android-33;google_apis;x86_64` → `<sdkRoot>/system-images/android-33/google_apis/x86_64`. */
export function systemImagePath(sdkRoot: string, systemImage: string): string {
  return join(sdkRoot, ...systemImage.split(';'));
}

/**
 * Everything a lab needs to run rounds on the given profiles, each with the command that fixes it:
 * ANDROID_HOME, the command-line tools, adb, the emulator, each profile's system image and AVD (in the
 * folder {@link resolveAvdHome} finds), and KVM. Never throws for a missing part: it is a finding.
 */
export async function checkLab(options: CheckLabOptions): Promise<LabFinding[]> {
  const findings: LabFinding[] = [];
  const sdkRoot = findSdkRoot(options.env);
  const avdHome = resolveAvdHome(options.env);
  if (!sdkRoot) {
    findings.push({
      subject: 'ANDROID_HOME', ok: false, neededForRounds: true, detail: 'not set (nor ANDROID_SDK_ROOT)',
      fix: `export ANDROID_HOME="$HOME/Android/Sdk", then ${SETUP_COMMAND}`,
    });
  } else {
    const tools = sdkToolPaths(sdkRoot);
    findings.push({ subject: 'ANDROID_HOME', ok: true, neededForRounds: true, detail: sdkRoot });
    const cmdlineTools = existsSync(tools.sdkmanager) && existsSync(tools.avdmanager);
    findings.push(cmdlineTools
      ? { subject: 'cmdline-tools', ok: true, neededForRounds: false, detail: join(sdkRoot, 'cmdline-tools', 'latest') }
      : {
        subject: 'cmdline-tools', ok: false, neededForRounds: false, detail: `no sdkmanager/avdmanager in ${join(sdkRoot, 'cmdline-tools', 'latest', 'bin')}`,
        fix: `download "Command line tools only" for Linux from https://developer.android.com/studio#command-line-tools-only, then ${SETUP_COMMAND} --cmdline-tools-zip <the zip>`,
      });
    for (const [subject, path, sdkPackage] of [['adb', tools.adb, 'platform-tools'], ['emulator', tools.emulator, 'emulator']] as const) {
      findings.push(existsSync(path)
        ? { subject, ok: true, neededForRounds: true, detail: path }
        : { subject, ok: false, neededForRounds: true, detail: `no ${path}`, fix: `${tools.sdkmanager} --install ${sdkPackage}` });
    }
    for (const systemImage of new Set(options.profiles.map((profile) => profile.systemImage))) {
      const path = systemImagePath(sdkRoot, systemImage);
      const users = options.profiles.filter((profile) => profile.systemImage === systemImage).map((profile) => profile.name).join(', ');
      findings.push(existsSync(path)
        ? { subject: `system image ${systemImage}`, ok: true, neededForRounds: true, detail: `${path} (profile ${users})` }
        : { subject: `system image ${systemImage}`, ok: false, neededForRounds: true, detail: `not installed (profile ${users})`, fix: `${tools.sdkmanager} --install "${systemImage}"` });
    }
  }
  for (const profile of options.profiles) {
    const ini = join(avdHome, `${profile.avd}.ini`);
    const avdmanager = sdkRoot ? sdkToolPaths(sdkRoot).avdmanager : 'avdmanager';
    findings.push(existsSync(ini)
      ? { subject: `AVD ${profile.avd}`, ok: true, neededForRounds: true, detail: `${ini} (profile ${profile.name})` }
      : {
        subject: `AVD ${profile.avd}`, ok: false, neededForRounds: true, detail: `no ${ini} (profile ${profile.name})`,
        fix: `${SETUP_COMMAND} (or: ANDROID_AVD_HOME=${avdHome} ${avdmanager} create avd --name ${profile.avd} --package "${profile.systemImage}" --device pixel_6)`,
      });
  }
  if (sdkRoot && existsSync(sdkToolPaths(sdkRoot).emulator) && isVirtualEmulator(sdkRoot)) {
    findings.push({ subject: 'KVM', ok: true, neededForRounds: true, detail: 'not needed: this SDK\'s emulator is the stalkerbench virtual emulator' });
  } else {
    findings.push(...await checkKvm({
      kvmDevice: options.kvmDevice ?? '/dev/kvm',
      ...(sdkRoot && existsSync(sdkToolPaths(sdkRoot).emulator) ? { emulatorPath: sdkToolPaths(sdkRoot).emulator } : {}),
      env: options.env,
      ...(options.signal ? { signal: options.signal } : {}),
    }));
  }
  return findings;
}

/** The virtual SDK's `emulator/source.properties` says so (simulator/sdk/write-virtual-sdk.ts). */
function isVirtualEmulator(sdkRoot: string): boolean {
  try {
    return readFileSync(join(sdkRoot, 'emulator', 'source.properties'), 'utf8').includes('stalkerbench virtual emulator');
  } catch {
    return false;
  }
}

/**
 * Whether the real emulator can use hardware acceleration: the KVM device exists and this user may
 * read and write it, and — when the emulator is installed — `emulator -accel-check` reports it usable.
 */
export async function checkKvm(options: { kvmDevice: string; emulatorPath?: string; env: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<LabFinding[]> {
  const findings: LabFinding[] = [];
  if (!existsSync(options.kvmDevice)) {
    findings.push({
      subject: 'KVM', ok: false, neededForRounds: true, detail: `${options.kvmDevice} does not exist: the emulator would run without acceleration (minutes per boot) or refuse to start`,
      fix: 'enable virtualization (VT-x/AMD-V) in the firmware and load the module: sudo modprobe kvm_intel (or kvm_amd); on a cloud VM pick an instance type with nested virtualization or bare metal',
    });
  } else {
    const usable = await access(options.kvmDevice, constants.R_OK | constants.W_OK).then(() => true, () => false);
    findings.push(usable
      ? { subject: 'KVM', ok: true, neededForRounds: true, detail: `${options.kvmDevice} is readable and writable` }
      : {
        subject: 'KVM', ok: false, neededForRounds: true, detail: `${options.kvmDevice} exists but this user may not open it for reading and writing`,
        fix: 'sudo usermod -aG kvm "$USER", then log out and in again (check with: ls -l /dev/kvm; id)',
      });
  }
  if (options.emulatorPath) {
    const result = await execa(options.emulatorPath, ['-accel-check'], {
      env: options.env, reject: false, stdin: 'ignore', timeout: 60_000, all: true,
      ...(options.signal ? { cancelSignal: options.signal } : {}),
    });
    const output = result.all ?? '';
    const check = parseAccelCheck(output, result.exitCode);
    findings.push(check.usable
      ? { subject: 'emulator -accel-check', ok: true, neededForRounds: true, detail: check.message }
      : {
        subject: 'emulator -accel-check', ok: false, neededForRounds: true,
        detail: `${options.emulatorPath} -accel-check exited ${result.exitCode ?? (result.timedOut ? 'on timeout after 60 s' : 'on a signal')}: ${check.message}`,
        fix: 'follow the emulator\'s message above; see https://developer.android.com/studio/run/emulator-acceleration#vm-linux',
      });
  }
  return findings;
}

/**
 * Reads what `emulator -accel-check` prints: `accel:`, a status number (0 = usable), the message, and
 * a closing `accel`. Anything else is reported as it came, judged by the exit code.
 */
export function parseAccelCheck(output: string, exitCode: number | undefined): { usable: boolean; message: string } {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const start = lines.indexOf('accel:');
  const status = start >= 0 ? lines[start + 1] : undefined;
  if (start >= 0 && status !== undefined && /^\d+$/.test(status)) {
    const rest = lines.slice(start + 2);
    const end = rest.indexOf('accel');
    const message = (end >= 0 ? rest.slice(0, end) : rest).join(' ');
    return { usable: Number(status) === 0 && exitCode === 0, message: message || `status ${status}` };
  }
  return { usable: exitCode === 0, message: lines.slice(-3).join(' ') || 'no output' };
}
