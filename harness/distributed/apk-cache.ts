import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { hashFile } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { CoordinatorClient } from './coordinator-client.ts';

/** Where a worker keeps an APK: named by its SHA-256 only (a sample's file name is not trusted). */
export function cachedApkPath(cacheDir: string, sha256: string): string {
  return join(cacheDir, `${sha256}.apk`);
}

/**
 * Fetches every APK a round installs from the coordinator, by SHA-256, into the worker's cache,
 * hashing while it streams (the event loop is never blocked on a large sample). A file whose bytes
 * do not have the SHA-256 asked for is deleted and the worker stops: samples are live spyware and
 * nothing unverified reaches a device. installApk checks the hash again right before each install.
 */
export async function fetchRoundApks(client: CoordinatorClient, hashes: Iterable<string>, cacheDir: string, signal: AbortSignal): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  for (const sha256 of new Set(hashes)) {
    const target = cachedApkPath(cacheDir, sha256);
    if ((await hashFile(target).catch(() => undefined)) === sha256) continue;
    const response = await client.apk(sha256, signal);
    if (response.body === null) throw new HarnessError('QUEUE_UNAVAILABLE', `the coordinator sent no body for APK ${sha256}`);
    const partial = `${target}.part-${process.pid}`;
    const hash = createHash('sha256');
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      }, createWriteStream(partial), { signal });
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      await rm(partial, { force: true });
      throw new HarnessError('SAMPLE_HASH_MISMATCH', `the APK fetched from the coordinator as ${sha256} has SHA-256 ${actual}; deleted, nothing installed`, {
        hint: 'the transfer was altered on the way: check the network path between this host and the coordinator',
      });
    }
    await rename(partial, target);
  }
}
