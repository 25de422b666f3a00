/**
 * The device's file system: a flat map of absolute paths to nodes, JSON-serialisable for snapshots.
 * Symbolic links are followed for every component except by `lstat`, so `/sdcard` can be a link to
 * `/storage/emulated/0` as on a real device. Installed APKs are stored once in a blob map (by SHA-256)
 * and referenced from their `base.apk` file node, so a snapshot does not hold them twice.
 */
import { posix } from 'node:path';
import type { FileStat, VirtualFs } from './contracts.ts';

/** One node as stored in a snapshot. `data` is base64; `blob` names an entry of the blob map. */
export type FsNodeJson =
  | { type: 'dir'; mode: number; mtime: number }
  | { type: 'file'; mode: number; mtime: number; data?: string; blob?: string; size?: number }
  | { type: 'link'; mode: number; mtime: number; target: string };

export interface BlobSource {
  getBlob(sha256: string): Buffer | undefined;
}

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const MAX_LINK_DEPTH = 8;

export class MemoryFs implements VirtualFs {
  #nodes = new Map<string, FsNodeJson>();
  #blobs: BlobSource;
  #now: () => number;

  constructor(blobs: BlobSource, now: () => number) {
    this.#blobs = blobs;
    this.#now = now;
    this.#nodes.set('/', { type: 'dir', mode: 0o755, mtime: this.#seconds() });
  }

  /** Resolves links in every component; returns undefined for a dangling or looping path. */
  resolve(path: string, followLast = true): string | undefined {
    const parts = normalizePath(path).split('/').filter(Boolean);
    let current = '/';
    let depth = 0;
    for (let i = 0; i < parts.length; i++) {
      const next = posix.join(current, parts[i] ?? '');
      const node = this.#nodes.get(next);
      if (node?.type === 'link' && (followLast || i < parts.length - 1)) {
        if (++depth > MAX_LINK_DEPTH) return undefined;
        const target = posix.resolve(current, node.target);
        const rest = parts.slice(i + 1);
        return this.resolve(posix.join(target, ...rest), followLast);
      }
      current = next;
    }
    return current;
  }

  stat(path: string): FileStat | undefined {
    const resolved = this.resolve(path);
    return resolved === undefined ? undefined : this.#statNode(resolved);
  }

  /** Like stat, but describes a link itself (`ls -l`, `LST2`). */
  lstat(path: string): FileStat | undefined {
    const resolved = this.resolve(path, false);
    return resolved === undefined ? undefined : this.#statNode(resolved);
  }

  readLink(path: string): string | undefined {
    const resolved = this.resolve(path, false);
    const node = resolved === undefined ? undefined : this.#nodes.get(resolved);
    return node?.type === 'link' ? node.target : undefined;
  }

  list(path: string): string[] | undefined {
    const dir = this.resolve(path);
    if (dir === undefined || this.#nodes.get(dir)?.type !== 'dir') return undefined;
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const names: string[] = [];
    for (const key of this.#nodes.keys()) {
      if (key !== dir && key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) {
        names.push(key.slice(prefix.length));
      }
    }
    return names.sort();
  }

  read(path: string): Buffer | undefined {
    const resolved = this.resolve(path);
    const node = resolved === undefined ? undefined : this.#nodes.get(resolved);
    if (node?.type !== 'file') return undefined;
    if (node.blob !== undefined) return this.#blobs.getBlob(node.blob) ?? Buffer.alloc(0);
    return Buffer.from(node.data ?? '', 'base64');
  }

  write(path: string, data: Buffer, mode = 0o644, mtime?: number): void {
    const target = this.resolve(path) ?? normalizePath(path);
    this.mkdir(posix.dirname(target));
    this.#nodes.set(target, {
      type: 'file',
      mode: mode & 0o7777,
      mtime: mtime ?? this.#seconds(),
      data: data.toString('base64'),
    });
  }

  /** A file whose bytes live in the blob map (installed APKs). */
  writeBlobRef(path: string, sha256: string, size: number, mode = 0o644): void {
    const target = normalizePath(path);
    this.mkdir(posix.dirname(target));
    this.#nodes.set(target, { type: 'file', mode, mtime: this.#seconds(), blob: sha256, size });
  }

  /** A file that exists with a size but whose contents nobody reads (system binaries). */
  writePlaceholder(path: string, size: number, mode = 0o755): void {
    const target = normalizePath(path);
    this.mkdir(posix.dirname(target));
    this.#nodes.set(target, { type: 'file', mode, mtime: this.#seconds(), size });
  }

  symlink(path: string, target: string): void {
    const link = normalizePath(path);
    this.mkdir(posix.dirname(link));
    this.#nodes.set(link, { type: 'link', mode: 0o777, mtime: this.#seconds(), target });
  }

  mkdir(path: string, mode = 0o771): void {
    const resolved = this.resolve(path) ?? normalizePath(path);
    if (this.#nodes.get(resolved)?.type === 'dir') return;
    const parent = posix.dirname(resolved);
    if (parent !== resolved) this.mkdir(parent, mode);
    this.#nodes.set(resolved, { type: 'dir', mode, mtime: this.#seconds() });
  }

  /** Sets the modification time (`touch`); creates an empty file when missing. */
  touch(path: string): void {
    const resolved = this.resolve(path) ?? normalizePath(path);
    const node = this.#nodes.get(resolved);
    if (node === undefined) this.write(resolved, Buffer.alloc(0));
    else node.mtime = this.#seconds();
  }

  remove(path: string, options: { recursive?: boolean } = {}): boolean {
    const resolved = this.resolve(path, false);
    if (resolved === undefined || resolved === '/' || !this.#nodes.has(resolved)) return false;
    const node = this.#nodes.get(resolved);
    const prefix = `${resolved}/`;
    if (node?.type === 'dir') {
      const hasChildren = [...this.#nodes.keys()].some((key) => key.startsWith(prefix));
      if (hasChildren && options.recursive !== true) return false;
      for (const key of [...this.#nodes.keys()]) if (key.startsWith(prefix)) this.#nodes.delete(key);
    }
    this.#nodes.delete(resolved);
    return true;
  }

  isDirectory(path: string): boolean {
    const resolved = this.resolve(path);
    return resolved !== undefined && this.#nodes.get(resolved)?.type === 'dir';
  }

  /** Blob hashes still referenced (so unreferenced APK bytes can be dropped from snapshots). */
  referencedBlobs(): Set<string> {
    const hashes = new Set<string>();
    for (const node of this.#nodes.values()) if (node.type === 'file' && node.blob) hashes.add(node.blob);
    return hashes;
  }

  toJSON(): Record<string, FsNodeJson> {
    return Object.fromEntries([...this.#nodes.entries()].map(([key, node]) => [key, { ...node }]));
  }

  load(nodes: Record<string, FsNodeJson>): void {
    this.#nodes = new Map(Object.entries(nodes).map(([key, node]) => [key, { ...node }]));
    if (!this.#nodes.has('/')) this.#nodes.set('/', { type: 'dir', mode: 0o755, mtime: this.#seconds() });
  }

  #statNode(path: string): FileStat | undefined {
    const node = this.#nodes.get(path);
    if (node === undefined) return undefined;
    if (node.type === 'dir') return { mode: S_IFDIR | node.mode, size: 4096, mtime: node.mtime };
    if (node.type === 'link') return { mode: S_IFLNK | 0o777, size: node.target.length, mtime: node.mtime };
    const size = node.size ?? (node.data === undefined ? 0 : Buffer.byteLength(node.data, 'base64'));
    return { mode: S_IFREG | node.mode, size, mtime: node.mtime };
  }

  #seconds(): number {
    return Math.floor(this.#now() / 1000);
  }
}

/** `/a//b/../c/` → `/a/c`; relative paths are taken from `/`. */
export function normalizePath(path: string): string {
  const normal = posix.normalize(`/${path}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}
