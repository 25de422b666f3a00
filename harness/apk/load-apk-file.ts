import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HarnessError } from '../errors/index.ts';

/**
 * The largest APK the harness reads into memory. Android's own install path accepts bigger files, but
 * the APKs a lab tests (security apps, stalkerware) are tens of MB; a multi-gigabyte "APK" is damaged
 * or hostile and is refused before it is read.
 */
export const MAX_APK_BYTES = 1024 * 1024 * 1024;

/** Reads a whole APK into memory (APKs are tens of MB at most) with errors that name the path. */
export async function loadApkFile(path: string): Promise<{ path: string; buffer: Buffer }> {
  const absolute = resolve(path);
  try {
    const info = await stat(absolute);
    if (info.isFile() && info.size > MAX_APK_BYTES) {
      throw new HarnessError('APK_INVALID', `${absolute} is ${info.size} bytes, more than the ${MAX_APK_BYTES} bytes the harness reads of one APK`, {
        hint: 'APKs under test are tens of MB; check that the path names the APK and not a disk image or archive of many files',
      });
    }
    return { path: absolute, buffer: await readFile(absolute) };
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    if (code === 'ENOENT') {
      throw new HarnessError('FILE_NOT_FOUND', `APK file ${absolute} does not exist`, {
        hint: 'check the path; relative paths are resolved against the current directory',
        cause: error,
      });
    }
    if (code === 'EISDIR') {
      throw new HarnessError('APK_INVALID', `${absolute} is a directory, not an APK file`, { hint: 'pass the path of an .apk file', cause: error });
    }
    throw new HarnessError('FILE_NOT_FOUND', `APK file ${absolute} cannot be read (${code ?? 'unknown error'})`, {
      hint: 'check that the file exists and that you may read it',
      cause: error,
    });
  }
}
