import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultsLineParser, type ParsedResults } from './parse-results.ts';

export const RESULTS_FILE = 'results.jsonl';
/** Beside results.jsonl in a round run across machines: the host of each accepted attempt (harness/distributed/attempt-ledger.ts). */
export const ATTEMPT_HOSTS_FILE = 'attempt-hosts.jsonl';

export interface ReadResults extends ParsedResults {
  path: string;
  /** False when the round folder has no results.jsonl yet (no attempt finished). */
  exists: boolean;
}

/**
 * Reads every attempt in `<folder>/results.jsonl`. A torn last line is returned in `torn`, not
 * thrown; a bad line anywhere else throws RESULTS_CORRUPT naming file:line. `chunkBytes`: for tests.
 */
export async function readResults(folder: string, chunkBytes = READ_CHUNK_BYTES): Promise<ReadResults> {
  const path = join(folder, RESULTS_FILE);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, results: [], torn: undefined };
    throw error;
  }
  try {
    return { path, exists: true, ...await parseChunks(handle, path, chunkBytes) };
  } finally {
    await handle.close();
  }
}

/** Bytes read at a time: the file goes through one reused buffer, not one as large as the file. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads the file through one buffer (grown only for a line longer than it), parsing each chunk's
 * complete lines and carrying the rest over. Reading an 80 MB file whole costs far more than its
 * parsing saves: every page of a fresh 80 MB buffer is touched once (harness/report/README.md, "Scale").
 */
async function parseChunks(handle: FileHandle, path: string, chunkBytes: number): Promise<ParsedResults> {
  const parser = new ResultsLineParser(path);
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let kept = 0;
  for (;;) {
    if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const { bytesRead } = await handle.read(buffer, kept, buffer.length - kept, null);
    if (bytesRead === 0) return parser.finish(buffer.subarray(0, kept));
    const filled = buffer.subarray(0, kept + bytesRead);
    const used = parser.push(filled);
    buffer.copyWithin(0, used, filled.length);
    kept = filled.length - used;
  }
}
