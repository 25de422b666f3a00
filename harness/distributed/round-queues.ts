import { Queue, type ConnectionOptions } from 'bullmq';
import type { ResolvedRound } from '../config/index.ts';
import type { PlannedCase } from '../results/index.ts';
import { enqueueCases, type EnqueueSummary } from './enqueue-cases.ts';
import { jobIdOf, queueNameOfProduct, roundQueuesOf, type CaseJobData, type CaseJobResult } from './queue-names.ts';

export interface RoundQueue {
  name: string;
  queue: Queue<CaseJobData, CaseJobResult>;
  /** Set for a product's own queue: its licence limit, the queue's global concurrency. */
  maxDevices?: number;
}

/**
 * The coordinator's side of a round's queues: the round's own queue and one per limited product
 * (queue-names.ts). A limited queue's global concurrency is set to the product's maxDevices
 * (`Queue.setGlobalConcurrency`, BullMQ's open-source means; its moveToActive script refuses a job
 * while the queue's active list is that long: bullmq src/commands/includes/isQueuePausedOrMaxed.lua).
 * It maps each case to its queue for the fencing check (the lock key is per queue) and the sweeps.
 */
export class RoundQueues {
  readonly all: readonly RoundQueue[];
  readonly #byName: ReadonlyMap<string, RoundQueue>;
  readonly #round: ResolvedRound;
  readonly #productOf: ReadonlyMap<string, string>;
  readonly #jobIdFor: (caseId: string) => string;

  /** `jobIdFor`: the job id each case runs under in this coordinator's run (a retest's own id, retest-jobs.ts). */
  constructor(round: ResolvedRound, plan: readonly PlannedCase[], connection: ConnectionOptions, jobIdFor: (caseId: string) => string = (caseId) => jobIdOf(round.id, caseId)) {
    this.#round = round;
    this.#jobIdFor = jobIdFor;
    this.all = roundQueuesOf(round).map((entry) => ({
      name: entry.name,
      queue: new Queue<CaseJobData, CaseJobResult>(entry.name, { connection }),
      ...(entry.maxDevices === undefined ? {} : { maxDevices: entry.maxDevices }),
    }));
    this.#byName = new Map(this.all.map((entry) => [entry.name, entry]));
    this.#productOf = new Map(plan.map((c) => [c.caseId, c.productId]));
  }

  /** Sets each limited queue's global concurrency (again on a restart: the round file, hence the limits, is the same). */
  async applyLimits(): Promise<void> {
    for (const entry of this.all) if (entry.maxDevices !== undefined) await entry.queue.setGlobalConcurrency(entry.maxDevices);
  }

  /** The queue holding a case's job; undefined for a case the round does not plan. */
  queueOfCase(caseId: string): RoundQueue | undefined {
    const productId = this.#productOf.get(caseId);
    return productId === undefined ? undefined : this.#byName.get(queueNameOfProduct(this.#round, productId));
  }

  /** Redis key where BullMQ keeps the token of the worker holding a case's job while it is active. */
  lockKeyOfCase(caseId: string): string | undefined {
    const entry = this.queueOfCase(caseId);
    return entry === undefined ? undefined : `${entry.queue.toKey(this.#jobIdFor(caseId))}:lock`;
  }

  /** Enqueues every undecided case in its product's queue ({@link enqueueCases}: idempotent by job id). */
  async enqueue(pending: readonly PlannedCase[], isDecided: (caseId: string) => boolean, log: (line: string) => void): Promise<EnqueueSummary> {
    const total: EnqueueSummary = { added: 0, requeued: 0, kept: 0 };
    for (const entry of this.all) {
      const mine = pending.filter((c) => this.queueOfCase(c.caseId) === entry);
      if (mine.length === 0) continue;
      const summary = await enqueueCases(entry.queue, this.#round.id, mine, isDecided, log, this.#jobIdFor);
      total.added += summary.added;
      total.requeued += summary.requeued;
      total.kept += summary.kept;
    }
    return total;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((entry) => entry.queue.close()));
  }
}
