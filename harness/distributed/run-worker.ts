import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort, runAdb } from '../android/index.ts';
import { startAppium } from '../appium/index.ts';
import { HarnessError } from '../errors/index.ts';
import { applyAppDelayScale } from '../round/app-delay-scale.ts';
import { identifySelf } from '../round/process-identity.ts';
import { planCases } from '../round/plan-cases.ts';
import { sweepRoundHomes } from '../round/reap-dead-run.ts';
import { ReporterMultiplexer } from '../round/reporter.ts';
import { createRoundEnv, readToolVersions, resolveRoundPorts } from '../round/round-environment.ts';
import { roundTmpDir } from '../round/round-home.ts';
import { createProvider } from '../round/run-round.ts';
import { TeardownStack } from '../round/teardown-stack.ts';
import { cachedApkPath, fetchRoundApks } from './apk-cache.ts';
import { CoordinatorClient } from './coordinator-client.ts';
import { JobFetcher } from './job-fetcher.ts';
import { ACTIVE_ROUNDS_KEY, coordinatorKeyOf, roundQueuesOf, workerKeyOf } from './queue-names.ts';
import { logRedisErrors, redisOptionsOf } from './redis-options.ts';
import { apkHashesOf, localiseRound } from './round-package.ts';
import { runCaseJob, type WorkerContext } from './run-case-job.ts';

export interface RunWorkerOptions {
  redisUrl: string;
  /** Emulator instances of each of the round's device profiles on this host. */
  devices: number;
  /** The round to serve. @default the only round a coordinator is serving */
  roundId?: string;
  /** The coordinator's file transfer, instead of the address it published in Redis. */
  coordinatorUrl?: string;
  /** `--shared-folder`: evidence through this folder (the coordinator's shared mount) instead of HTTP. */
  sharedFolder?: string;
  /**
   * BullMQ lock duration: a job whose worker stops renewing goes to another worker this long after.
   * Renewed every half of it, so a case may run for any time.
   * @default 60000
   */
  lockMs?: number;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Diagnostics (device output, teardown): the CLI writes them to the worker's log file. */
  log: (line: string) => void;
  /** One line per attempt started and answered. */
  progress: (line: string) => void;
}

const POLL_MS = 1_000;
const REGISTRY_TTL_S = 30;

/**
 * A worker host: finds the round in Redis, fetches it and its APKs (verified by SHA-256) from the
 * coordinator, boots its own pool (own HOME, adb server, Appium, emulators) exactly as `run` does,
 * then takes case jobs from the round's BullMQ queues ({@link JobFetcher}: by hand, only while one
 * of its devices is free, in turn over the queues, once the pool is up) until the coordinator
 * marks the round finished.
 */
export async function runWorker(options: RunWorkerOptions): Promise<{ roundId: string; casesDone: number }> {
  const lockMs = options.lockMs ?? 60_000;
  const redisOptions = redisOptionsOf(options.redisUrl);
  const redis = new Redis({ ...redisOptions, lazyConnect: true });
  logRedisErrors(redis, options.log);
  await redis.connect().catch((error: unknown) => {
    throw new HarnessError('QUEUE_UNAVAILABLE', `cannot reach Redis at ${redisOptions.host ?? '?'}:${redisOptions.port ?? '?'}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'check the --redis URL, its password and that this host may reach the Redis port (firewall)',
    });
  });
  const teardown = new TeardownStack();
  teardown.add('Redis connection', async () => void (await redis.quit().catch(() => undefined)));
  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  let casesDone = 0;
  try {
    const roundId = options.roundId ?? await discoverRound(redis, signal);
    const client = new CoordinatorClient(redis, roundId, options.coordinatorUrl, options.sharedFolder);
    const pack = await client.round(signal);
    await client.checkSharedFolder();
    if (pack.round.devices.kind !== 'emulators') throw new HarnessError('USAGE', `round ${roundId} is not a round on emulators`, { hint: 'workers run emulator rounds only' });

    const self = await identifySelf();
    for (const line of await sweepRoundHomes(roundTmpDir(options.env), { env: options.env })) options.log(line);
    const ports = resolveRoundPorts(options.env);
    const env = await createRoundEnv({ env: options.env, physical: false, ports, owner: self });
    teardown.add('worker HOME', () => rm(env.home, { recursive: true, force: true }));
    teardown.add('adb server', async () => void (await runAdb(env, undefined, ['kill-server'], { reject: false, timeoutMs: 10_000 })));
    await runAdb(env, undefined, ['start-server'], { timeoutMs: 30_000, signal });

    const cacheDir = join(env.home, 'apks');
    await fetchRoundApks(client, apkHashesOf(pack.round).keys(), cacheDir, signal);
    const localised = localiseRound(pack, (sha256) => cachedApkPath(cacheDir, sha256));
    const round = applyAppDelayScale({ ...localised.round, devices: { kind: 'emulators' as const, profiles: pack.round.devices.profiles.map((p) => ({ ...p, instances: options.devices })) } });

    const appium = await startAppium({ port: await findFreePort(ports.appium), env: env.childEnv, logFile: join(env.home, 'appium.log'), signal });
    teardown.add('Appium', () => appium.stop());
    const reporter = new ReporterMultiplexer([{
      onLog: ({ prefix, line }) => options.log(`[${prefix}] ${line}`),
      onDeviceState: ({ device, state, detail }) => options.log(`[${device}] ${state}${detail === undefined ? '' : `: ${detail}`}`),
    }]);
    const provider = createProvider(round, env, localised.inputs, ports, appium.url, signal, (prefix, line) => options.log(`[${prefix}] ${line}`), reporter, async () => undefined);
    teardown.add('devices', () => provider.stop());
    await provider.start();

    const workerId = `${hostname()}-${process.pid}`;
    const versions = await readToolVersions(env);
    const running = new Map<string, string>();
    const ctx: WorkerContext = {
      round, inputs: localised.inputs, plan: new Map(planCases(round).map((c) => [c.caseId, c])), env, provider, appiumUrl: appium.url,
      systemPorts: { bySerial: new Map(), next: ports.caseSystemPorts }, client,
      host: { hostname: hostname(), workerId, versions: { ...versions } }, workDir: env.home, log: options.log, progress: options.progress,
    };
    const register = async (): Promise<void> => {
      await redis.hset(workerKeyOf(workerId), { host: hostname(), pid: String(process.pid), round: roundId, devices: String(provider.size), running: [...running.values()].join(','), done: String(casesDone), seenAt: new Date().toISOString() });
      await redis.expire(workerKeyOf(workerId), REGISTRY_TTL_S);
    };
    await register();
    const heartbeat = setInterval(() => void register().catch(() => undefined), (REGISTRY_TTL_S * 1_000) / 3);
    teardown.add('worker registry', async () => {
      clearInterval(heartbeat);
      await redis.del(workerKeyOf(workerId)).catch(() => undefined);
    });

    // Jobs are fetched by hand, only while a device is free, in turn from the round's queues (its
    // own and one per limited product, whose global concurrency is the licence's limit).
    const queueNames = roundQueuesOf(pack.round).map((q) => q.name);
    const fetcher = new JobFetcher({
      queueNames, connection: redisOptions, slots: Math.max(1, provider.size), lockMs, signal, log: options.log, progress: options.progress,
      process: async (job, jobSignal) => {
        running.set(job.id, job.data.caseId);
        try {
          const result = await runCaseJob(ctx, { id: job.id, caseId: job.data.caseId, token: job.token }, jobSignal);
          casesDone += 1;
          return result;
        } finally {
          running.delete(job.id);
        }
      },
    });
    const fetching = fetcher.run().catch((error: unknown) => options.log(`worker loop ended: ${error instanceof Error ? error.message : String(error)}`));
    teardown.add('BullMQ workers', async () => {
      await fetching;
      await fetcher.close(true);
    });
    options.progress(`worker ${workerId}: serving round ${roundId} with ${provider.size} device(s)`);

    await waitForRoundEnd(redis, roundId, signal);
    return { roundId, casesDone };
  } finally {
    controller.abort();
    await teardown.run((name, error) => options.log(`teardown of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** The round a coordinator serves now; waits for one, refuses to guess between several. */
async function discoverRound(redis: Redis, signal: AbortSignal): Promise<string> {
  for (;;) {
    const rounds = await redis.smembers(ACTIVE_ROUNDS_KEY);
    if (rounds.length === 1 && rounds[0] !== undefined) return rounds[0];
    if (rounds.length > 1) {
      throw new HarnessError('USAGE', `several rounds are being served (${rounds.sort().join(', ')})`, { hint: 'name the one to work on with --round <id>' });
    }
    await sleep(POLL_MS, signal);
  }
}

async function waitForRoundEnd(redis: Redis, roundId: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const state = await redis.hget(coordinatorKeyOf(roundId), 'state').catch(() => null);
    if (state === 'finished') return;
    await sleep(POLL_MS, signal).catch(() => undefined);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(timer); reject(signal.reason as Error); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
