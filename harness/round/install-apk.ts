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
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.exitCode !== 0 || !/^Success/m.test(output)) {
    const reason = /Failure \[([^\]]+)\]/.exec(output)?.[1] ?? output.trim().split('\n').slice(-2).join(' / ');
    throw new HarnessError('INSTALL_FAILED', `installing ${options.what} on ${options.serial} failed: ${reason}`, {
      hint: 'check the APK installs on this API level (`adb install` by hand); the case is retried on a fresh device',
    });
  }
  return Date.now();
}
