import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One saved snapshot as `avd snapshot list` shows it. */
export interface SnapshotInfo {
  name: string;
  /** ms since the epoch */
  savedAt: number;
  /** Bytes on disk (state plus blobs). */
  sizeBytes: number;
  /** How long the device had been running when saved (the "VM CLOCK" column). */
  uptimeMs: number;
}

/** Strings at least this long (base64 APKs, file contents) go to a blob file of their own. */
const BLOB_TEXT_MIN = 32 * 1024;
const SNAPSHOT_NAME = /^[\w.-]+$/;

/**
 * Snapshots of a VirtualDevice's `saveState()` value under `<avd-dir>/snapshots/<name>/`:
 * `state.json` with large values replaced by `{"$blob": sha256}` / `{"$blobText": sha256}`, the
 * blobs content-addressed in `blobs/`, and `snapshot.json` for the listing. They survive restarts;
 * a loaded snapshot is kept parsed-ready in memory so restoring the same one again is fast. Every
 * load returns a new value, except that Buffers (`$blob`) are the store's own read-only bytes.
 */
export class SnapshotStore {
  readonly #root: string;
  readonly #cache = new Map<string, { savedAt: number; json: string; blobs: Map<string, Buffer> }>();
  /**
   * The instance runs with `-read-only`: the console refuses `avd snapshot save|load|delete` (the
   * store itself still loads, for `-snapshot <name>` at launch).
   */
  readonly readOnly: boolean;

  constructor(avdDir: string, options: { readOnly?: boolean } = {}) {
    this.#root = join(avdDir, 'snapshots');
    this.readOnly = options.readOnly ?? false;
  }

  static isValidName(name: string): boolean {
    return SNAPSHOT_NAME.test(name) && name !== '.' && name !== '..';
  }

  async save(name: string, state: unknown, uptimeMs: number): Promise<SnapshotInfo> {
    assertName(name);
    const blobs = new Map<string, Buffer>();
    const json = JSON.stringify(encodeValue(state, blobs));
    const dir = join(this.#root, name);
    const temp = join(this.#root, `.${name}.${randomUUID()}.tmp`);
    await mkdir(join(temp, 'blobs'), { recursive: true });
    let sizeBytes = Buffer.byteLength(json);
    await writeFile(join(temp, 'state.json'), json);
    for (const [hash, bytes] of blobs) {
      await writeFile(join(temp, 'blobs', hash), bytes);
      sizeBytes += bytes.length;
    }
    const info: SnapshotInfo = { name, savedAt: Date.now(), sizeBytes, uptimeMs };
    await writeFile(join(temp, 'snapshot.json'), JSON.stringify(info, null, 2));
    await replaceDir(temp, dir, join(this.#root, `.${name}.${randomUUID()}`));
    this.#cache.set(name, { savedAt: info.savedAt, json, blobs });
    return info;
  }

  /** The saved state, or undefined when no snapshot has that name. */
  async load(name: string): Promise<unknown> {
    assertName(name);
    // Another instance may replace the folder while we read it: read again when that happens. For
    // a moment during a replace the folder is absent; a save in flight shows as `.<name>.*` entries.
    for (let attempt = 0; ; attempt += 1) {
      try {
        const state = await this.#loadOnce(name);
        if (state !== undefined || attempt >= 50 || !(await this.#saveInFlight(name))) return state;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
      await delay(1 + Math.floor(Math.random() * 20));
    }
  }

  async #saveInFlight(name: string): Promise<boolean> {
    const entries = await readdir(this.#root).catch(() => [] as string[]);
    return entries.some((entry) => entry.startsWith(`.${name}.`));
  }

  async #loadOnce(name: string): Promise<unknown> {
    const info = await this.info(name);
    if (!info) return undefined;
    let cached = this.#cache.get(name);
    if (!cached || cached.savedAt !== info.savedAt) {
      const dir = join(this.#root, name);
      const json = await readFile(join(dir, 'state.json'), 'utf8');
      const blobs = new Map<string, Buffer>();
      for (const hash of await readdir(join(dir, 'blobs')).catch(() => [])) {
        blobs.set(hash, await readFile(join(dir, 'blobs', hash)));
      }
      cached = { savedAt: info.savedAt, json, blobs };
      this.#cache.set(name, cached);
    }
    return decodeValue(JSON.parse(cached.json), cached.blobs);
  }

  async info(name: string): Promise<SnapshotInfo | undefined> {
    if (!SnapshotStore.isValidName(name)) return undefined;
    try {
      return JSON.parse(await readFile(join(this.#root, name, 'snapshot.json'), 'utf8')) as SnapshotInfo;
    } catch {
      return undefined;
    }
  }

  async list(): Promise<SnapshotInfo[]> {
    const names = await readdir(this.#root).catch(() => [] as string[]);
    const infos = await Promise.all(names.filter((name) => !name.startsWith('.')).map((name) => this.info(name)));
    return infos.filter((info): info is SnapshotInfo => info !== undefined).sort((a, b) => a.savedAt - b.savedAt);
  }

  /** False when there was no such snapshot. */
  async delete(name: string): Promise<boolean> {
    assertName(name);
    this.#cache.delete(name);
    const dir = join(this.#root, name);
    const exists = await stat(dir).then(() => true, () => false);
    await rm(dir, { recursive: true, force: true });
    return exists;
  }
}

/**
 * Moves `temp` to `dir`, replacing what is there. Read-only instances of one AVD may save the same
 * snapshot at once: whoever renames last wins, and nobody fails. Each attempt moves the current
 * folder to a trash name of its own (a second rename onto a used, non-empty trash folder would fail
 * with ENOTEMPTY and leave `dir` in place for ever), and a loser waits a moment before trying again.
 */
async function replaceDir(temp: string, dir: string, trashPrefix: string): Promise<void> {
  const trashes: string[] = [];
  try {
    for (let attempt = 0; ; attempt += 1) {
      const trash = `${trashPrefix}.${attempt}.old`;
      if (await rename(dir, trash).then(() => true, () => false)) trashes.push(trash);
      try {
        await rename(temp, dir);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') || attempt >= REPLACE_ATTEMPTS) {
          await rm(temp, { recursive: true, force: true });
          throw error;
        }
        await delay(1 + Math.floor(Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  } finally {
    await Promise.all(trashes.map((trash) => rm(trash, { recursive: true, force: true })));
  }
}

/** Contention is bounded by the number of instances saving at once; this is far above it. */
const REPLACE_ATTEMPTS = 200;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function assertName(name: string): void {
  if (!SnapshotStore.isValidName(name)) throw new Error(`invalid snapshot name '${name}' (letters, digits, '.', '_', '-')`);
}

function hashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function encodeValue(value: unknown, blobs: Map<string, Buffer>): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    const hash = hashOf(bytes);
    blobs.set(hash, Buffer.from(bytes));
    return { $blob: hash };
  }
  if (typeof value === 'string' && value.length >= BLOB_TEXT_MIN) {
    const bytes = Buffer.from(value, 'utf8');
    const hash = hashOf(bytes);
    blobs.set(hash, bytes);
    return { $blobText: hash };
  }
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, blobs));
  if (value !== null && typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return encodeValue(withJson.toJSON(), blobs);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = encodeValue(item, blobs);
    return out;
  }
  return value;
}

function decodeValue(value: unknown, blobs: Map<string, Buffer>): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeValue(item, blobs));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    // Shared, not copied: a blob is content-addressed (its name is its SHA-256), so it is read-only
    // for everyone, as the device treats APK bytes; copying ~30 MB of APKs cost ~0.1-0.3 s a restore.
    if (keys.length === 1 && typeof record['$blob'] === 'string') return blobOf(blobs, record['$blob']);
    if (keys.length === 1 && typeof record['$blobText'] === 'string') return blobOf(blobs, record['$blobText']).toString('utf8');
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = decodeValue(record[key], blobs);
    return out;
  }
  return value;
}

function blobOf(blobs: Map<string, Buffer>, hash: string): Buffer {
  const bytes = blobs.get(hash);
  if (!bytes) throw new Error(`snapshot blob ${hash} is missing`);
  return bytes;
}
