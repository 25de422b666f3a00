import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseResultsBytes, type ParsedResults } from './parse-results.ts';

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
 * thrown; a bad line anywhere else throws RESULTS_CORRUPT naming file:line.
 */
export async function readResults(folder: string): Promise<ReadResults> {
  const path = join(folder, RESULTS_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, results: [], torn: undefined };
    throw error;
  }
  return { path, exists: true, ...parseResultsBytes(bytes, path) };
}
