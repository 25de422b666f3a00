import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hashFile } from '../config/index.ts';
import { ATTEMPT_HOSTS_FILE, attemptResultSchema, type AttemptResult, type PlannedCase, type ResultStore } from '../results/index.ts';
import { attemptEvidenceDir, INCOMING_DIR, isAttemptEvidencePath, stagingKeyOf } from './evidence-paths.ts';

/** Where an attempt ran: written beside results.jsonl, one line per accepted attempt. */
export interface AttemptHost {
  hostname: string;
  workerId: string;
  versions: Record<string, string>;
}

export { ATTEMPT_HOSTS_FILE };

export interface SubmittedAttempt {
  jobId: string;
  token: string;
  caseId: string;
  attempt: number;
  /** The attempt as runCaseAttempt returned it (no `final`: the coordinator decides that). */
  outcome: Omit<AttemptResult, 'final'>;
  /** Each evidence file with the SHA-256 the worker computed: checked again here before acceptance. */
  files: Array<{ path: string; sha256: string }>;
  host: AttemptHost;
}

export type StartAnswer = { status: 'run'; attempt: number } | { status: 'decided' } | { status: 'fenced'; reason: string };
export type SubmitAnswer =
  | { status: 'accepted'; final: boolean; nextAttempt: number }
  | { status: 'decided' }
  | { status: 'fenced'; reason: string }
  | { status: 'invalid'; reason: string };

export interface AttemptLedgerOptions {
  outputDir: string;
  plan: readonly PlannedCase[];
  /** Final results already in results.jsonl. */
  finished: ReadonlyMap<string, AttemptResult>;
  /** Highest attempt number written so far per case. */
  attemptsSoFar: ReadonlyMap<string, number>;
  maxAttempts: number;
  /** Attempts made before a retest, per retested case: a retest gets the retry budget afresh, as in `run --retest`. */
  attemptsBeforeRetest?: ReadonlyMap<string, number>;
  store: ResultStore;
  /** True while `token` holds the lock of job `jobId` (the fencing check, against Redis). */
  holdsLock: (jobId: string, token: string) => Promise<boolean>;
  /** The job id a case must be run under. */
  jobIdOf: (caseId: string) => string;
  onAccepted?: (result: AttemptResult, host: AttemptHost) => void;
}

/**
 * The coordinator's book of attempts: the one place that decides what enters results.jsonl.
 * BullMQ delivers at least once, so two workers may run one case at the same time (a lock that
 * lapsed, a worker cut off from Redis); an attempt is accepted only from the token that holds the
 * job's lock, only under the attempt number the case is at, with every evidence file present and
 * matching its SHA-256; and a case's final result is written at most once — any later arrival for
 * a decided case is a no-op. Calls are serialised, so two arrivals cannot interleave.
 */
export class AttemptLedger {
  readonly #options: AttemptLedgerOptions;
  readonly #planned: Set<string>;
  readonly #decided = new Map<string, AttemptResult>();
  readonly #written = new Map<string, number>();
  #queue: Promise<unknown> = Promise.resolve();
  #doneListeners: Array<() => void> = [];

  constructor(options: AttemptLedgerOptions) {
    this.#options = options;
    this.#planned = new Set(options.plan.map((c) => c.caseId));
    for (const [caseId, result] of options.finished) if (this.#planned.has(caseId)) this.#decided.set(caseId, result);
    for (const [caseId, attempts] of options.attemptsSoFar) this.#written.set(caseId, attempts);
  }

  get decidedCount(): number {
    return this.#decided.size;
  }

  isDecided(caseId: string): boolean {
    return this.#decided.has(caseId);
  }

  allDecided(): boolean {
    return this.#decided.size === this.#planned.size;
  }

  finals(): AttemptResult[] {
    return [...this.#decided.values()];
  }

  /** Resolves once every planned case has its final result. */
  whenAllDecided(): Promise<void> {
    if (this.allDecided()) return Promise.resolve();
    return new Promise((resolve) => this.#doneListeners.push(resolve));
  }

  /** A worker took a case's job: which attempt it runs, unless the case is decided or the token is stale. */
  start(jobId: string, token: string, caseId: string): Promise<StartAnswer> {
    return this.#serial(async (): Promise<StartAnswer> => {
      if (!this.#planned.has(caseId) || jobId !== this.#options.jobIdOf(caseId)) return { status: 'fenced', reason: `job ${jobId} is not case ${caseId} of this round` };
      if (this.#decided.has(caseId)) return { status: 'decided' };
      if (!(await this.#options.holdsLock(jobId, token))) return { status: 'fenced', reason: `token does not hold the lock of job ${jobId}` };
      return { status: 'run', attempt: (this.#written.get(caseId) ?? 0) + 1 };
    });
  }

  /** Whether files for this attempt may be staged now (the same checks as a submission, minus the files). */
  mayUpload(jobId: string, token: string, caseId: string, attempt: number, path: string): Promise<boolean> {
    return this.#serial(async () => this.#planned.has(caseId) && jobId === this.#options.jobIdOf(caseId) && !this.#decided.has(caseId)
      && attempt === (this.#written.get(caseId) ?? 0) + 1 && isAttemptEvidencePath(path, caseId, attempt)
      && this.#options.holdsLock(jobId, token));
  }

  submit(submitted: SubmittedAttempt): Promise<SubmitAnswer> {
    return this.#serial(() => this.#accept(submitted));
  }

  async #accept(s: SubmittedAttempt): Promise<SubmitAnswer> {
    const { caseId, attempt } = s;
    if (!this.#planned.has(caseId) || s.jobId !== this.#options.jobIdOf(caseId)) return { status: 'invalid', reason: `job ${s.jobId} is not case ${caseId} of this round` };
    // Idempotent by case: a second arrival for a decided case (a late worker, a re-run after Redis
    // lost its last writes) changes nothing.
    if (this.#decided.has(caseId)) return { status: 'decided' };
    if (!(await this.#options.holdsLock(s.jobId, s.token))) return { status: 'fenced', reason: `token does not hold the lock of job ${s.jobId}` };
    const expected = (this.#written.get(caseId) ?? 0) + 1;
    if (attempt !== expected || s.outcome.caseId !== caseId || s.outcome.attempt !== attempt) return { status: 'fenced', reason: `attempt ${attempt} of ${caseId} is not the next one (${expected})` };
    const problem = await this.#checkFiles(s);
    if (problem !== undefined) return { status: 'invalid', reason: problem };
    const final = isFinalAttempt(s.outcome.status, attempt - (this.#options.attemptsBeforeRetest?.get(caseId) ?? 0), this.#options.maxAttempts);
    const result: AttemptResult = { ...s.outcome, final };
    const parsed = attemptResultSchema.safeParse(result);
    if (!parsed.success) return { status: 'invalid', reason: `the attempt is not a valid result: ${parsed.error.issues[0]?.message ?? 'schema'}` };
    await this.#moveEvidence(s);
    await this.#options.store.append(result);
    await appendFile(join(this.#options.outputDir, ATTEMPT_HOSTS_FILE), `${JSON.stringify({ caseId, attempt, ...s.host })}\n`);
    this.#written.set(caseId, attempt);
    if (final) this.#decided.set(caseId, result);
    this.#options.onAccepted?.(result, s.host);
    if (this.allDecided()) for (const listener of this.#doneListeners.splice(0)) listener();
    return { status: 'accepted', final, nextAttempt: attempt + 1 };
  }

  async #checkFiles(s: SubmittedAttempt): Promise<string | undefined> {
    const claimed = new Map(s.files.map((f) => [f.path, f.sha256]));
    for (const item of s.outcome.evidence) {
      if (!claimed.has(item.path)) return `evidence ${item.path} is listed but was not sent`;
    }
    const staging = join(this.#options.outputDir, INCOMING_DIR, stagingKeyOf(s.jobId, s.token, s.attempt));
    for (const [path, sha256] of claimed) {
      if (!isAttemptEvidencePath(path, s.caseId, s.attempt)) return `evidence path ${JSON.stringify(path)} is outside ${attemptEvidenceDir(s.caseId, s.attempt)}/`;
      const file = join(staging, path);
      const present = await stat(file).then((info) => info.isFile(), () => false);
      if (!present) return `evidence ${path} did not arrive`;
      // Hashed again from disk (streamed): what is accepted is what is stored.
      if ((await hashFile(file)) !== sha256) return `evidence ${path} does not have SHA-256 ${sha256}`;
    }
    return undefined;
  }

  async #moveEvidence(s: SubmittedAttempt): Promise<void> {
    const relative = attemptEvidenceDir(s.caseId, s.attempt);
    const from = join(this.#options.outputDir, INCOMING_DIR, stagingKeyOf(s.jobId, s.token, s.attempt), relative);
    const to = join(this.#options.outputDir, relative);
    // A folder already there belongs to no result (a coordinator that died between moving and
    // writing the line): the attempt number is given out again, so its files are replaced.
    await rm(to, { recursive: true, force: true });
    await mkdir(dirname(to), { recursive: true });
    if (s.files.length === 0) {
      await mkdir(to, { recursive: true });
      return;
    }
    await rename(from, to);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * `run`'s rule: an infrastructure error or a product error (a crash or hang may be a one-off) is
 * retried while attempts remain; anything else, or the last attempt, is final.
 */
export function isFinalAttempt(status: AttemptResult['status'], attempt: number, maxAttempts: number): boolean {
  return (status !== 'infra-error' && status !== 'product-error') || attempt >= maxAttempts;
}
