import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HarnessError } from '../errors/index.ts';

/** Reads a whole APK into memory (APKs are tens of MB at most) with errors that name the path. */
export async function loadApkFile(path: string): Promise<{ path: string; buffer: Buffer }> {
  const absolute = resolve(path);
  try {
    return { path: absolute, buffer: await readFile(absolute) };
  } catch (error) {
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
