import type { AndroidEnv } from '../android/index.ts';
import { runAdb } from '../android/index.ts';
import { HarnessError } from '../errors/index.ts';
import { hashFile } from '../config/index.ts';

export interface InstallApkOptions {
  env: AndroidEnv;
  serial: string;
  file: string;
  /** The pinned SHA-256; checked again right before the install. */
  sha256: string;
  /** -g: grant every runtime permission. */
  grantAll: boolean;
  /**
   * -t: the APK is test-only (`android:testOnly`, as Android Studio's debug builds are), which
   * Android installs only with this flag. The file is pinned, so this only lets the chosen APK in.
   */
  testOnly: boolean;
  what: string;
  signal: AbortSignal;
}

/**
 * `adb install -r [-t] [-g] <apk>`, after checking the file still has its pinned hash: a sample that
 * changed on disk during the round is never installed. Resolves to the host time the install
 * finished (the start of "time to alert").
 */
export async function installApk(options: InstallApkOptions): Promise<number> {
  const actual = await hashFile(options.file);
  if (actual !== options.sha256) {
    throw new HarnessError('SAMPLE_HASH_MISMATCH', `${options.what}: ${options.file} changed during the round (SHA-256 ${actual}, pinned ${options.sha256}); not installed`, {
      hint: 'restore the pinned file and resume the round',
    });
  }
  const args = ['install', '-r', ...(options.testOnly ? ['-t'] : []), ...(options.grantAll ? ['-g'] : []), options.file];
  const result = await runAdb(options.env, options.serial, args, { timeoutMs: 180_000, signal: options.signal, reject: false });
  checkInstallOutput(result, options);
  return Date.now();
}

/** Throws INSTALL_FAILED unless adb printed `Success` and exited 0 (`adb install` and `adb install-multiple` alike). */
export function checkInstallOutput(
  result: { exitCode: number | undefined; stdout: string; stderr: string },
  options: { what: string; serial: string },
): void {
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.exitCode !== 0 || !/^Success/m.test(output)) {
    const reason = /Failure \[([^\]]+)\]/.exec(output)?.[1] ?? output.trim().split('\n').slice(-2).join(' / ');
    const refusal = explainApkRefusal(reason);
    throw new HarnessError('INSTALL_FAILED', `installing ${options.what} on ${options.serial} failed: ${reason}${refusal === undefined ? '' : ` (${refusal})`}`, {
      hint: refusal === undefined
        ? 'check the APK installs on this API level (`adb install` by hand); the case is retried on a fresh device'
        : 'Android refuses this APK itself, so every device of this profile will: the case stays an error, never a verdict; use a build of the app this device accepts',
    });
  }
}

/**
 * Why Android refuses an APK as built (the same on every device of the profile), for the codes
 * PackageManager prints (`Failure [CODE: message]`); undefined for failures a fresh device may not repeat.
 */
export function explainApkRefusal(reason: string): string | undefined {
  const code = reason.split(':')[0]?.trim() ?? '';
  return APK_REFUSALS[code];
}

const APK_REFUSALS: Readonly<Record<string, string>> = {
  INSTALL_FAILED_NO_MATCHING_ABIS: 'its native code is for none of the device\'s ABIs, e.g. ARM-only libraries on an x86_64 image without ARM translation',
  INSTALL_PARSE_FAILED_NO_CERTIFICATES: 'it is unsigned, or targets API 30+ with JAR signing only (v2+ required)',
  '-124': 'it targets API 30+ with a compressed or unaligned resources.arsc',
  INSTALL_PARSE_FAILED_MANIFEST_MALFORMED: 'its manifest is refused, e.g. targetSdk 31+ with an intent-filter and no explicit android:exported',
  INSTALL_FAILED_OLDER_SDK: 'its minSdkVersion is above the device\'s API level',
  INSTALL_FAILED_CONFLICTING_PROVIDER: 'a content provider authority it declares belongs to an installed package',
  INSTALL_FAILED_DUPLICATE_PERMISSION: 'a permission it defines is already defined by a package with another certificate',
  INSTALL_FAILED_TEST_ONLY: 'it is test-only (android:testOnly) and was installed without -t',
  INSTALL_FAILED_INVALID_APK: 'Android refuses the APK or split set as built, e.g. splits of another package or version, no base, or a split name given twice',
};
