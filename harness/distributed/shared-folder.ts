import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { toPathSegment } from '../evidence/index.ts';

/**
 * Evidence through a folder every host mounts (NFS, SMB, a cluster file system), for labs that
 * have one: the worker writes an attempt's files there, the coordinator — still the only writer of
 * the round folder — hashes each file as it copies it into its staging folder and takes nothing
 * whose SHA-256 differs from the one the worker announced. The mount may sit at another path on
 * each host; only what is below it is shared:
 *
 *   <shared>/stalkerbench-<round>/coordinator.json           the coordinator's nonce (same mount?)
 *   <shared>/stalkerbench-<round>/<staging key>/evidence/…   one attempt's files (job, token, attempt)
 *
 * A file is written under a temporary name, fsynced and renamed, so a worker killed mid-write never
 * leaves a file under its final name; the coordinator sweeps such leftovers ({@link sweepSharedFolder}).
 */

/** A file older than this in the shared folder belongs to no live transfer (a worker claims each file right after writing it). */
export const ORPHAN_AGE_MS = 10 * 60_000;
const MARKER = 'coordinator.json';

export function sharedRoundDir(root: string, roundId: string): string {
  return join(root, `stalkerbench-${toPathSegment(roundId)}`);
}

/** Where one evidence file of an attempt sits in the shared folder (path already checked by the ledger or the worker's own recorder). */
export function sharedEvidencePath(root: string, roundId: string, stagingKey: string, path: string): string {
  return join(sharedRoundDir(root, roundId), stagingKey, path);
}

/** The coordinator marks the round's shared folder with a nonce it also publishes in Redis. */
export async function markSharedFolder(root: string, roundId: string): Promise<string> {
  const nonce = randomBytes(16).toString('hex');
  const dir = sharedRoundDir(root, roundId);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new HarnessError('USAGE', `--shared-folder ${root}: cannot create ${dir}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'give a folder this user may write to, mounted on every worker host',
    });
  });
  await writeDurably(join(dir, MARKER), Buffer.from(`${JSON.stringify({ roundId, nonce })}\n`));
  return nonce;
}

/** A worker checks that its `--shared-folder` is the coordinator's (same mount), before the first file. */
export async function checkSharedFolder(root: string, roundId: string, nonce: string): Promise<void> {
  const file = join(sharedRoundDir(root, roundId), MARKER);
  const text = await readFile(file, 'utf8').catch(() => '');
  let found: unknown;
  try {
    found = (JSON.parse(text) as { nonce?: unknown }).nonce;
  } catch {
    found = undefined;
  }
  if (found !== nonce) {
    throw new HarnessError('USAGE', `--shared-folder ${root}: ${file} is not the mark of the coordinator serving round ${roundId}`, {
      hint: 'give the worker the path where this host mounts the folder the coordinator was given with --shared-folder, or leave --shared-folder out to send evidence over HTTP',
    });
  }
}

/** Worker side: copies one evidence file into the shared folder under a temporary name, fsyncs it, then renames it. */
export async function placeInSharedFolder(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.part-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const input = await open(source, 'r');
    const output = await open(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        await output.write(buffer, 0, bytesRead);
      }
      await output.sync();
    } finally {
      await input.close();
      await output.close();
    }
    await rename(partial, target);
    await syncDir(dirname(target));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Coordinator side: copies one file from the shared folder into `target` (its staging folder),
 * hashing the bytes as they are written, fsyncs, and takes it only with the announced SHA-256. The
 * shared copy is removed either way (an altered file is sent again by the retried case). Returns a
 * problem sentence, or undefined when the file is in place.
 */
export async function claimFromSharedFolder(source: string, sha256: string, target: string, maxBytes: number): Promise<string | undefined> {
  const info = await stat(source).catch(() => undefined);
  if (info === undefined || !info.isFile()) return 'did not arrive in the shared folder';
  if (info.size > maxBytes) {
    await rm(source, { force: true });
    return `is larger than ${maxBytes} bytes`;
  }
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.part-${process.pid}-${randomBytes(4).toString('hex')}`;
  const hash = createHash('sha256');
  try {
    const input = await open(source, 'r');
    const output = await open(partial, 'w');
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        await output.write(buffer, 0, bytesRead);
      }
      await output.sync();
    } finally {
      await input.close();
      await output.close();
    }
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await rm(source, { force: true });
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    await rm(partial, { force: true });
    return `arrived in the shared folder with SHA-256 ${actual}, announced as ${sha256}`;
  }
  await rename(partial, target);
  return undefined;
}

/**
 * Removes what no transfer will claim: temporary files of a worker killed mid-write and files never
 * claimed, once older than `olderThanMs`; folders left empty go too. Returns the number of files removed.
 */
export async function sweepSharedFolder(root: string, roundId: string, olderThanMs: number, now = Date.now()): Promise<number> {
  const top = sharedRoundDir(root, roundId);
  let removed = 0;
  const walk = async (dir: string): Promise<boolean> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let empty = true;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (await walk(path)) await rmdir(path).catch(() => undefined);
        else empty = false;
        continue;
      }
      if (dir === top && entry.name === MARKER) {
        empty = false;
        continue;
      }
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && now - info.mtimeMs >= olderThanMs) {
        await rm(path, { force: true });
        removed += 1;
      } else {
        empty = false;
      }
    }
    return empty;
  };
  await walk(top);
  return removed;
}

/** The round is over: its folder in the shared mount goes. */
export async function removeSharedRoundDir(root: string, roundId: string): Promise<void> {
  await rm(sharedRoundDir(root, roundId), { recursive: true, force: true });
}

async function writeDurably(file: string, bytes: Buffer): Promise<void> {
  const partial = `${file}.part-${process.pid}`;
  await writeFile(partial, bytes);
  const handle = await open(partial, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file);
}

/** fsync of the folder, so the rename itself is durable; some network file systems refuse it, which changes nothing for correctness here. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
