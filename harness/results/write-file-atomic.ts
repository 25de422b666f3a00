import { link, open, rename, rm } from 'node:fs/promises';
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
      // writeFile from the handle's position: pieces follow one another, each written whole.
      if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
      else for (const piece of content) await handle.writeFile(piece);
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
