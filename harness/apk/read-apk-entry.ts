import { loadApkFile } from './load-apk-file.ts';
import { openZip, readZipEntry } from './zip-reader.ts';

/** How errors name an APK given as bytes. */
const BUFFER_LABEL = '<APK in memory>';

/**
 * The uncompressed bytes of entry `name` (e.g. `assets/behaviour.yaml`), or undefined when the APK
 * has no such entry.
 * @param apk a file path or the APK's bytes
 * @throws HarnessError FILE_NOT_FOUND, APK_INVALID
 */
export async function readApkEntry(apk: string | Buffer, name: string): Promise<Buffer | undefined> {
  const { buffer, path } = typeof apk === 'string' ? await loadApkFile(apk) : { buffer: apk, path: BUFFER_LABEL };
  const zip = openZip(buffer, path);
  const entry = zip.byName.get(name);
  return entry === undefined ? undefined : readZipEntry(zip, entry);
}
