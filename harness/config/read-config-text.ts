import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { HarnessError } from '../errors/index.ts';
import { displayPathOf } from './display-path.ts';

/**
 * The largest configuration file read: every round, profile and catalogue the project ships is a
 * few kilobytes, and a file past this size is a mistake (a wrong path, a device file, a log).
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Reads a configuration file as UTF-8, at most MAX_CONFIG_BYTES: a missing file or a folder is
 * CONFIG_NOT_FOUND naming what was asked for; anything but a regular file (a device such as
 * /dev/zero, a FIFO, a socket) and a file past the cap are CONFIG_INVALID. The file is opened
 * without blocking, so a FIFO with no writer is refused instead of waiting forever, and read
 * through one handle, so what was checked is what is read.
 */
export async function readConfigText(file: string, what: string, cwd: string): Promise<string> {
  const shown = displayPathOf(file, cwd);
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') throw notFound(what, shown, error);
    throw new HarnessError('CONFIG_INVALID', `${what} ${shown} cannot be read (${code ?? String(error)})`, {
      cause: error,
      hint: 'check the path and that the file is readable',
    });
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw notFound(what, shown, undefined, ' (it is a folder)');
    if (!stats.isFile()) {
      throw new HarnessError('CONFIG_INVALID', `${what} ${shown} is not a regular file (${kindOf(stats)})`, {
        hint: `name a YAML file; configuration files are read only from regular files of at most ${MAX_CONFIG_BYTES / 1024 / 1024} MiB`,
      });
    }
    if (stats.size > MAX_CONFIG_BYTES) throw tooLarge(what, shown, stats.size);
    return await readCapped(handle, what, shown);
  } finally {
    await handle.close();
  }
}

/** Reads until end of file; a file that grows past the cap while read (or lies about its size, as /proc files do) is refused. */
async function readCapped(handle: FileHandle, what: string, shown: string): Promise<string> {
  const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > MAX_CONFIG_BYTES) throw tooLarge(what, shown, undefined);
  }
  return buffer.toString('utf8', 0, length);
}

function notFound(what: string, shown: string, cause: unknown, note = ''): HarnessError {
  return new HarnessError('CONFIG_NOT_FOUND', `${what} not found: ${shown}${note}`, {
    ...(cause === undefined ? {} : { cause }),
    hint: 'check the path (relative paths are resolved against the current directory or the referring file)',
  });
}

function tooLarge(what: string, shown: string, size: number | undefined): HarnessError {
  const sizeText = size === undefined ? 'more than' : `${size} bytes, more than`;
  return new HarnessError('CONFIG_INVALID', `${what} ${shown} is too large (${sizeText} the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB a configuration file may have)`, {
    hint: 'check the path: configuration files are small YAML files; split a very large sample catalogue into several',
  });
}

function kindOf(stats: { isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
