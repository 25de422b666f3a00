import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { Redis } from 'ioredis';
import { resolveAndroidEnv } from '../android/index.ts';
import { loadRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { openResultStore, writeRoundFile, type AttemptResult } from '../results/index.ts';
import { claimRoundFolder } from '../round/claim-round-folder.ts';
import { planCases } from '../round/plan-cases.ts';
import { describeRoundFile } from '../round/describe-round-file.ts';
import { readResumeState } from '../round/resume-state.ts';
import { readToolVersions } from '../round/round-environment.ts';
import { applyRoundOverrides } from '../round/round-overrides.ts';
import { TeardownStack } from '../round/teardown-stack.ts';
import { verifyRoundInputs } from '../round/verify-inputs.ts';
import { AttemptLedger, type AttemptHost } from './attempt-ledger.ts';
import { startCoordinatorServer } from './coordinator-server.ts';
import { INCOMING_DIR } from './evidence-paths.ts';
import { ACTIVE_ROUNDS_KEY, coordinatorKeyOf } from './queue-names.ts';
import { RoundQueues } from './round-queues.ts';
import { logRedisErrors, redisOptionsOf } from './redis-options.ts';
import { describeWorker, estimateRemainingMs, formatDurationShort, listWorkers } from './worker-registry.ts';
import { escapeText } from '../ingest/escape-text.ts';
import { apkHashesOf, buildRoundPackage } from './round-package.ts';
import { selectRetests } from '../round/select-retests.ts';
import { jobIdsOfRun } from './retest-jobs.ts';
import { markSharedFolder, ORPHAN_AGE_MS, removeSharedRoundDir, sweepSharedFolder } from './shared-folder.ts';

export interface ServeRoundOptions {
  roundFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  redisUrl: string;
  resume: boolean;
  /** `--output`: the round folder instead of the round's output.dir. */
  outputDir?: string;
  /** Where the file transfer listens. @default 127.0.0.1, a free port */
  listen: { host: string; port: number };
  /** The URL workers are told to use (e.g. when the coordinator is behind NAT). @default the bound address */
  advertiseUrl?: string;
  /** `--shared-folder`: a folder every host mounts, through which workers may send evidence (shared-folder.ts). */
  sharedFolder?: string;
  /** `--retest <ids>`: run these cases of the round folder again as new attempts, as `run --retest` does. @default [] */
  retest?: readonly string[];
  signal: AbortSignal;
  /** One line per event (case accepted, job retried, …): the CLI prints it. */
  log: (line: string) => void;
}

export interface ServeRoundResult {
  outputDir: string;
  alreadyFinished: boolean;
  interrupted: boolean;
}

/** How often the coordinator looks at the queue for jobs to put back (failed ones) while waiting. */
const WATCH_INTERVAL_MS = 2_000;
/** How often the coordinator prints its live view (only when something changed). */
const STATUS_INTERVAL_MS = 10_000;

/**
 * The coordinator of a round run on many hosts: validates the round and verifies every APK's
 * SHA-256 exactly as `run` does, claims the round folder (the only writer of results.jsonl,
 * evidence and round.json), enqueues one BullMQ job per unfinished case, serves the round and its
 * APKs to workers, accepts fenced attempts ({@link AttemptLedger}) and ends when every case has its
 * final result. Restarted (`--resume`), it catches up from results.jsonl and the queue.
 */
export async function serveRound(options: ServeRoundOptions): Promise<ServeRoundResult> {
  const loaded = await loadRound(options.roundFile, { cwd: options.cwd });
  const round = options.outputDir === undefined ? loaded : await applyRoundOverrides(loaded, { outputDir: options.outputDir }, options.cwd);
  if (round.devices.kind === 'physical') {
    throw new HarnessError('USAGE', `${relative(options.cwd, round.file)}: serve-round runs rounds on emulators only; this round names physical phones`, {
      hint: 'run a round on phones with `stalkerbench run` on the host they are attached to',
    });
  }
  const roundText = await readFile(round.file, 'utf8');
  const roundSha256 = createHash('sha256').update(roundText).digest('hex');
  const inputs = await verifyRoundInputs(round, options.cwd);
  const plan = planCases(round);
  const outputDir = round.output.dir;
  const displayDir = relative(options.cwd, outputDir) || outputDir;
  const pins = { products: new Map(round.products.map((p) => [p.id, p.apk.sha256])), samples: new Map(round.samples.map((s) => [s.id, s.sha256])) };
  const { record: runtime, cleaned } = await claimRoundFolder(outputDir, { env: options.env, displayDir });
  for (const line of cleaned) options.log(line);
  const teardown = new TeardownStack();
  teardown.add('runtime record', () => runtime.remove());
  try {
    // A shared folder this user cannot write to is bad input, refused before anything is written
    // (after the claim, so a second coordinator never replaces the running one's mark).
    const shared = options.sharedFolder === undefined ? undefined : { root: options.sharedFolder, roundId: round.id };
    const sharedNonce = shared === undefined ? undefined : await markSharedFolder(shared.root, shared.roundId);
    const retestIds = options.retest ?? [];
    // A retest continues the folder as --resume does (same round file, pins and selection), as in run-round.ts.
    const resume = await readResumeState(outputDir, plan, roundSha256, options.resume || retestIds.length > 0, displayDir, pins);
    const attemptsBeforeRetest = new Map(retestIds.map((id) => [id, resume.attemptsSoFar.get(id) ?? 0]));
    const retesting = selectRetests(retestIds, plan, resume, displayDir);
    const jobIdFor = jobIdsOfRun(round.id, retesting, resume.attemptsSoFar);
    const pending = plan.filter((c) => !resume.finished.has(c.caseId));
    if (pending.length === 0 && resume.previous) return { outputDir, alreadyFinished: true, interrupted: false };

    const roundFile = describeRoundFile({
      round, inputs, previous: resume.previous, plan,
      identity: { id: round.id, title: round.title, file: relative(options.cwd, round.file) || round.file, sha256: roundSha256 },
      harness: await readToolVersions(resolveAndroidEnv({ env: options.env })),
      startedAt: new Date(),
      devices: round.devices.profiles.map((p) => ({ profile: p.name, apiLevel: p.apiLevel, release: p.release, image: p.systemImage, model: p.device.model })),
    });
    await writeRoundFile(outputDir, roundFile);
    const store = await openResultStore(outputDir);
    teardown.add('results file', () => store.close());

    const redisOptions = redisOptionsOf(options.redisUrl);
    const redis = new Redis({ ...redisOptions, lazyConnect: true });
    logRedisErrors(redis, options.log);
    await redis.connect().catch((error: unknown) => {
      throw new HarnessError('QUEUE_UNAVAILABLE', `cannot reach Redis at ${redisOptions.host ?? '?'}:${redisOptions.port ?? '?'}: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'start redis-server (README: "Running a round across machines") and check the --redis URL and password',
      });
    });
    teardown.add('Redis connection', async () => void (await redis.quit().catch(() => undefined)));
    const queues = new RoundQueues(round, plan, redisOptions, jobIdFor);
    teardown.add('queues', () => queues.close());
    await queues.applyLimits();
    const caseOfJob = new Map(plan.map((c) => [jobIdFor(c.caseId), c.caseId]));
    const lockKeyOf = (jobId: string): string | undefined => {
      const caseId = caseOfJob.get(jobId);
      return caseId === undefined ? undefined : queues.lockKeyOfCase(caseId);
    };

    const ledger = new AttemptLedger({
      outputDir, plan, finished: resume.finished, attemptsSoFar: resume.attemptsSoFar, maxAttempts: 1 + round.retries.infra, store,
      // The fencing check: BullMQ keeps the holder's token in the job's lock key while it is active.
      // The lock key is per queue: a limited product's cases are in the product's own queue.
      holdsLock: async (jobId, token) => {
        const key = lockKeyOf(jobId);
        return key !== undefined && (await redis.get(key)) === token;
      },
      jobIdOf: jobIdFor, attemptsBeforeRetest,
      onAccepted: (result: AttemptResult, host: AttemptHost) => {
        const what = result.status === 'completed' ? `detected ${String(result.detected)}, alerted ${String(result.alerted)}` : `${result.status} ${result.error?.code ?? ''}`;
        options.log(`${result.caseId} attempt ${result.attempt}${result.final ? '' : ' (will retry)'}: ${what} on ${host.hostname}/${result.device?.serial ?? '?'} [${ledger.decidedCount}/${plan.length}]`);
      },
    });
    const pack = buildRoundPackage(round, roundSha256, inputs);
    const token = randomBytes(24).toString('hex');
    const server = await startCoordinatorServer({
      token, host: options.listen.host, port: options.listen.port, outputDir, pack, apks: apkHashesOf(round), ledger, log: options.log,
      ...(shared === undefined ? {} : { sharedFolder: shared }),
    });
    teardown.add('file transfer', () => server.close());
    const url = options.advertiseUrl ?? server.url;
    // The token reaches workers through Redis, which a password protects: a worker needs nothing
    // but the Redis URL (and the coordinator's address, which is published here too).
    await redis.hset(coordinatorKeyOf(round.id), { url, token, state: 'running', roundSha256, host: hostname(), pid: String(process.pid), ...(sharedNonce === undefined ? {} : { sharedNonce }) });
    if (sharedNonce === undefined) await redis.hdel(coordinatorKeyOf(round.id), 'sharedNonce');
    if (shared !== undefined) teardown.add('shared folder sweep', sweepSharedFolderNow(shared, options.log));
    if (retesting.size > 0) options.log(`retesting ${retesting.size} case(s) as new attempts, keeping the earlier ones: ${[...retesting].join(', ')}`);
    await redis.sadd(ACTIVE_ROUNDS_KEY, round.id);
    teardown.add('round announcement', async () => {
      await redis.hset(coordinatorKeyOf(round.id), { state: ledger.allDecided() ? 'finished' : 'stopped' }).catch(() => undefined);
      await redis.srem(ACTIVE_ROUNDS_KEY, round.id).catch(() => undefined);
    });
    options.log(`serving round ${round.id}: ${pending.length} of ${plan.length} cases to run, file transfer at ${url}, queue(s) ${queues.all.map((q) => `${q.name}${q.maxDevices === undefined ? '' : ` (at most ${q.maxDevices} at once)`}`).join(', ')}`);

    const added = await queues.enqueue(pending, (caseId) => ledger.isDecided(caseId), options.log);
    options.log(`queue: ${added.added} job(s) added, ${added.requeued} put back, ${added.kept} already queued`);

    const servingSince = performance.now();
    const status = async (): Promise<string> => {
      const workers = (await listWorkers(redis).catch(() => [])).filter((entry) => entry.round === round.id);
      const eta = estimateRemainingMs(ledger.decidedCount - (plan.length - pending.length), pending.length, performance.now() - servingSince);
      const limited = await Promise.all(queues.all.filter((q) => q.maxDevices !== undefined).map(async (q) => `${q.name.slice(q.name.lastIndexOf('.') + 1)} ${await q.queue.getActiveCount().catch(() => '?')}/${q.maxDevices ?? '?'}`));
      const lines = [`progress: ${ledger.decidedCount}/${plan.length} cases decided${eta === undefined ? '' : `, about ${formatDurationShort(eta)} left at the pace so far`}; ${workers.length} worker(s)${limited.length === 0 ? '' : `; limited products running: ${limited.join(', ')}`}`];
      for (const entry of workers) lines.push(`  ${escapeText(describeWorker(entry))}`);
      return lines.join('\n');
    };
    const interrupted = await waitForRound(ledger, queues, options, status, jobIdFor);
    const finals = ledger.finals();
    const versions = new Map<string, AttemptResult['product']>();
    for (const result of finals) {
      const productId = plan.find((c) => c.caseId === result.caseId)?.productId;
      if (productId && result.product.versionName !== null) versions.set(productId, result.product);
    }
    await writeRoundFile(outputDir, {
      ...roundFile,
      finishedAt: ledger.allDecided() ? new Date().toISOString() : null,
      products: roundFile.products.map((p) => ({ ...p, ...(versions.has(p.id) ? versions.get(p.id) : {}) })),
    });
    if (ledger.allDecided()) await rm(join(outputDir, INCOMING_DIR), { recursive: true, force: true });
    if (ledger.allDecided() && shared !== undefined) await removeSharedRoundDir(shared.root, shared.roundId);
    return { outputDir, alreadyFinished: false, interrupted };
  } finally {
    await teardown.run((name, error) => options.log(`teardown of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/**
 * Sweeps the shared folder's orphans (a worker killed mid-write, a file never announced) now and every
 * few minutes while the round is served; returns the stop function for the teardown stack.
 */
function sweepSharedFolderNow(shared: { root: string; roundId: string }, log: (line: string) => void): () => Promise<void> {
  const sweep = async (): Promise<void> => {
    const removed = await sweepSharedFolder(shared.root, shared.roundId, ORPHAN_AGE_MS).catch(() => 0);
    if (removed > 0) log(`shared folder: removed ${removed} file(s) no transfer will claim (older than ${ORPHAN_AGE_MS / 60_000} min)`);
  };
  void sweep();
  const timer = setInterval(() => void sweep(), ORPHAN_AGE_MS / 2);
  timer.unref();
  return async () => clearInterval(timer);
}

/**
 * Waits until every case is decided, or the coordinator is interrupted (true). Meanwhile a job that
 * BullMQ failed (its worker's processor threw: the coordinator unreachable, an APK not fetched, a
 * stall limit) while its case is undecided is put back, so no case is left without a result.
 */
async function waitForRound(ledger: AttemptLedger, queues: RoundQueues, options: ServeRoundOptions, status: () => Promise<string>, jobIdFor: (caseId: string) => string): Promise<boolean> {
  let lastStatus = '';
  let statusAt = 0;
  const aborted = new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  for (;;) {
    const tick = new Promise<void>((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS).unref());
    await Promise.race([ledger.whenAllDecided(), aborted, tick]);
    if (ledger.allDecided()) return false;
    if (options.signal.aborted) return true;
    // The live view: every worker (host, devices, cases running and done) and the time left, when it changed.
    if (performance.now() - statusAt >= STATUS_INTERVAL_MS) {
      statusAt = performance.now();
      const line = await status();
      if (line !== lastStatus) options.log(line);
      lastStatus = line;
    }
    for (const job of (await Promise.all(queues.all.map((entry) => entry.queue.getJobs(['failed'])))).flat()) {
      if (job.data.caseId === undefined || ledger.isDecided(job.data.caseId)) continue;
      // A job of an earlier run of a retested case (another id) stays failed: the ledger fences it.
      if (job.id !== jobIdFor(job.data.caseId)) continue;
      options.log(`job ${job.id ?? '?'} failed on a worker (${job.failedReason ?? 'no reason'}): put back in the queue`);
      await job.retry('failed').catch((error: unknown) => options.log(`could not put back job ${job.id ?? '?'}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
}
