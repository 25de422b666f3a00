import { randomUUID } from 'node:crypto';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { HarnessError } from '../errors/index.ts';
import type { CaseJobData, CaseJobResult } from './queue-names.ts';

/** The queue indices to try, starting with `start` and wrapping around: one pass over every queue. */
export function rotation(count: number, start: number): number[] {
  return Array.from({ length: count }, (_, offset) => (((start + offset) % count) + count) % count);
}

export interface JobFetcherOptions {
  /** The round's queues (queue-names.ts roundQueuesOf): its own and one per limited product. */
  queueNames: readonly string[];
  connection: ConnectionOptions;
  /** Jobs this worker runs at once: its devices (a case holds one device at a time). */
  slots: number;
  /** BullMQ lock duration; renewed every half of it. */
  lockMs: number;
  /** Runs one job; its signal aborts when the job's lock could not be renewed (another worker may hold it). */
  process: (job: { id: string; data: CaseJobData; token: string }, signal: AbortSignal) => Promise<CaseJobResult>;
  /** Aborted: no job is fetched any more; running ones are aborted by their own signals. */
  signal: AbortSignal;
  log: (line: string) => void;
  progress: (line: string) => void;
  /**
   * With several queues: how long to wait before asking again when every queue was empty or at its
   * limit. A single queue (a round without limits) is waited on by BullMQ's own blocking fetch instead,
   * so a job added to an idle worker's queue starts at once. @default 100
   */
  idleMs?: number;
}

/**
 * A worker's side of the round's queues, fetching jobs by hand (BullMQ "Manually processing jobs":
 * `new Worker(name, null)`, `getNextJob(token, { block })`, `job.extendLock`,
 * `moveToCompleted`/`moveToFailed`, `startStalledCheckTimer`; bullmq src/classes/worker.ts). A job
 * is taken only while one of the worker's devices is free, so no job sits active waiting for an
 * emulator and a limited product's global concurrency counts devices really running it. Queues are
 * asked in turn, starting after the one served last, so one product's queue cannot starve another.
 */
export class JobFetcher {
  readonly #options: JobFetcherOptions;
  readonly #workers: Array<Worker<CaseJobData, CaseJobResult>>;
  readonly #running = new Map<string, Promise<void>>();
  #next = 0;

  constructor(options: JobFetcherOptions) {
    if (options.queueNames.length === 0) throw new HarnessError('INTERNAL', 'a job fetcher needs at least one queue');
    this.#options = options;
    this.#workers = options.queueNames.map((name) => {
      const worker = new Worker<CaseJobData, CaseJobResult>(name, null, {
        connection: options.connection, autorun: false, lockDuration: options.lockMs,
        stalledInterval: Math.min(30_000, options.lockMs), maxStalledCount: 5,
        // The longest a blocking fetch waits (seconds) before the loop looks at its signal again.
        drainDelay: 1,
      });
      // Without a listener an 'error' event would end the process; BullMQ reports Redis reconnects
      // and stalled-check failures here, all of which the worker survives.
      worker.on('error', (error: Error) => options.log(`queue ${name}: ${error.message}`));
      return worker;
    });
  }

  /** Job ids running now. */
  get running(): string[] {
    return [...this.#running.keys()];
  }

  /** Fetches and runs jobs until the signal aborts, then waits for the running ones to end. */
  async run(): Promise<void> {
    const { signal } = this.#options;
    // Manual fetching starts no stalled-job checker of its own: without it a dead worker's job would stay active.
    await Promise.all(this.#workers.map((worker) => worker.startStalledCheckTimer()));
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    while (!signal.aborted) {
      if (this.#running.size >= this.#options.slots) {
        await Promise.race([aborted, ...this.#running.values()]);
        continue;
      }
      const fetched = await this.#fetchOne().catch((error: unknown) => {
        this.#options.log(`fetching a job failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      if (fetched === undefined) {
        // A single queue's fetch blocked already (up to drainDelay); several are polled.
        const idleMs = this.#workers.length === 1 ? 10 : this.#options.idleMs ?? 100;
        await Promise.race([aborted, new Promise((resolve) => setTimeout(resolve, idleMs).unref())]);
        continue;
      }
      const id = fetched.job.id ?? '';
      this.#running.set(id, this.#runJob(fetched.job, fetched.token).finally(() => this.#running.delete(id)));
    }
    await Promise.allSettled(this.#running.values());
  }

  async close(force: boolean): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close(force)));
  }

  /** One pass over the queues in turn; the next pass starts after the queue that gave a job. */
  async #fetchOne(): Promise<{ job: Job<CaseJobData, CaseJobResult>; token: string } | undefined> {
    for (const index of rotation(this.#workers.length, this.#next)) {
      const worker = this.#workers[index];
      if (worker === undefined || this.#options.signal.aborted) return undefined;
      // A token per job: it is the job's lock, and the attempt's fencing key at the coordinator.
      const token = randomUUID();
      const job = await worker.getNextJob(token, { block: this.#workers.length === 1 }) as Job<CaseJobData, CaseJobResult> | undefined;
      if (job !== undefined) {
        this.#next = index + 1;
        return { job, token };
      }
    }
    return undefined;
  }

  async #runJob(job: Job<CaseJobData, CaseJobResult>, token: string): Promise<void> {
    const options = this.#options;
    const id = job.id ?? '';
    const fence = new AbortController();
    // Renewed every half of the lock's duration, as BullMQ's own lock manager does for processors.
    const renewal = setInterval(() => {
      void job.extendLock(token, options.lockMs).then((renewed) => {
        if (Number(renewed) === 1 || fence.signal.aborted) return;
        options.progress(`job ${id}: lock lost, abandoning its attempt`);
        fence.abort(new HarnessError('ATTEMPT_FENCED', `the lock of job ${id} could not be renewed`));
      }, (error: unknown) => options.log(`job ${id}: renewing its lock failed: ${error instanceof Error ? error.message : String(error)}`));
    }, Math.max(1_000, Math.floor(options.lockMs / 2)));
    let result: CaseJobResult;
    try {
      result = await options.process({ id, data: job.data, token }, AbortSignal.any([options.signal, fence.signal]));
    } catch (error) {
      clearInterval(renewal);
      const reason = error instanceof Error ? error : new Error(String(error));
      options.log(`job ${id} failed: ${reason.message}`);
      // With the lock lost this fails too ("Missing lock"): the job is another worker's now.
      await job.moveToFailed(reason, token, false).catch((moveError: unknown) => options.log(`job ${id}: not moved to failed: ${moveError instanceof Error ? moveError.message : String(moveError)}`));
      return;
    }
    clearInterval(renewal);
    // The coordinator has already written the case's result; a refused completion (lock lost in
    // between) only means the job runs again elsewhere and is answered "decided" at once.
    await job.moveToCompleted(result, token, false).catch((error: unknown) => options.log(`job ${id}: not moved to completed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
