/**
 * `.apks` archives: the APK sets bundletool writes (`bundletool build-apks`). Layout (bundletool's docs,
 * developer.android.com/tools/bundletool "Generate a set of APKs"): `toc.pb` (the BuildApksResult table
 * bundletool's own install-apks selects from), `splits/<module>-master.apk` and
 * `splits/<module>-<config>.apk` (Lollipop+ split APKs), `standalones/…` (pre-Lollipop), or a single
 * `universal.apk` (--mode=universal). Tools such as SAI write `base.apk` + `split_*.apk` at the top.
 *
 * The harness installs every APK of `splits/` (so build the set for the device: `--device-spec` or
 * `--connected-device`, or `bundletool extract-apks`), else `universal.apk`, else the top-level APKs.
 */
import { HarnessError } from '../errors/index.ts';
import { readApkSet, MAX_SET_APKS, type ApkSet } from './apk-set.ts';
import { loadApkFile, MAX_APK_BYTES } from './load-apk-file.ts';
import { openZip, readZipEntry, type ZipEntry } from './zip-reader.ts';

/** Whether a configured file names an APK set archive rather than one APK. */
export function isApksArchive(file: string): boolean {
  return file.toLowerCase().endsWith('.apks');
}

/** The APK files of an .apks archive, in archive order (base first when named so), as bytes. */
export function listApksArchive(buffer: Buffer, label: string): Array<{ name: string; label: string; bytes: Buffer }> {
  const zip = openZip(buffer, label);
  const apks = zip.entries.filter((entry) => entry.name.toLowerCase().endsWith('.apk') && !entry.name.endsWith('/'));
  const splits = apks.filter((entry) => /^splits\/[^/]+$/.test(entry.name));
  const universal = apks.filter((entry) => entry.name === 'universal.apk');
  const topLevel = apks.filter((entry) => !entry.name.includes('/'));
  const chosen = splits.length > 0 ? splits : universal.length > 0 ? universal : topLevel;
  if (chosen.length === 0) {
    const standalone = apks.some((entry) => entry.name.startsWith('standalones/'));
    throw new HarnessError('APK_INVALID', `${label} holds no installable APK set (no splits/*.apk, universal.apk or top-level *.apk${standalone ? '; only standalones/ for Android 4.x' : ''})`, {
      hint: 'build it with `bundletool build-apks --bundle app.aab --output app.apks --device-spec device.json` (or --mode=universal), or list base and split APKs under `splits:` instead',
    });
  }
  if (chosen.length > MAX_SET_APKS) {
    throw new HarnessError('APK_INVALID', `${label} holds ${chosen.length} APKs, more than the ${MAX_SET_APKS} of one split set`, {
      hint: 'build the set for one device (`bundletool build-apks --device-spec`), which keeps only the splits that device needs',
    });
  }
  const declared = chosen.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > MAX_APK_BYTES) {
    throw new HarnessError('APK_INVALID', `${label}: its APKs inflate to ${declared} bytes, more than the ${MAX_APK_BYTES} the harness reads of one set`, {
      hint: 'APK sets under test are tens of MB; this archive is damaged or built to exhaust memory (a ZIP bomb): do not use it',
    });
  }
  const names = new Set<string>();
  return chosen.map((entry: ZipEntry) => {
    const name = entry.name.slice(entry.name.lastIndexOf('/') + 1);
    if (names.has(name)) throw new HarnessError('APK_INVALID', `${label} holds ${name} twice`, { hint: 'rebuild the archive' });
    names.add(name);
    return { name, label: `${label}!${entry.name}`, bytes: readZipEntry(zip, entry, MAX_APK_BYTES) };
  });
}

/** Reads and checks the set inside an .apks archive at `path`. */
export async function readApksArchive(path: string): Promise<ApkSet> {
  const file = await loadApkFile(path);
  return readApkSet(listApksArchive(file.buffer, file.path), file.path);
}
