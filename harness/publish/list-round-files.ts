import { lstat, readdir } from 'node:fs/promises';

/** Something in a folder that a manifest cannot seal: only regular files with UTF-8 names can be. */
export interface OddEntry {
  /** Relative path, `/`-separated; invalid UTF-8 bytes shown as U+FFFD. */
  path: string;
  what: 'symbolic link' | 'file name that is not UTF-8' | 'special file (device, socket or pipe)';
}

export interface FolderListing {
  /** Regular files, relative and `/`-separated, in manifest order ({@link compareManifestPaths}). */
  files: string[];
  odd: OddEntry[];
}

export interface ListOptions {
  /** Relative paths (files or folders) left out of the listing, e.g. `publication`. */
  skip?: (path: string) => boolean;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/**
 * Every regular file below `root`, without following symbolic links: a link inside a published
 * folder can point outside it and change later while the manifest still names its old bytes, so
 * links are listed as odd rather than read. Names are read as bytes, so a name that is not UTF-8
 * is reported instead of silently decoded into a different name that no longer opens.
 */
export async function listFolderFiles(root: string, options: ListOptions = {}): Promise<FolderListing> {
  const files: string[] = [];
  const odd: OddEntry[] = [];
  const pending: Array<{ dir: Buffer; prefix: string }> = [{ dir: Buffer.from(root), prefix: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const name of await readdir(next.dir, { encoding: 'buffer' })) {
      const full = Buffer.concat([next.dir, Buffer.from('/'), name]);
      let text: string;
      try {
        text = STRICT_UTF8.decode(name);
      } catch {
        odd.push({ path: next.prefix + LENIENT_UTF8.decode(name), what: 'file name that is not UTF-8' });
        continue;
      }
      const path = next.prefix + text;
      if (options.skip?.(path)) continue;
      const stats = await lstat(full);
      if (stats.isSymbolicLink()) odd.push({ path, what: 'symbolic link' });
      else if (stats.isDirectory()) pending.push({ dir: full, prefix: `${path}/` });
      else if (stats.isFile()) files.push(path);
      else odd.push({ path, what: 'special file (device, socket or pipe)' });
    }
  }
  files.sort(compareManifestPaths);
  odd.sort((a, b) => compareManifestPaths(a.path, b.path));
  return { files, odd };
}

/** Manifest order: by the paths' UTF-8 bytes, the same on every machine and locale. */
export function compareManifestPaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
