import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { makeAttempt } from './make-attempt.fixture.ts';
import { readResults, RESULTS_FILE } from './read-results.ts';
import { openResultStore } from './result-store.ts';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'sb-store-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

describe('openResultStore', () => {
  it('appends one line per attempt, in call order, and readResults reads them back', async () => {
    const store = await openResultStore(folder);
    await Promise.all(['a', 'b', 'c'].map((caseId) => store.append(makeAttempt({ caseId }))));
    await store.close();
    const text = await readFile(join(folder, RESULTS_FILE), 'utf8');
    expect(text.split('\n')).toHaveLength(4);
    const read = await readResults(folder);
    expect(read.results.map((result) => result.caseId)).toEqual(['a', 'b', 'c']);
    expect(read.torn).toBeUndefined();
  });

  it('refuses an invalid result and writes nothing', async () => {
    const store = await openResultStore(folder);
    await expect(store.append(makeAttempt({ detected: false, detectedBy: [] }))).rejects.toSatisfy((error) => isHarnessError(error, 'INTERNAL'));
    await store.append(makeAttempt({ caseId: 'ok' }));
    await store.close();
    expect((await readResults(folder)).results.map((result) => result.caseId)).toEqual(['ok']);
  });

  it('cuts off a torn last line left by a crash and appends cleanly after it', async () => {
    const whole = JSON.stringify(makeAttempt({ caseId: 'a' }));
    await writeFile(join(folder, RESULTS_FILE), `${whole}\n${JSON.stringify(makeAttempt({ caseId: 'b' })).slice(0, 50)}`);
    expect((await readResults(folder)).torn).toEqual({ line: 2, bytes: 50 });
    const store = await openResultStore(folder);
    expect(store.recoveredTornLine).toEqual({ line: 2, bytes: 50 });
    await store.append(makeAttempt({ caseId: 'b' }));
    await store.close();
    const read = await readResults(folder);
    expect(read.results.map((result) => result.caseId)).toEqual(['a', 'b']);
    expect(read.torn).toBeUndefined();
  });

  it('restores the newline of a complete last record instead of dropping it', async () => {
    await writeFile(join(folder, RESULTS_FILE), JSON.stringify(makeAttempt({ caseId: 'a' })));
    const store = await openResultStore(folder);
    expect(store.recoveredTornLine).toBeUndefined();
    await store.append(makeAttempt({ caseId: 'b' }));
    await store.close();
    expect((await readResults(folder)).results.map((result) => result.caseId)).toEqual(['a', 'b']);
  });

  it('reports a missing results file as empty, not as an error', async () => {
    const read = await readResults(folder);
    expect(read).toMatchObject({ exists: false, results: [], torn: undefined });
  });
});
