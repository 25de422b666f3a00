import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AndroidEnv } from '../android/index.ts';
import { runAdb } from '../android/index.ts';
import type { PinnedFile } from '../config/index.ts';
import { readConfiguredSet, describeSet, type SetFile } from './configured-apk.ts';
import { checkInstallOutput } from './install-apk.ts';

export interface InstallApkSetOptions {
  env: AndroidEnv;
  serial: string;
  /** The base APK, or the `.apks` archive. */
  file: string;
  /** Its pinned SHA-256. */
  sha256: string;
  /** Pinned split files beside a base APK; absent for an `.apks` archive. */
  splits?: readonly PinnedFile[] | undefined;
  grantAll: boolean;
  testOnly: boolean;
  what: string;
  signal: AbortSignal;
}

/**
 * `adb install-multiple -r [-t] [-g] <base.apk> <split.apk>…` after checking every file still has its
 * pinned hash and the set is still one app: a changed file means nothing is installed at all. adb runs
 * one install session (client/adb_install.cpp install_multiple_app: `install-create`, one
 * `install-write -S <size> <session> <name> -` per APK, `install-commit`), so the device installs all
 * of the set or none of it. An `.apks` archive's APKs are written to a private temporary folder first.
 * Resolves to the host time the install finished and the files installed.
 */
export async function installApkSet(options: InstallApkSetOptions): Promise<{ installedAt: number; files: SetFile[] }> {
  // Every file is hashed as read; what is installed is those verified bytes.
  const set = await readConfiguredSet({ file: options.file, sha256: options.sha256, splits: options.splits }, options.what);
  const dir = await mkdtemp(join(tmpdir(), 'stalkerbench-apkset-'));
  try {
    const paths: string[] = [];
    for (const member of [set.base, ...set.splits]) {
      const path = join(dir, member.name);
      await writeFile(path, member.bytes, { mode: 0o600 });
      paths.push(path);
    }
    const args = ['install-multiple', '-r', ...(options.testOnly ? ['-t'] : []), ...(options.grantAll ? ['-g'] : []), ...paths];
    const result = await runAdb(options.env, options.serial, args, { timeoutMs: 180_000, signal: options.signal, reject: false });
    checkInstallOutput(result, options);
    return { installedAt: Date.now(), files: describeSet(set) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
