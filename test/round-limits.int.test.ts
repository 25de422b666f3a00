/**
 * Per-product licence limits (issue 16: "at most N devices running product X at once") through the
 * whole stack: `run` on three virtual emulators, and `serve-round` with two worker processes (each a
 * host of its own: HOME, AVD folder, adb server, Appium, one virtual emulator) over a Redis of the
 * test's own. sentinel is limited to one device. The proof is in the attempts' own start and end
 * times: no two attempts of sentinel overlap, while (locally, where the order is known) quietguard
 * ran on two devices at once. Ports 15200–15599 only: workers at bases 15200 and 15240 (adb, Appium
 * and systemPorts at +200/+201/+210/+300), `run` at 15280, the coordinator's block at 15320 (it
 * boots nothing); Redis and the file transfer take free ports.
 */
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRound } from '../harness/config/index.ts';
import { groupAttempts, readResults, type AttemptResult } from '../harness/results/index.ts';
import { planCases } from '../harness/round/plan-cases.ts';
import { writeVirtualSdk } from '../simulator/sdk/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { startTestRedis } from './support/redis-server.ts';
import { createRoundWorkspace, killRoundProcesses } from './support/round-workspace.ts';
import { createTestHome } from './support/test-home.ts';

const CLI = fileURLToPath(new URL('../bin/stalkerbench.js', import.meta.url));
const LIMITS = { sentinel: { maxDevices: 1 } };
const LOG_DIR = process.env['STALKERBENCH_TEST_LOGS'];

function start(name: string, args: string[], cwd: string, env: Record<string, string>) {
  let text = '';
  const child = execa(process.execPath, [CLI, ...args], { cwd, env, extendEnv: false, reject: false, all: true });
  child.all?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (LOG_DIR !== undefined) appendFileSync(join(LOG_DIR, `limits-${name}.log`), chunk);
  });
  return { name, child, output: () => text };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

type Interval = { caseId: string; product: string; from: number; to: number; device: string };

/** Every attempt as a time interval on its device. */
function intervalsOf(results: readonly AttemptResult[], productOf: ReadonlyMap<string, string>): Interval[] {
  return results.map((r) => ({
    caseId: r.caseId, product: productOf.get(r.caseId) ?? '?', from: Date.parse(r.timings.startedAt), to: Date.parse(r.timings.endedAt), device: r.device?.serial ?? '?',
  }));
}

/** Pairs of attempts of one product whose times overlap. */
function overlapping(intervals: readonly Interval[], product: string): Array<[Interval, Interval]> {
  const mine = intervals.filter((i) => i.product === product);
  const pairs: Array<[Interval, Interval]> = [];
  for (const [index, a] of mine.entries()) for (const b of mine.slice(index + 1)) if (a.from < b.to && b.from < a.to) pairs.push([a, b]);
  return pairs;
}

describe('a licence limit of one device on a product', () => {
  it('run: the limited product never runs on two emulators at once while the other product does', async () => {
    const workspace = await createRoundWorkspace({
      id: 'lim-local', portBase: 15_280, instances: 3,
      products: ['sentinel', 'quietguard'], samples: ['thetruthspy', 'mspy', 'cerberus'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 3_000 }, round: { limits: LIMITS },
    });
    cleanups.push(async () => { await killRoundProcesses(workspace); await workspace.remove(); });
    const plan = planCases(await loadRound(workspace.roundFile, { cwd: workspace.dir }));
    expect(plan.length).toBe(6);
    const run = start('run', ['run', workspace.roundFile], workspace.dir, workspace.env);
    const ended = await run.child;
    expect(ended.exitCode, run.output()).toBe(0);

    const { results } = await readResults(workspace.outputDir);
    const intervals = intervalsOf(results, new Map(plan.map((c) => [c.caseId, c.productId])));
    expect(intervals.filter((i) => i.product === 'sentinel').length).toBeGreaterThanOrEqual(3);
    expect(overlapping(intervals, 'sentinel')).toEqual([]);
    // With three emulators and sentinel's second case held back, quietguard's first two start together.
    const pairs = overlapping(intervals, 'quietguard');
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(a.device).not.toBe(b.device);
    for (const planned of plan) expect(groupAttempts(results).get(planned.caseId)?.filter((r) => r.final).length, planned.caseId).toBe(1);
  }, 600_000);

  it('serve-round with two workers: the limited product never runs on two devices at once, and every case has exactly one final result', async () => {
    const redis = await startTestRedis();
    cleanups.push(() => redis.remove());
    const workspace = await createRoundWorkspace({
      id: 'lim-dist', portBase: 15_320, instances: 1,
      products: ['sentinel', 'quietguard'], samples: ['thetruthspy', 'mspy', 'cerberus', 'flexispy'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 3_000 }, round: { limits: LIMITS },
    });
    cleanups.push(async () => { await killRoundProcesses(workspace); await workspace.remove(); });
    const plan = planCases(await loadRound(workspace.roundFile, { cwd: workspace.dir }));
    expect(plan.length).toBe(8);

    const coordinator = start('coordinator', ['serve-round', workspace.roundFile, '--redis', redis.url], workspace.dir, workspace.env);
    cleanups.push(async () => { coordinator.child.kill('SIGKILL'); await coordinator.child; });
    const workers = [];
    for (const [index, base] of [15_200, 15_240].entries()) {
      const home = await createTestHome();
      cleanups.push(async () => { await killRoundProcesses({ home }); await home.remove(); });
      const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
      const env = { ...workspace.env, HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome, STALKERBENCH_PORT_BASE: String(base) };
      const worker = start(`worker-${index + 1}`, ['worker', '--redis', redis.url, '--devices', '1'], home.home, env);
      cleanups.push(async () => { worker.child.kill('SIGKILL'); await worker.child; });
      workers.push(worker);
    }
    const served = await coordinator.child;
    expect(served.exitCode, coordinator.output()).toBe(0);
    for (const worker of workers) expect((await worker.child).exitCode, `${worker.name}:\n${worker.output()}`).toBe(0);
    // The coordinator says which queue carries the limit.
    expect(coordinator.output()).toContain('stalkerbench-lim-dist.sentinel (at most 1 at once)');

    const { results } = await readResults(workspace.outputDir);
    const attempts = groupAttempts(results);
    expect([...attempts.keys()].sort()).toEqual(plan.map((c) => c.caseId).sort());
    for (const [caseId, list] of attempts) expect(list.filter((r) => r.final).length, caseId).toBe(1);
    const intervals = intervalsOf(results, new Map(plan.map((c) => [c.caseId, c.productId])));
    expect(overlapping(intervals, 'sentinel')).toEqual([]);

    // Each attempt's host: sentinel's cases ran wherever a device was free, never two at once.
    const hosts = (await readFile(join(workspace.outputDir, 'attempt-hosts.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { caseId: string; workerId: string });
    expect(hosts.length).toBe(results.length);
    const truth = await loadGroundTruth();
    for (const planned of plan) {
      const final = attempts.get(planned.caseId)?.find((r) => r.final);
      expect(final?.status, planned.caseId).toBe('completed');
      if (final) expect(observedOutcomeOf(final), planned.caseId).toEqual(expectedOutcomeOf(truth, planned));
    }
  }, 900_000);
});
