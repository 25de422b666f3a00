import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors/index.ts';

/** A regular file found in the intake folder. */
export interface FolderFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the folder, `/`-separated, as the summary and the side report name it. */
  relative: string;
  size: number;
}

/** A folder entry that is not read, and why. */
export interface SkippedEntry {
  relative: string;
  reason: string;
}

export interface FolderListing {
  files: FolderFile[];
  skipped: SkippedEntry[];
}

/**
 * Every regular file under `folder`, sub-folders included (labs sort samples into family folders),
 * in byte order of their relative paths so that two runs over the same folder agree.
 *
 * Symbolic links are never followed: a link can point outside the folder (at /dev/zero, a home
 * folder, a file that changes later) and the catalogue pins what was read. They are listed as
 * skipped, as are FIFOs, sockets and devices, which would block or never end when read.
 */
export async function listFolder(folder: string): Promise<FolderListing> {
  const root = path.resolve(folder);
  const rootStats = await lstat(root).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (rootStats instanceof Error || !rootStats.isDirectory()) {
    throw new HarnessError('FILE_NOT_FOUND', `intake folder ${root} ${rootStats instanceof Error ? 'does not exist' : 'is not a folder'}`, {
      hint: 'pass the folder that holds the collected sample files',
    });
  }
  const listing: FolderListing = { files: [], skipped: [] };
  await walk(root, '', listing);
  const byName = (a: { relative: string }, b: { relative: string }): number => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0);
  listing.files.sort(byName);
  listing.skipped.sort(byName);
  return listing;
}

async function walk(dir: string, prefix: string, listing: FolderListing): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      listing.skipped.push({ relative, reason: 'symbolic link: not followed (it could point outside the folder or change later); copy the file itself into the folder' });
    } else if (entry.isDirectory()) {
      await walk(full, relative, listing);
    } else if (entry.isFile()) {
      const stats = await lstat(full);
      listing.files.push({ path: full, relative, size: stats.size });
    } else {
      listing.skipped.push({ relative, reason: 'not a regular file (a FIFO, socket or device): not read' });
    }
  }
}
