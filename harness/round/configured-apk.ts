/**
 * What a product profile's `apk` or a catalogue's sample names: one APK, a base APK with pinned
 * `splits`, or an `.apks` archive (bundletool's APK set). Reads its identity (the base's for a set)
 * and, for a set, every file that will be installed with its SHA-256, for the round's evidence.
 */
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { readApkIdentity, type ApkIdentity } from '../apk/index.ts';
import { readApkSet, type ApkSet } from '../apk/apk-set.ts';
import { loadApkFile } from '../apk/load-apk-file.ts';
import { isApksArchive, listApksArchive } from '../apk/read-apks-archive.ts';
import type { PinnedFile } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';

export interface ConfiguredApk {
  file: string;
  sha256: string;
  splits?: readonly PinnedFile[] | undefined;
}

/** One APK of an installed split set: its file name as passed to `adb install-multiple` and its hash. */
export interface SetFile {
  name: string;
  sha256: string;
  size: number;
  /** The split name (`config.xxhdpi`); absent for the base. */
  split?: string;
}

export interface ConfiguredIdentity {
  /** The single APK's, or the set's base APK's. */
  identity: ApkIdentity;
  /** Every APK of a split set, base first; absent for a single APK. */
  setFiles?: SetFile[];
}

/** Whether the entry installs through `adb install-multiple`. */
export function isSplitSet(apk: ConfiguredApk): boolean {
  return apk.splits !== undefined || isApksArchive(apk.file);
}

/**
 * Reads the set's APKs (from the archive, or the base and each split file) and checks they form one app.
 * With `changedDuring`, each file's bytes as read are checked against their pin first: what is then
 * installed is exactly what was hashed, with no window for a file to change in between.
 */
export async function readConfiguredSet(apk: ConfiguredApk, changedDuring?: string): Promise<ApkSet> {
  const pins = [{ file: apk.file, sha256: apk.sha256 }, ...(isApksArchive(apk.file) ? [] : apk.splits ?? [])];
  const files = await Promise.all(pins.map(async (pin) => {
    const loaded = await loadApkFile(pin.file);
    const actual = createHash('sha256').update(loaded.buffer).digest('hex');
    if (changedDuring !== undefined && actual !== pin.sha256) {
      throw new HarnessError('SAMPLE_HASH_MISMATCH', `${changedDuring}: ${pin.file} changed during the round (SHA-256 ${actual}, pinned ${pin.sha256}); no APK of the set installed`, {
        hint: 'restore the pinned file and resume the round',
      });
    }
    return loaded;
  }));
  if (isApksArchive(apk.file)) return readApkSet(listApksArchive(files[0]!.buffer, files[0]!.path), files[0]!.path);
  return readApkSet(files.map((file) => ({ name: basename(file.path), label: file.path, bytes: file.buffer })), apk.file);
}

/** The identity of a configured APK and, for a split set, the files it installs. */
export async function readConfiguredApk(apk: ConfiguredApk): Promise<ConfiguredIdentity> {
  if (!isSplitSet(apk)) return { identity: await readApkIdentity(apk.file) };
  const set = await readConfiguredSet(apk);
  return { identity: set.base.identity, setFiles: describeSet(set) };
}

/** Base first, then the splits in the order given. */
export function describeSet(set: ApkSet): SetFile[] {
  return [set.base, ...set.splits].map((member) => ({
    name: member.name,
    sha256: createHash('sha256').update(member.bytes).digest('hex'),
    size: member.bytes.length,
    ...(member.identity.splitName === undefined ? {} : { split: member.identity.splitName }),
  }));
}
