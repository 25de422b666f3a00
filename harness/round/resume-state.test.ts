import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { makeAttempt, makeRound } from '../results/make-attempt.fixture.ts';
import { openResultStore, writeRoundFile, type AttemptResult, type PlannedCase } from '../results/index.ts';
import { readResumeState } from './resume-state.ts';

const ROUND_SHA = 'a'.repeat(64);
const plan: PlannedCase[] = ['c1', 'c2', 'c3'].map((caseId) => ({ caseId, productId: 'acme', sampleId: 'flexispy', mode: 'on-demand', repetition: 1, deviceProfile: 'api34' }));

/** The pins makeRound writes into round.json: unchanged since the earlier run. */
const PINS = { products: new Map([['acme', 'b'.repeat(64)]]), samples: new Map([['flexispy', 'c'.repeat(64)]]) };

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'sb-resume-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

async function writeRun(attempts: AttemptResult[]): Promise<void> {
  await writeRoundFile(folder, makeRound({ round: { id: 'r1', title: 'Round 1', file: 'r1.yaml', sha256: ROUND_SHA }, plan: { cases: plan }, finishedAt: null }));
  const store = await openResultStore(folder);
  for (const attempt of attempts) await store.append(attempt);
  await store.close();
}

describe('readResumeState', () => {
  it('starts fresh in an empty folder', async () => {
    const state = await readResumeState(folder, plan, ROUND_SHA, false, 'out', PINS);
    expect(state.previous).toBeUndefined();
    expect(state.finished.size).toBe(0);
    expect(state.allResults).toEqual([]);
  });

  it('refuses a folder with results but no round.json, with or without --resume (USAGE), and leaves it alone', async () => {
    await appendFile(join(folder, 'results.jsonl'), `${JSON.stringify(makeAttempt({ caseId: 'c1' }))}\n`);
    for (const resume of [false, true]) {
      await expect(readResumeState(folder, plan, ROUND_SHA, resume, 'out', PINS)).rejects.toSatisfy((error) => isHarnessError(error, 'USAGE') && /no round\.json/.test((error as Error).message));
    }
    expect(await readdir(folder)).toEqual(['results.jsonl']);
  });

  it('refuses a folder planned with other cases (a changed selection), with or without --resume', async () => {
    await writeRun([makeAttempt({ caseId: 'c1' })]);
    for (const resume of [false, true]) {
      await expect(readResumeState(folder, plan.slice(0, 2), ROUND_SHA, resume, 'out', PINS)).rejects.toSatisfy((error) => isHarnessError(error, 'CONFIG_INVALID') && /other cases \(0 planned now were not planned then, 1 planned then are not now\)/.test((error as Error).message));
    }
  });

  it('accepts a finished round without --resume, with every case finished (the runner then says so)', async () => {
    await writeRun(plan.map((c) => makeAttempt({ caseId: c.caseId })));
    const state = await readResumeState(folder, plan, ROUND_SHA, false, 'out', PINS);
    expect([...state.finished.keys()].sort()).toEqual(['c1', 'c2', 'c3']);
    expect(state.previous?.round.id).toBe('r1');
  });

  it('refuses an unfinished run without --resume (USAGE) and continues it with --resume', async () => {
    await writeRun([
      makeAttempt({ caseId: 'c1' }),
      makeAttempt({ caseId: 'c2', attempt: 1, final: false, status: 'infra-error', error: { code: 'DEVICE_LOST', message: 'gone' } }),
      makeAttempt({ caseId: 'c2', attempt: 2, final: false, status: 'infra-error', error: { code: 'DEVICE_LOST', message: 'gone' } }),
    ]);
    await expect(readResumeState(folder, plan, ROUND_SHA, false, 'out', PINS)).rejects.toSatisfy((error) => isHarnessError(error, 'USAGE'));
    const state = await readResumeState(folder, plan, ROUND_SHA, true, 'out', PINS);
    expect([...state.finished.keys()]).toEqual(['c1']);
    // Attempts continue where the crashed run stopped: retries are bounded over runs, not per run.
    expect(state.attemptsSoFar.get('c2')).toBe(2);
    expect(state.attemptsSoFar.has('c3')).toBe(false);
    expect(state.allResults).toHaveLength(3);
  });

  it('refuses a folder written by a different version of the round file (CONFIG_INVALID), even with --resume', async () => {
    await writeRun([makeAttempt({ caseId: 'c1' })]);
    for (const resume of [false, true]) {
      await expect(readResumeState(folder, plan, 'b'.repeat(64), resume, 'out', PINS)).rejects.toSatisfy((error) => isHarnessError(error, 'CONFIG_INVALID'));
    }
  });

  it('ignores a torn last line left by kill -9: that attempt is run again', async () => {
    await writeRun([makeAttempt({ caseId: 'c1' })]);
    await appendFile(join(folder, 'results.jsonl'), JSON.stringify(makeAttempt({ caseId: 'c2' })).slice(0, 40));
    const state = await readResumeState(folder, plan, ROUND_SHA, true, 'out', PINS);
    expect([...state.finished.keys()]).toEqual(['c1']);
  });

  it('refuses a folder whose run used other product or sample APKs (CONFIG_INVALID), even with --resume', async () => {
    await writeRun([makeAttempt({ caseId: 'c1' })]);
    const newProduct = { ...PINS, products: new Map([['acme', 'd'.repeat(64)]]) };
    const newSample = { ...PINS, samples: new Map([['flexispy', 'e'.repeat(64)]]) };
    for (const pins of [newProduct, newSample]) {
      await expect(readResumeState(folder, plan, ROUND_SHA, true, 'out', pins)).rejects.toSatisfy((error) => isHarnessError(error, 'CONFIG_INVALID'));
    }
  });
});
