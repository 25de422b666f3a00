import { loadApkFile } from './load-apk-file.ts';
import { openZip, readZipEntry } from './zip-reader.ts';

/** How errors name an APK given as bytes without a label. */
const BUFFER_LABEL = '<APK in memory>';

/**
 * The uncompressed bytes of entry `name` (e.g. `assets/behaviour.json`) of an APK held in memory,
 * or undefined when it has no such entry. Synchronous, for the simulator's install path.
 * @param label names the APK in error messages
 * @throws HarnessError APK_INVALID
 */
export function readApkEntryFromBuffer(apk: Buffer, name: string, label = BUFFER_LABEL): Buffer | undefined {
  const zip = openZip(apk, label);
  const entry = zip.byName.get(name);
  return entry === undefined ? undefined : readZipEntry(zip, entry);
}

/**
 * The uncompressed bytes of entry `name`, or undefined when the APK has no such entry.
 * @param apk a file path or the APK's bytes
 * @throws HarnessError FILE_NOT_FOUND, APK_INVALID
 */
export async function readApkEntry(apk: string | Buffer, name: string): Promise<Buffer | undefined> {
  if (typeof apk !== 'string') return readApkEntryFromBuffer(apk, name);
  const file = await loadApkFile(apk);
  return readApkEntryFromBuffer(file.buffer, name, file.path);
}
