import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { attemptResultSchema, type AttemptResult } from './attempt-schema.ts';
import { describeIssues } from './describe-issues.ts';
import { parseResultsText, type TornLine } from './parse-results.ts';
import { redactSecrets } from '../flow/secrets.ts';
import { RESULTS_FILE } from './read-results.ts';

export interface ResultStore {
  /** Absolute path of results.jsonl. */
  readonly path: string;
  /** The torn last line found (and cut off) when the store was opened after a crash. */
  readonly recoveredTornLine: TornLine | undefined;
  /** Appends one attempt as one line and fsyncs before resolving. Calls are serialised. */
  append(result: AttemptResult): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `<folder>/results.jsonl` for appending. If a crash left a torn last line, it is cut off
 * first (that attempt never finished durably, so a resumed round runs it again); a complete last
 * record that only lost its newline gets the newline back.
 */
export async function openResultStore(folder: string): Promise<ResultStore> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, RESULTS_FILE);
  const handle = await open(path, 'a+');
  let recovered: TornLine | undefined;
  try {
    recovered = await repairTail(handle, path);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return new AppendOnlyStore(path, handle, recovered);
}

class AppendOnlyStore implements ResultStore {
  readonly path: string;
  readonly recoveredTornLine: TornLine | undefined;
  #handle: FileHandle;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(path: string, handle: FileHandle, recovered: TornLine | undefined) {
    this.path = path;
    this.#handle = handle;
    this.recoveredTornLine = recovered;
  }

  append(result: AttemptResult): Promise<void> {
    if (this.#closed) return Promise.reject(new HarnessError('INTERNAL', `result store ${this.path} is closed`));
    const parsed = attemptResultSchema.safeParse(result);
    if (!parsed.success) {
      return Promise.reject(new HarnessError('INTERNAL', `refusing to store an invalid result for case ${result.caseId}`, {
        details: describeIssues(parsed.error.issues),
        hint: 'this is a bug in the round runner; the result was not written',
      }));
    }
    // Secrets of the run (`${env:NAME}`) never reach results.jsonl, nor the reports built from it.
    const line = `${redactSecrets(JSON.stringify(parsed.data))}\n`;
    // One write per line (O_APPEND) then fsync, strictly in call order.
    const next = this.#queue.then(async () => {
      await this.#handle.write(line);
      await this.#handle.sync();
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#handle.close();
  }
}

const TAIL_CHUNK = 64 * 1024;

async function repairTail(handle: FileHandle, path: string): Promise<TornLine | undefined> {
  const { size } = await handle.stat();
  if (size === 0) return undefined;
  const lastByte = Buffer.alloc(1);
  await handle.read(lastByte, 0, 1, size - 1);
  if (lastByte[0] === 0x0a) return undefined;
  // Walk back in chunks to the last newline: the tail after it is the suspect record.
  let start = size;
  let tailStart = 0;
  while (start > 0) {
    const from = Math.max(0, start - TAIL_CHUNK);
    const chunk = Buffer.alloc(start - from);
    await handle.read(chunk, 0, chunk.length, from);
    const newline = chunk.lastIndexOf(0x0a);
    if (newline >= 0) {
      tailStart = from + newline + 1;
      break;
    }
    start = from;
  }
  const tail = Buffer.alloc(size - tailStart);
  await handle.read(tail, 0, tail.length, tailStart);
  const lineNumber = await countLines(handle, tailStart) + 1;
  const parsed = parseResultsText(tail.toString('utf8'), path);
  if (parsed.torn === undefined) {
    await handle.write('\n');
    await handle.sync();
    return undefined;
  }
  await handle.truncate(tailStart);
  await handle.sync();
  return { line: lineNumber, bytes: tail.length };
}

async function countLines(handle: FileHandle, end: number): Promise<number> {
  let count = 0;
  const buffer = Buffer.alloc(TAIL_CHUNK);
  for (let position = 0; position < end; position += TAIL_CHUNK) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(TAIL_CHUNK, end - position), position);
    for (let index = 0; index < bytesRead; index += 1) if (buffer[index] === 0x0a) count += 1;
  }
  return count;
}
