import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { readApkIdentityFromBuffer, type ApkIdentity } from '../apk/index.ts';
import { MAX_APK_BYTES } from '../apk/load-apk-file.ts';
import { HarnessError } from '../errors/index.ts';

/**
 * The largest file ingest reads by default. Stalkerware APKs are a few MB and the largest store
 * apps about 150 MB; anything bigger in an intake folder is most likely a disk image or an archive
 * of many files, and the whole file would be held in memory. `--max-mib` raises it up to the
 * harness's own limit for one APK (MAX_APK_BYTES).
 */
export const DEFAULT_MAX_SAMPLE_BYTES = 256 * 1024 * 1024;
export const LARGEST_MAX_SAMPLE_BYTES = MAX_APK_BYTES;

export type SampleFileReading =
  | { ok: true; identity: ApkIdentity }
  | { ok: false; reason: string; code: string };

/** A local file header or an empty archive's end record: how every APK Android installs begins. */
function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/**
 * Reads one file of the intake folder as an APK, never throwing for the file's own faults: a file
 * past `maxBytes`, one that does not start like a ZIP archive (checked on its first 4 bytes, so a
 * large text file is never read whole), a ZIP without a manifest, a damaged APK or a ZIP bomb
 * (refused by the APK reader before inflating) come back as a reason to list it as rejected.
 * The file is read through one handle, so the size checked is the size read.
 */
export async function readSampleFile(file: string, maxBytes: number): Promise<SampleFileReading> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, code: 'FILE_NOT_FOUND', reason: `cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, code: 'APK_INVALID', reason: 'not a regular file' };
    if (stats.size > maxBytes) {
      return { ok: false, code: 'APK_INVALID', reason: `${stats.size} bytes, more than the ${maxBytes} bytes ingest reads of one file (--max-mib)` };
    }
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (!looksLikeZip(head.subarray(0, bytesRead))) {
      return { ok: false, code: 'APK_INVALID', reason: 'not an APK: it does not start like a ZIP archive' };
    }
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead: read } = await handle.read(buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    if (length !== stats.size) return { ok: false, code: 'APK_INVALID', reason: 'the file changed size while it was read' };
    return { ok: true, identity: readApkIdentityFromBuffer(buffer, file) };
  } catch (error) {
    if (error instanceof HarnessError) return { ok: false, code: error.code, reason: error.message };
    throw error;
  } finally {
    await handle.close();
  }
}
