import { link, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteFileAtomicOptions {
  /**
   * Fail with EEXIST instead of replacing an existing file (the temp file is hard-linked, not
   * renamed, so of two writers exactly one succeeds).
   * @default false
   */
  exclusive?: boolean;
}

let sequence = 0;

/**
 * A temp path beside `path`: `.<name>.<pid>.<n>.tmp`. The pid in the name lets a later run remove
 * the temp files of a writer that was killed mid-write ({@link parseTempFileWriter}).
 */
export function tempPathFor(path: string): string {
  sequence += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${sequence}.tmp`);
}

/** The pid of the process that wrote a temp file named by {@link tempPathFor}, or undefined. */
export function parseTempFileWriter(name: string): number | undefined {
  const match = /^\..+\.(\d+)\.\d+\.tmp$/.exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Writes a file so that readers see either the old content or the whole new content, never a
 * half-written file: write a temp file beside it, fsync, rename over the target. Content given as
 * pieces is written piece by piece, each encoded as UTF-8 on its own (the file holds their
 * concatenation).
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array | readonly string[], options: WriteFileAtomicOptions = {}): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      if (content instanceof Uint8Array) await handle.writeFile(content);
      else await writeText(handle, typeof content === 'string' ? [content] : content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      await link(temp, path);
      await rm(temp, { force: true });
    } else {
      await rename(temp, path);
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** UTF-16 code units encoded at a time: at most 3 bytes each in UTF-8, so the buffer holds 3 ×. */
export const ENCODE_CHUNK_UNITS = 256 * 1024;

/**
 * Writes each piece's UTF-8 through one reused buffer, in slices of at most `chunkUnits` code
 * units, instead of encoding a 36 MB string into a fresh 36 MB buffer: touching that much new
 * memory costs more than the encoding (harness/report/README.md, "Scale"). A slice never ends
 * between the two halves of a surrogate pair, and no slice spans two pieces, so the bytes are
 * those of Buffer.from(piece) for each piece in turn.
 */
export async function writeText(handle: FileHandle, pieces: Iterable<string>, chunkUnits = ENCODE_CHUNK_UNITS): Promise<void> {
  // One unit more than a slice can hold: a slice of one unit may grow to its surrogate pair.
  const buffer = Buffer.allocUnsafe((chunkUnits + 1) * 3);
  let used = 0;
  const flush = async () => {
    // writeFile from the handle's position writes the bytes whole, however many write calls it takes.
    if (used > 0) await handle.writeFile(buffer.subarray(0, used));
    used = 0;
  };
  for (const piece of pieces) {
    for (let from = 0; from < piece.length;) {
      let to = Math.min(piece.length, from + chunkUnits);
      if (to < piece.length && isHighSurrogate(piece.charCodeAt(to - 1))) to += to - 1 > from ? -1 : 1;
      if (used + (to - from) * 3 > buffer.length) await flush();
      used += buffer.write(from === 0 && to === piece.length ? piece : piece.slice(from, to), used);
      from = to;
    }
  }
  await flush();
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
