import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAttempt } from './make-attempt.fixture.ts';
import { parseResultsBytes } from './parse-results.ts';
import { readResults, RESULTS_FILE } from './read-results.ts';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'sb-read-results-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

const line = (overrides = {}) => JSON.stringify(makeAttempt(overrides));
const nonAscii = line({ caseId: 'ü', alertText: 'Überwachung ● 监控 \u202e🙂' });

/** readResults through chunks of `chunkBytes` must give what parsing the whole file gives. */
async function readBoth(content: string | Buffer, chunkBytes: number) {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  await writeFile(join(folder, RESULTS_FILE), bytes);
  const read = await readResults(folder, chunkBytes);
  return { read: { results: read.results, torn: read.torn }, whole: parseResultsBytes(bytes, join(folder, RESULTS_FILE)) };
}

describe('readResults reads results.jsonl in chunks, with the same outcome as the whole file', () => {
  const text = `${line({ caseId: 'a' })}\n${nonAscii}\n${line({ caseId: 'c' })}\n`;
  // 7 bytes: every line spans chunks and the buffer grows; 64: chunk ends fall inside UTF-8 sequences.
  it.each([7, 64, 1000, 1024 * 1024])('lines across chunks of %i bytes', async (chunkBytes) => {
    const { read, whole } = await readBoth(text, chunkBytes);
    expect(read.results.map((result) => result.caseId)).toEqual(['a', 'ü', 'c']);
    expect(read).toEqual(whole);
  });

  it.each([7, 64, 1024 * 1024])('a torn last line cut inside a UTF-8 sequence, chunks of %i bytes', async (chunkBytes) => {
    const tail = Buffer.from(nonAscii).subarray(0, Buffer.from(nonAscii).indexOf(0xe7) + 1);
    const { read, whole } = await readBoth(Buffer.concat([Buffer.from(text), tail]), chunkBytes);
    expect(read.torn).toEqual({ line: 4, bytes: Buffer.byteLength(tail.toString('utf8')) });
    expect(read).toEqual(whole);
  });

  it('a last record without its newline is read, not torn', async () => {
    const { read, whole } = await readBoth(`${line({ caseId: 'a' })}\n${line({ caseId: 'b' })}`, 10);
    expect(read.results.map((result) => result.caseId)).toEqual(['a', 'b']);
    expect(read.torn).toBeUndefined();
    expect(read).toEqual(whole);
  });

  it.each([7, 1024 * 1024])('a bad line names file:line, chunks of %i bytes', async (chunkBytes) => {
    await writeFile(join(folder, RESULTS_FILE), `${line()}\n${nonAscii}\n{"caseId": \n${line()}\n`);
    await expect(readResults(folder, chunkBytes)).rejects.toThrow(`${join(folder, RESULTS_FILE)}:3: not valid JSON`);
  });

  it('an empty file has no results and no torn line', async () => {
    const { read } = await readBoth('', 7);
    expect(read).toEqual({ results: [], torn: undefined });
  });
});
