import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAttempt } from '../results/make-attempt.fixture.ts';
import { openResultStore, readResults, type PlannedCase, type ResultStore } from '../results/index.ts';
import { AttemptLedger, isFinalAttempt, type SubmittedAttempt } from './attempt-ledger.ts';
import { INCOMING_DIR, stagingKeyOf } from './evidence-paths.ts';

const CASE: PlannedCase = { caseId: 'acme__mspy__on-demand__pixel__r1', productId: 'acme', sampleId: 'mspy', mode: 'on-demand', repetition: 1, deviceProfile: 'pixel' };
const JOB = `round/${CASE.caseId}`;

let dir: string;
let store: ResultStore;
/** The token that holds the job's lock now, as Redis would answer. */
let holder: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-ledger-'));
  store = await openResultStore(dir);
  holder = 'token-a';
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function ledger(maxAttempts = 3): AttemptLedger {
  return new AttemptLedger({
    outputDir: dir, plan: [CASE], finished: new Map(), attemptsSoFar: new Map(), maxAttempts, store,
    holdsLock: (jobId, token) => Promise.resolve(jobId === JOB && token === holder),
    jobIdOf: (caseId) => `round/${caseId}`,
  });
}

/** Stages one evidence file as the transfer would and returns the submission. */
async function submission(token: string, attempt: number, status: 'completed' | 'infra-error' = 'completed', content = 'png bytes'): Promise<SubmittedAttempt> {
  const path = `evidence/${CASE.caseId}/${attempt}/01-scan-results.png`;
  const staged = join(dir, INCOMING_DIR, stagingKeyOf(JOB, token, attempt), path);
  await mkdir(dirname(staged), { recursive: true });
  await writeFile(staged, content);
  const failed = status === 'infra-error'
    ? { detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, category: null, alertText: null, timeToAlertMs: null, safetyAdvice: null, error: { code: 'DEVICE_LOST', message: 'emulator-5600 went offline' } }
    : {};
  const { final: _final, ...outcome } = makeAttempt({ caseId: CASE.caseId, attempt, status, ...failed, evidence: [{ kind: 'screenshot', step: 'scan-results', path }] });
  return { jobId: JOB, token, caseId: CASE.caseId, attempt, outcome, files: [{ path, sha256: createHash('sha256').update('png bytes').digest('hex') }], host: { hostname: 'host-1', workerId: 'host-1-1', versions: {} } };
}

describe('AttemptLedger', () => {
  it('accepts an attempt only from the token holding the job, and writes a case\'s final result once', async () => {
    const book = ledger();
    expect(await book.start(JOB, 'token-a', CASE.caseId)).toEqual({ status: 'run', attempt: 1 });
    // The lock lapsed and another worker took the job: the first worker's attempt is fenced off.
    holder = 'token-b';
    expect((await book.submit(await submission('token-a', 1))).status).toBe('fenced');
    expect(await book.submit(await submission('token-b', 1))).toEqual({ status: 'accepted', final: true, nextAttempt: 2 });
    // A late second arrival, even from the holder, changes nothing.
    expect(await book.submit(await submission('token-b', 1))).toEqual({ status: 'decided' });
    expect(await book.start(JOB, 'token-b', CASE.caseId)).toEqual({ status: 'decided' });
    const { results } = await readResults(dir);
    expect(results.map((r) => [r.attempt, r.final])).toEqual([[1, true]]);
    expect((await stat(join(dir, `evidence/${CASE.caseId}/1/01-scan-results.png`))).isFile()).toBe(true);
    expect((await readFile(join(dir, 'attempt-hosts.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('numbers retries after infrastructure errors as run does, the last attempt final', async () => {
    const book = ledger(2);
    expect(await book.submit(await submission('token-a', 1, 'infra-error'))).toEqual({ status: 'accepted', final: false, nextAttempt: 2 });
    // An attempt number given out twice (a stale worker) is refused.
    expect((await book.submit(await submission('token-a', 1, 'infra-error'))).status).toBe('fenced');
    expect(await book.submit(await submission('token-a', 2, 'infra-error'))).toEqual({ status: 'accepted', final: true, nextAttempt: 3 });
    expect(book.allDecided()).toBe(true);
  });

  it('gives a retested case the retry budget afresh and fences the first run\'s job id (serve-round --retest)', async () => {
    // The case was decided at attempt 1; the retest runs under its own job id from attempt 2 on.
    const retestJob = `${JOB}/retest-2`;
    const book = new AttemptLedger({
      outputDir: dir, plan: [CASE], finished: new Map(), attemptsSoFar: new Map([[CASE.caseId, 1]]), attemptsBeforeRetest: new Map([[CASE.caseId, 1]]), maxAttempts: 2, store,
      holdsLock: (jobId, token) => Promise.resolve(jobId === retestJob && token === holder),
      jobIdOf: () => retestJob,
    });
    expect((await book.start(JOB, 'token-a', CASE.caseId)).status).toBe('fenced');
    expect(await book.start(retestJob, 'token-a', CASE.caseId)).toEqual({ status: 'run', attempt: 2 });
    const retry = { ...(await submission('token-a', 2, 'infra-error')), jobId: retestJob };
    // Staged under the retest's job id, as the transfer would.
    const path = retry.files[0]?.path ?? '';
    await mkdir(dirname(join(dir, INCOMING_DIR, stagingKeyOf(retestJob, 'token-a', 2), path)), { recursive: true });
    await writeFile(join(dir, INCOMING_DIR, stagingKeyOf(retestJob, 'token-a', 2), path), 'png bytes');
    // Attempt 2 is the retest's first of two: not final although the round allows 2 attempts in all.
    expect(await book.submit(retry)).toEqual({ status: 'accepted', final: false, nextAttempt: 3 });
  });

  it('refuses evidence whose bytes do not have the SHA-256 sent with the attempt, and paths outside its folder', async () => {
    const book = ledger();
    const altered = await submission('token-a', 1, 'completed', 'other bytes');
    expect((await book.submit(altered)).status).toBe('invalid');
    const escaping = await submission('token-a', 1);
    escaping.files = [{ path: '../../etc/passwd', sha256: '0'.repeat(64) }];
    escaping.outcome.evidence = [];
    expect((await book.submit(escaping)).status).toBe('invalid');
    expect(await book.mayUpload(JOB, 'token-a', CASE.caseId, 1, `evidence/${CASE.caseId}/1/../../x`)).toBe(false);
    expect((await readResults(dir)).results).toEqual([]);
  });

  it('decides finality by run\'s rule', () => {
    expect(isFinalAttempt('completed', 1, 3)).toBe(true);
    expect(isFinalAttempt('flow-error', 1, 3)).toBe(true);
    expect(isFinalAttempt('product-error', 1, 3)).toBe(false);
    expect(isFinalAttempt('infra-error', 3, 3)).toBe(true);
  });
});
