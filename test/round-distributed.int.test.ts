/**
 * A round across "hosts" on one machine (issue 16): a coordinator (`serve-round`) and three worker
 * processes, each with its own HOME, AVD folder, adb server, Appium and virtual emulator, over a
 * Redis of the test's own (AOF on, noeviction, password). One worker is SIGKILLed in the middle of a
 * case (and its emulator, Appium and adb server with it, as a host losing power), the coordinator is
 * SIGKILLed once and restarted with --resume, and Redis is SIGKILLed and started again on its AOF (a
 * second of writes may be lost, as `appendfsync everysec` allows). `devices --redis` lists the workers
 * while they run, and the coordinator prints its live view. Every case must end with exactly one final result, the
 * verdicts must be the ground truth's, and every evidence file listed must be in the round folder
 * (each was checked against its SHA-256 when it arrived). Ports 8800–9199 (three 40-port worker blocks
 * whose adb/Appium/systemPort offsets land in 9000–9199; Redis and the transfer take free ports).
 */
import { appendFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAttempts, readResults, type AttemptResult } from '../harness/results/index.ts';
import { planCases } from '../harness/round/plan-cases.ts';
import { loadRound } from '../harness/config/index.ts';
import { writeVirtualSdk } from '../simulator/sdk/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { pollFor } from './support/poll.ts';
import { startTestRedis, type TestRedis } from './support/redis-server.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

const CLI = fileURLToPath(new URL('../bin/stalkerbench.js', import.meta.url));
const WORKER_PORT_BASES = [8_800, 8_840, 8_880];
/** Short locks so that a dead worker's case moves on within the test's time; renewed every 7.5 s. */
const LOCK_MS = '15000';

function spawnCli(args: string[], cwd: string, env: Record<string, string>) {
  return execa(process.execPath, [CLI, ...args], { cwd, env, extendEnv: false, reject: false, all: true });
}

interface Proc { name: string; child: ReturnType<typeof spawnCli>; output(): string }

/** STALKERBENCH_TEST_LOGS=<dir> keeps each process's output there while the test runs (a timed-out run shows where it stood). */
const LOG_DIR = process.env['STALKERBENCH_TEST_LOGS'];

function start(name: string, args: string[], cwd: string, env: Record<string, string>): Proc {
  let text = '';
  const child = spawnCli(args, cwd, env);
  child.all?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (LOG_DIR !== undefined) appendFileSync(join(LOG_DIR, `${name.replace(/\W+/g, '-')}.log`), chunk);
  });
  return { name, child, output: () => text };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('a round served to three workers', () => {
  let redis: TestRedis;
  let workspace: RoundWorkspace;

  it('ends with one final result per case, the ground truth\'s verdicts and all evidence, after a worker and the coordinator were killed', async () => {
    redis = await startTestRedis();
    cleanups.push(() => redis.remove());
    workspace = await createRoundWorkspace({
      id: 'dist', portBase: 8_800, instances: 1,
      products: ['sentinel', 'quietguard', 'namecheck'], samples: ['thetruthspy', 'mspy', 'cerberus', 'flexispy'], modes: ['on-demand', 'real-time'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
    cleanups.push(async () => { await killRoundProcesses(workspace); await workspace.remove(); });
    const plan = planCases(await loadRound(workspace.roundFile, { cwd: workspace.dir }));
    expect(plan.length).toBe(24);

    const serveArgs = ['serve-round', workspace.roundFile, '--redis', redis.url];
    let coordinator = start('coordinator', serveArgs, workspace.dir, workspace.env);
    cleanups.push(async () => { coordinator.child.kill('SIGKILL'); await coordinator.child; });

    const homes: TestHome[] = [];
    const workers: Proc[] = [];
    for (const [index, base] of WORKER_PORT_BASES.entries()) {
      // Each worker is a host of its own: HOME, TMPDIR, AVD folder (AVD locks are per host).
      const home = await createTestHome();
      homes.push(home);
      cleanups.push(async () => { await killRoundProcesses({ home }); await home.remove(); });
      const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
      const env = { ...workspace.env, HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome, STALKERBENCH_PORT_BASE: String(base) };
      const worker = start(`worker-${index + 1}`, ['worker', '--redis', redis.url, '--devices', '1', '--lock-ms', LOCK_MS], home.home, env);
      workers.push(worker);
      cleanups.push(async () => { worker.child.kill('SIGKILL'); await worker.child; });
    }
    const victim = workers[2];
    if (!victim) throw new Error('no third worker');

    // Kill the third worker in the middle of a case: it started an attempt it will never send.
    const started = await pollFor('an attempt started on worker 3', () => /^(\S+) attempt \d+: started on/m.exec(victim.output())?.[1], { budgetMs: 300_000, intervalMs: 100 });
    const victimId = /^worker (\S+): serving round/m.exec(victim.output())?.[1];
    expect(victimId).toBeDefined();
    victim.child.kill('SIGKILL');
    await victim.child;
    const victimHome = homes[2];
    if (victimHome) await killRoundProcesses({ home: victimHome });

    // A person looks at the queue: the rounds served and the workers with their devices and cases.
    const listed = await pollFor('two workers listed by devices --redis', async () => {
      const run = await spawnCli(['devices', '--redis', redis.url], workspace.dir, workspace.env);
      return run.exitCode === 0 && (run.all.match(/ device\(s\), /g) ?? []).length >= 2 ? run.all : undefined;
    }, { budgetMs: 120_000, intervalMs: 1_000 });
    expect(listed).toMatch(/rounds served:\n\s+dist: running, coordinator on /);
    expect(listed).not.toContain(redis.url.split('@')[0]?.split(':').at(-1) ?? 'no-password');

    // Restart the coordinator once, after it accepted a few attempts.
    await pollFor('3 results written', async () => ((await readResults(workspace.outputDir).catch(() => undefined))?.results.length ?? 0) >= 3 ? true : undefined, { budgetMs: 300_000, intervalMs: 200 });
    coordinator.child.kill('SIGKILL');
    await coordinator.child;
    coordinator = start('coordinator (resumed)', [...serveArgs, '--resume'], workspace.dir, workspace.env);
    cleanups.push(async () => { coordinator.child.kill('SIGKILL'); await coordinator.child; });

    // Redis dies (SIGKILL: the last second of AOF writes may be lost) and comes back with its data.
    await pollFor('6 results written', async () => ((await readResults(workspace.outputDir).catch(() => undefined))?.results.length ?? 0) >= 6 ? true : undefined, { budgetMs: 300_000, intervalMs: 200 });
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await redis.restart();

    const served = await coordinator.child;
    expect(served.exitCode, coordinator.output()).toBe(0);
    for (const worker of workers.slice(0, 2)) {
      const ended = await worker.child;
      expect(ended.exitCode, `${worker.name}:\n${worker.output()}`).toBe(0);
    }

    expect(coordinator.output()).toMatch(/^progress: \d+\/24 cases decided.*; \d+ worker\(s\)$/m);
    // Redis's outage is logged once and its return said; no stack of an unhandled ioredis error.
    expect(coordinator.output()).toContain('Redis: connected again');
    for (const proc of [coordinator, ...workers]) expect(proc.output(), proc.name).not.toContain('Unhandled error event');

    // Exactly one final result per planned case, and nothing else final.
    const { results } = await readResults(workspace.outputDir);
    const attempts = groupAttempts(results);
    expect([...attempts.keys()].sort()).toEqual(plan.map((c) => c.caseId).sort());
    for (const [caseId, list] of attempts) {
      expect(list.filter((r) => r.final).length, caseId).toBe(1);
      expect(new Set(list.map((r) => r.attempt)).size, `${caseId}: attempt numbers repeat`).toBe(list.length);
    }
    // The case the killed worker was running still got its result, from another worker.
    expect(attempts.get(started)?.some((r) => r.final)).toBe(true);

    // Verdicts are the ground truth's.
    const truth = await loadGroundTruth();
    const finals = new Map<string, AttemptResult>(results.filter((r) => r.final).map((r) => [r.caseId, r]));
    for (const planned of plan) {
      const final = finals.get(planned.caseId);
      expect(final?.status, planned.caseId).toBe('completed');
      if (final) expect(observedOutcomeOf(final), planned.caseId).toEqual(expectedOutcomeOf(truth, planned));
    }

    // Every evidence file listed is there, nothing else is, and nothing is left in staging.
    for (const result of results) {
      const dir = join(workspace.outputDir, 'evidence', result.caseId, String(result.attempt));
      const listed = result.evidence.map((item) => item.path.split('/').at(-1)).sort();
      expect((await readdir(dir)).sort(), `${result.caseId} attempt ${result.attempt}`).toEqual(listed);
      for (const item of result.evidence) expect((await stat(join(workspace.outputDir, item.path))).size, item.path).toBeGreaterThan(0);
    }
    await expect(stat(join(workspace.outputDir, '.incoming'))).rejects.toThrow();

    // Every attempt names its host; the two surviving workers both ran cases.
    const hosts = (await readFile(join(workspace.outputDir, 'attempt-hosts.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { caseId: string; attempt: number; workerId: string });
    expect(hosts.length).toBe(results.length);
    expect(new Set(hosts.map((h) => h.workerId)).size).toBeGreaterThanOrEqual(2);
    // The case the killed worker had started was decided by another worker: its attempt never arrived.
    expect(hosts.filter((h) => h.caseId === started).map((h) => h.workerId)).not.toContain(victimId);
    // The report was rendered from the coordinator's folder.
    expect((await stat(join(workspace.outputDir, 'index.html'))).isFile()).toBe(true);
  }, 1_500_000);
});
