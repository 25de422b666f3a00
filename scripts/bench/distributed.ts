/**
 * `node bin/run-ts.js scripts/bench/distributed.ts [--quick] [--workers 1,2,3] [--cases <n>] [--skip-throughput]`:
 * the distributed mode's costs (issue 16), with a Redis of its own (Debian's redis-server, as the tests).
 *
 *   overhead     the queue's own cost per case, measured through the real pieces without emulators:
 *                the coordinator's ledger, file transfer and enqueueCases, a BullMQ Worker with
 *                run-worker's options and a CoordinatorClient. Per case, sequentially with an idle
 *                worker: enqueue → the worker's startAttempt answered (it knows which attempt to run;
 *                acquiring a device is not the queue's cost), and result → written (three evidence
 *                files hashed, sent over HTTP or the shared folder, checked, moved in, the line
 *                appended) — both transfers; one warm-up case first, not counted.
 *   throughput   the demo round on-demand with delays zero, once per worker count: `run` with N
 *                emulators against serve-round + N worker processes with one emulator each, all on
 *                this machine; cases per minute over the case phase (first attempt start → last
 *                attempt end, from results.jsonl), and the ratio.
 * `--quick`: 10 overhead cases and 2 products × 3 samples for the throughput runs. The load average
 * is printed with every figure (other work on the machine shifts them). Ports: STALKERBENCH_PORT_BASE
 * (default 40000) and the next 399.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { hashFile, loadRound } from '../../harness/config/index.ts';
import { AttemptLedger, type SubmittedAttempt } from '../../harness/distributed/attempt-ledger.ts';
import { CoordinatorClient } from '../../harness/distributed/coordinator-client.ts';
import { startCoordinatorServer } from '../../harness/distributed/coordinator-server.ts';
import { enqueueCases } from '../../harness/distributed/enqueue-cases.ts';
import { attemptEvidenceDir } from '../../harness/distributed/evidence-paths.ts';
import { coordinatorKeyOf, jobIdOf, queueNameOf, type CaseJobData, type CaseJobResult } from '../../harness/distributed/queue-names.ts';
import { redisOptionsOf } from '../../harness/distributed/redis-options.ts';
import { apkHashesOf, buildRoundPackage } from '../../harness/distributed/round-package.ts';
import { markSharedFolder } from '../../harness/distributed/shared-folder.ts';
import { openResultStore, readResults } from '../../harness/results/index.ts';
import { planCases } from '../../harness/round/plan-cases.ts';
import { verifyRoundInputs } from '../../harness/round/verify-inputs.ts';
import { spawnCli, startCli, startWorkerHost } from '../../test/support/distributed-hosts.ts';
import { startTestRedis, type TestRedis } from '../../test/support/redis-server.ts';
import { createRoundWorkspace, killRoundProcesses } from '../../test/support/round-workspace.ts';

const { values } = parseArgs({ options: {
  quick: { type: 'boolean', default: false }, workers: { type: 'string' }, cases: { type: 'string' }, 'skip-throughput': { type: 'boolean', default: false },
} });
const BASE = Number(process.env['STALKERBENCH_PORT_BASE'] ?? 40_000);
const overheadCases = Number(values.cases ?? (values.quick ? 10 : 30));
const workerCounts = (values.workers ?? '1,2,3').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 3);
const roundShape = values.quick
  ? { products: ['sentinel', 'namecheck'], samples: ['mspy', 'cerberus', 'flexispy'] }
  : { products: ['sentinel', 'namecheck', 'quietguard'], samples: ['thetruthspy', 'mspy', 'cerberus', 'flexispy'] };

const load = (): string => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;
const percentile = (list: readonly number[], p: number): number => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? Number.NaN;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** One overhead series: `cases` jobs one after another through the real coordinator pieces and a BullMQ worker. */
async function measureOverhead(redis: TestRedis, transfer: 'http' | 'shared'): Promise<{ pickup: number[]; write: number[] }> {
  const workspace = await createRoundWorkspace({ id: `overhead-${transfer}`, portBase: BASE, products: ['sentinel', 'namecheck', 'quietguard'], samples: 'all' });
  const round = await loadRound(workspace.roundFile, { cwd: workspace.dir });
  // One more case than measured: the first warms up connections and the JIT and is not counted.
  const plan = planCases(round).slice(0, overheadCases + 1);
  const inputs = await verifyRoundInputs(round, workspace.dir);
  const outputDir = join(workspace.dir, 'out', round.id);
  const shared = transfer === 'shared' ? join(workspace.home.home, 'shared') : undefined;
  const redisOptions = redisOptionsOf(redis.url);
  const connection = new Redis(redisOptions);
  const queue: Queue<CaseJobData, CaseJobResult> = new Queue(queueNameOf(round.id), { connection: redisOptions });
  const store = await openResultStore(outputDir);
  const ledger = new AttemptLedger({
    outputDir, plan, finished: new Map(), attemptsSoFar: new Map(), maxAttempts: 1, store,
    holdsLock: async (jobId, token) => (await connection.get(`${queue.toKey(jobId)}:lock`)) === token,
    jobIdOf: (caseId) => jobIdOf(round.id, caseId),
  });
  const token = randomBytes(24).toString('hex');
  const server = await startCoordinatorServer({
    token, host: '127.0.0.1', port: 0, outputDir, pack: buildRoundPackage(round, 'bench', inputs), apks: apkHashesOf(round), ledger, log: () => undefined,
    ...(shared === undefined ? {} : { sharedFolder: { root: shared, roundId: round.id } }),
  });
  const sharedNonce = shared === undefined ? undefined : await markSharedFolder(shared, round.id);
  await connection.hset(coordinatorKeyOf(round.id), { url: server.url, token, state: 'running', ...(sharedNonce === undefined ? {} : { sharedNonce }) });
  const client = new CoordinatorClient(connection, round.id, undefined, shared);
  // What an attempt leaves behind: a screenshot, a UI dump and a logcat, of typical sizes.
  const local = await mkdtemp(join(tmpdir(), 'sb-bench-evidence-'));
  const pickup: number[] = [];
  const write: number[] = [];
  const enqueuedAt = new Map<string, number>();
  const done = new Map<string, () => void>();
  const worker = new Worker<CaseJobData, CaseJobResult>(queue.name, async (job, jobToken) => {
    const jobId = job.id ?? '';
    const signal = new AbortController().signal;
    const start = await client.startAttempt({ jobId, token: jobToken ?? '', caseId: job.data.caseId }, signal);
    pickup.push(performance.now() - (enqueuedAt.get(job.data.caseId) ?? Number.NaN));
    if (start.status !== 'run') throw new Error(`start answered ${start.status}`);
    const dir = attemptEvidenceDir(job.data.caseId, start.attempt);
    const items = [['01-screen.png', 180_000], ['02-ui.xml', 30_000], ['03-logcat.txt', 60_000]] as const;
    await mkdir(join(local, dir), { recursive: true });
    for (const [name, size] of items) await writeFile(join(local, dir, name), randomBytes(size));
    const resultAt = performance.now();
    const files = await Promise.all(items.map(async ([name]) => ({ path: `${dir}/${name}`, sha256: await hashFile(join(local, dir, name)) })));
    for (const file of files) {
      if (!(await client.upload({ jobId, token: jobToken ?? '', caseId: job.data.caseId, attempt: start.attempt, ...file }, join(local, file.path), signal))) throw new Error('upload refused');
    }
    const now = new Date().toISOString();
    const outcome: SubmittedAttempt['outcome'] = {
      caseId: job.data.caseId, attempt: start.attempt, status: 'completed', detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, category: null,
      alertText: null, timeToAlertMs: null, safetyAdvice: null, device: { serial: 'emulator-bench', profile: 'pixel-api33' }, product: { versionName: null, versionCode: null },
      timings: { startedAt: now, endedAt: now, durationMs: 0, steps: [] }, evidence: items.map(([name]) => ({ kind: 'text' as const, step: name, path: `${dir}/${name}` })),
    };
    const answer = await client.submit({ jobId, token: jobToken ?? '', caseId: job.data.caseId, attempt: start.attempt, outcome, files, host: { hostname: 'bench', workerId: 'bench', versions: {} } }, signal);
    if (answer.status !== 'accepted') throw new Error(`submit answered ${JSON.stringify(answer)}`);
    write.push(performance.now() - resultAt);
    return { caseId: job.data.caseId, finalAttempt: start.attempt };
  }, { connection: redisOptions, concurrency: 1, lockDuration: 60_000 });
  worker.on('completed', (job) => done.get(job.data.caseId)?.());
  worker.on('failed', (job, error) => { console.error(`job ${job?.id ?? '?'} failed: ${error.message}`); done.get(job?.data.caseId ?? '')?.(); });
  try {
    await worker.waitUntilReady();
    for (const planned of plan) {
      const finished = new Promise<void>((resolve) => done.set(planned.caseId, resolve));
      enqueuedAt.set(planned.caseId, performance.now());
      await enqueueCases(queue, round.id, [planned], () => false, () => undefined);
      await finished;
    }
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await server.close();
    await store.close();
    connection.disconnect();
    await rm(local, { recursive: true, force: true });
    await workspace.remove();
  }
  return { pickup: pickup.slice(1), write: write.slice(1) };
}

/** Cases per minute over the case phase of a finished round folder, from its attempts' own timings. */
async function throughputOf(outputDir: string): Promise<{ cases: number; completed: number; perMinute: number }> {
  const { results } = await readResults(outputDir);
  const finals = results.filter((r) => r.final);
  const start = Math.min(...results.map((r) => Date.parse(r.timings.startedAt)));
  const end = Math.max(...results.map((r) => Date.parse(r.timings.endedAt)));
  return { cases: finals.length, completed: finals.filter((r) => r.status === 'completed').length, perMinute: (60_000 * finals.length) / Math.max(1, end - start) };
}

async function runLocal(instances: number): Promise<{ cases: number; completed: number; perMinute: number }> {
  const workspace = await createRoundWorkspace({ id: `local-${instances}`, portBase: BASE, instances, modes: ['on-demand'], ...roundShape, expectedDelays: { firstStartMs: 2_000, realTimeAlertMs: 2_000 } });
  try {
    const run = await spawnCli(['run', workspace.roundFile], workspace.dir, workspace.env);
    if (run.exitCode !== 0) throw new Error(`run exited with ${String(run.exitCode)}:\n${run.all}`);
    return await throughputOf(workspace.outputDir);
  } finally {
    await killRoundProcesses(workspace);
    await workspace.remove();
  }
}

async function runDistributed(redis: TestRedis, workers: number): Promise<{ cases: number; completed: number; perMinute: number }> {
  const workspace = await createRoundWorkspace({ id: `dist-${workers}`, portBase: BASE, instances: 1, modes: ['on-demand'], ...roundShape, expectedDelays: { firstStartMs: 2_000, realTimeAlertMs: 2_000 } });
  const hosts: Array<Awaited<ReturnType<typeof startWorkerHost>>> = [];
  const coordinator = startCli('coordinator', ['serve-round', workspace.roundFile, '--redis', redis.url], workspace.dir, workspace.env);
  try {
    for (let index = 0; index < workers; index += 1) hosts.push(await startWorkerHost({ name: `worker-${index + 1}`, redisUrl: redis.url, portBase: BASE + index * 40, baseEnv: workspace.env }));
    const served = await coordinator.child;
    if (served.exitCode !== 0) throw new Error(`serve-round exited with ${String(served.exitCode)}:\n${coordinator.output()}`);
    for (const host of hosts) await host.proc.child;
    return await throughputOf(workspace.outputDir);
  } finally {
    coordinator.child.kill('SIGKILL');
    await coordinator.child;
    for (const host of hosts) await host.stop();
    await workspace.remove();
  }
}

const redis = await startTestRedis();
try {
  console.log(`distributed bench: Redis ${redis.port}, ports ${BASE}…${BASE + 399}`);
  const overhead: Record<string, { pickup: number[]; write: number[]; load: string }> = {};
  for (const transfer of ['http', 'shared'] as const) {
    const measured = await measureOverhead(redis, transfer);
    overhead[transfer] = { ...measured, load: load() };
    console.log(`overhead (${transfer}): enqueue → started median ${ms(percentile(measured.pickup, 50))}, p90 ${ms(percentile(measured.pickup, 90))}; result → written median ${ms(percentile(measured.write, 50))}, p90 ${ms(percentile(measured.write, 90))} over ${measured.pickup.length} cases (${load()})`);
  }
  const http = overhead['http'];
  const shared = overhead['shared'];
  if (http && shared) {
    console.log(`row | distributed queue overhead: enqueue → a worker starts the case | median ${ms(percentile(http.pickup, 50))}, p90 ${ms(percentile(http.pickup, 90))} over ${http.pickup.length} cases (${http.load}) | < 50 ms`);
    console.log(`row | distributed queue overhead: result → written in the round folder (3 files, 270 KB) | HTTP median ${ms(percentile(http.write, 50))}, p90 ${ms(percentile(http.write, 90))}; shared folder median ${ms(percentile(shared.write, 50))}, p90 ${ms(percentile(shared.write, 90))} (${shared.load}) | < 50 ms`);
  }
  if (!values['skip-throughput']) {
    const parts: string[] = [];
    for (const workers of workerCounts) {
      const local = await runLocal(workers);
      const localLoad = load();
      const dist = await runDistributed(redis, workers);
      const ratio = dist.perMinute / local.perMinute;
      console.log(`throughput with ${workers}: run ${local.perMinute.toFixed(1)} cases/min (${local.completed}/${local.cases} completed, ${localLoad}); serve-round + ${workers} worker(s) ${dist.perMinute.toFixed(1)} cases/min (${dist.completed}/${dist.cases} completed, ${load()}); ratio ${(100 * ratio).toFixed(0)} %`);
      parts.push(`${workers}: ${dist.perMinute.toFixed(1)} vs ${local.perMinute.toFixed(1)} (${(100 * ratio).toFixed(0)} %, ${load()})`);
    }
    console.log(`row | distributed throughput vs run, cases/min (N emulators, delays zero) | ${parts.join('; ')} | within 10 % of run`);
  }
} finally {
  await redis.remove();
}
