/**
 * The engine side of per-product licence limits (issue 16), on a Redis of the test's own and real
 * BullMQ, without devices: the harness's JobFetcher (manual fetching) over a round's queues, one of
 * them with BullMQ's global concurrency. Two fetchers stand for two worker hosts. No ports but the
 * Redis's (a free one).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobFetcher } from '../harness/distributed/job-fetcher.ts';
import { productQueueNameOf, queueNameOf, roundQueuesOf, type CaseJobData, type CaseJobResult } from '../harness/distributed/queue-names.ts';
import { redisOptionsOf } from '../harness/distributed/redis-options.ts';
import { pollFor } from './support/poll.ts';
import { startTestRedis, type TestRedis } from './support/redis-server.ts';

let redis: TestRedis;
const opened: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const item of opened.reverse()) await item.close().catch(() => undefined);
  await redis.remove();
});

function queue(name: string): Queue<CaseJobData, CaseJobResult> {
  const q = new Queue<CaseJobData, CaseJobResult>(name, { connection: redisOptionsOf(redis.url) });
  opened.push(q);
  return q;
}

async function addCases(q: Queue<CaseJobData, CaseJobResult>, roundId: string, caseIds: string[]): Promise<void> {
  for (const caseId of caseIds) await q.add(caseId, { roundId, caseId }, { jobId: `${roundId}/${caseId}`, removeOnComplete: false, removeOnFail: false });
}

function fetcher(queueNames: string[], slots: number, process: (job: { id: string; data: CaseJobData }, signal: AbortSignal) => Promise<CaseJobResult>, lockMs = 10_000) {
  const controller = new AbortController();
  const lines: string[] = [];
  const f = new JobFetcher({
    queueNames, connection: redisOptionsOf(redis.url), slots, lockMs, signal: controller.signal, idleMs: 20,
    log: (line) => lines.push(line), progress: (line) => lines.push(line), process,
  });
  const loop = f.run();
  const stop = async (): Promise<void> => {
    controller.abort();
    await loop;
    await f.close(true);
  };
  opened.push({ close: stop });
  return { stop, lines };
}

describe('licence limits on the queue', () => {
  it('names one queue per limited product besides the round\'s own', () => {
    expect(roundQueuesOf({ id: 'q4', limits: { zeta: { maxDevices: 2 }, alpha: { maxDevices: 1 } } })).toEqual([
      { name: 'stalkerbench-q4' },
      { name: 'stalkerbench-q4.alpha', productId: 'alpha', maxDevices: 1 },
      { name: 'stalkerbench-q4.zeta', productId: 'zeta', maxDevices: 2 },
    ]);
  });

  it('never runs more jobs of a limited queue at once than its global concurrency, across two workers, while the other queue fills the free slots', async () => {
    const open = queue(queueNameOf('lim'));
    const limited = queue(productQueueNameOf('lim', 'alpha'));
    await limited.setGlobalConcurrency(1);
    await addCases(open, 'lim', ['b1', 'b2', 'b3', 'b4']);
    await addCases(limited, 'lim', ['a1', 'a2', 'a3', 'a4']);
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const ran: string[] = [];
    const process = async (job: { id: string; data: CaseJobData }): Promise<CaseJobResult> => {
      const kind = job.data.caseId.slice(0, 1);
      running.set(kind, (running.get(kind) ?? 0) + 1);
      peak.set(kind, Math.max(peak.get(kind) ?? 0, running.get(kind) ?? 0));
      ran.push(job.data.caseId);
      await new Promise((resolve) => setTimeout(resolve, 150));
      running.set(kind, (running.get(kind) ?? 1) - 1);
      return { caseId: job.data.caseId, finalAttempt: 1 };
    };
    const names = [open.name, limited.name];
    const workers = [fetcher(names, 2, process), fetcher(names, 2, process)];
    await pollFor('8 jobs completed', async () => ((await open.getCompletedCount()) + (await limited.getCompletedCount()) === 8 ? true : undefined), { budgetMs: 60_000, intervalMs: 50 });
    for (const worker of workers) await worker.stop();
    expect(peak.get('a')).toBe(1);
    expect(peak.get('b')).toBeGreaterThanOrEqual(2);
    expect([...ran].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4']);
    expect(await limited.getActiveCount()).toBe(0);
  });

  it('takes jobs from the round\'s queues in turn, so one product cannot starve another', async () => {
    const first = queue(queueNameOf('rr'));
    const second = queue(productQueueNameOf('rr', 'beta'));
    await addCases(first, 'rr', ['x1', 'x2', 'x3']);
    await addCases(second, 'rr', ['y1', 'y2', 'y3']);
    const ran: string[] = [];
    const worker = fetcher([first.name, second.name], 1, async (job) => {
      ran.push(job.data.caseId);
      return { caseId: job.data.caseId, finalAttempt: 1 };
    });
    await pollFor('6 jobs ran', () => (ran.length === 6 ? true : undefined), { budgetMs: 30_000, intervalMs: 20 });
    await worker.stop();
    expect(ran).toEqual(['x1', 'y1', 'x2', 'y2', 'x3', 'y3']);
  });

  it('starts a job added to an idle worker\'s only queue (BullMQ\'s blocking fetch) and completes it once', async () => {
    const q = queue(queueNameOf('idle'));
    const ran: string[] = [];
    const worker = fetcher([q.name], 1, async (job) => {
      ran.push(job.data.caseId);
      return { caseId: job.data.caseId, finalAttempt: 1 };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran).toEqual([]);
    await addCases(q, 'idle', ['late']);
    await pollFor('the late job completed', async () => ((await q.getJobState('idle/late')) === 'completed' ? true : undefined), { budgetMs: 10_000, intervalMs: 20 });
    await worker.stop();
    expect(ran).toEqual(['late']);
    expect((await q.getJob('idle/late'))?.returnvalue).toEqual({ caseId: 'late', finalAttempt: 1 });
  });

  it('abandons a job whose lock it can no longer renew, and does not complete it', async () => {
    const q = queue(queueNameOf('fence'));
    await addCases(q, 'fence', ['c1']);
    let reason: unknown;
    const worker = fetcher([q.name], 1, (_job, signal) => new Promise<CaseJobResult>((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        reason = signal.reason;
        reject(signal.reason as Error);
      }, { once: true });
    }), 2_000);
    const client = new Redis({ ...redisOptionsOf(redis.url) });
    opened.push({ close: async () => void client.disconnect() });
    const lockKey = `${q.toKey('fence/c1')}:lock`;
    await pollFor('the job is locked', async () => ((await client.get(lockKey)) === null ? undefined : true), { budgetMs: 10_000, intervalMs: 20 });
    // Another worker took over the job (its lock lapsed, the stalled check handed it on): the token changed.
    await client.set(lockKey, 'another-worker-token');
    await pollFor('the attempt was abandoned', () => (reason === undefined ? undefined : true), { budgetMs: 10_000, intervalMs: 50 });
    await worker.stop();
    expect(String(reason)).toContain('could not be renewed');
    expect(worker.lines.join('\n')).toContain('job fence/c1: lock lost, abandoning its attempt');
    expect(await q.getJobState('fence/c1')).toBe('active');
    expect(await q.getCompletedCount()).toBe(0);
  });
});
