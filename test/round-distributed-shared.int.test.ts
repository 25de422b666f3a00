/**
 * Issue 16's shared-folder transfer and distributed retest: a coordinator and two workers on one
 * machine exchange evidence through a folder all three "mount" (each at its own path: symlinks to one
 * folder), one worker is SIGKILLed in the middle of a case, and a leftover temp file of a worker
 * killed mid-write is swept. Every case must end with exactly one final result and the ground
 * truth's verdict, every evidence file must be in the round folder intact (PNG/XML content), the
 * shared folder was used and is empty at the end. Then `serve-round --retest <case>` runs that case
 * again on a fresh worker under a job id of its own, and the report marks it retested as `run
 * --retest` does. Ports 15600–15999 (worker blocks at 15600, 15640 and 15680; +200…+399 for adb,
 * Appium and systemPorts); Redis and the transfer take free ports.
 */
import { mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRound } from '../harness/config/index.ts';
import { queueNameOf } from '../harness/distributed/queue-names.ts';
import { redisOptionsOf } from '../harness/distributed/redis-options.ts';
import { sharedRoundDir } from '../harness/distributed/shared-folder.ts';
import { groupAttempts, readResults, type AttemptResult } from '../harness/results/index.ts';
import { planCases } from '../harness/round/plan-cases.ts';
import { spawnCli, startCli, startWorkerHost } from './support/distributed-hosts.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { pollFor } from './support/poll.ts';
import { startTestRedis } from './support/redis-server.ts';
import { createRoundWorkspace, killRoundProcesses } from './support/round-workspace.ts';

const LOCK_MS = '15000';
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('a served round with evidence through a shared folder, then a distributed retest', () => {
  it('ends with one final result per case and all evidence after a worker was killed, and a retest runs under a new job id', async () => {
    const redis = await startTestRedis();
    cleanups.push(() => redis.remove());
    const workspace = await createRoundWorkspace({
      id: 'dshare', portBase: 15_600, instances: 1,
      products: ['sentinel', 'quietguard'], samples: ['mspy', 'cerberus', 'flexispy'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
    cleanups.push(async () => { await killRoundProcesses(workspace); await workspace.remove(); });
    const plan = planCases(await loadRound(workspace.roundFile, { cwd: workspace.dir }));
    expect(plan.length).toBe(6);

    // One folder, mounted at a different path on each "host".
    const mount = join(workspace.home.home, 'nfs-export');
    await mkdir(mount);
    const views = { coordinator: join(workspace.home.home, 'mnt-coordinator'), host1: join(workspace.home.home, 'mnt-host1'), host2: join(workspace.home.home, 'mnt-host2') };
    for (const view of Object.values(views)) await symlink(mount, view);
    // A worker killed mid-write long ago left a temp file: the coordinator sweeps it.
    const orphanDir = join(sharedRoundDir(mount, 'dshare'), '0123456789abcdef0123456789abcdef', 'evidence', 'x', '1');
    await mkdir(orphanDir, { recursive: true });
    const orphan = join(orphanDir, '01-screen.png.part-999-abcd');
    await writeFile(orphan, 'half a screenshot');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(orphan, old, old);

    const coordinator = startCli('coordinator', ['serve-round', workspace.roundFile, '--redis', redis.url, '--shared-folder', views.coordinator], workspace.dir, workspace.env);
    cleanups.push(async () => { coordinator.child.kill('SIGKILL'); await coordinator.child; });
    const hostArgs = (view: string) => ['--lock-ms', LOCK_MS, '--shared-folder', view];
    const survivor = await startWorkerHost({ name: 'worker-1', redisUrl: redis.url, portBase: 15_600, baseEnv: workspace.env, extraArgs: hostArgs(views.host1) });
    cleanups.push(() => survivor.stop());
    const victim = await startWorkerHost({ name: 'worker-2', redisUrl: redis.url, portBase: 15_640, baseEnv: workspace.env, extraArgs: hostArgs(views.host2) });
    cleanups.push(() => victim.stop());

    const started = await pollFor('an attempt started on worker 2', () => /^(\S+) attempt \d+: started on/m.exec(victim.proc.output())?.[1], { budgetMs: 300_000, intervalMs: 100 });
    const victimId = /^worker (\S+): serving round/m.exec(victim.proc.output())?.[1];
    expect(victimId).toBeDefined();
    victim.proc.child.kill('SIGKILL');
    await victim.proc.child;
    await killRoundProcesses({ home: victim.home });

    // Evidence went through the shared folder: an attempt's staging folder appears in it.
    await pollFor('an attempt folder in the shared folder', async () => ((await readdir(sharedRoundDir(mount, 'dshare')).catch(() => [])).some((name) => /^[0-9a-f]{32}$/.test(name)) ? true : undefined), { budgetMs: 300_000, intervalMs: 100 });

    const served = await coordinator.child;
    expect(served.exitCode, coordinator.output()).toBe(0);
    expect((await survivor.proc.child).exitCode, survivor.proc.output()).toBe(0);
    expect(coordinator.output()).toContain('shared folder: removed 1 file(s) no transfer will claim');

    const first = await readResults(workspace.outputDir);
    const attempts = groupAttempts(first.results);
    expect([...attempts.keys()].sort()).toEqual(plan.map((c) => c.caseId).sort());
    for (const [caseId, list] of attempts) expect(list.filter((r) => r.final).length, caseId).toBe(1);
    expect(attempts.get(started)?.some((r) => r.final)).toBe(true);
    const truth = await loadGroundTruth();
    const finals = new Map<string, AttemptResult>(first.results.filter((r) => r.final).map((r) => [r.caseId, r]));
    for (const planned of plan) {
      const final = finals.get(planned.caseId);
      expect(final?.status, planned.caseId).toBe('completed');
      if (final) expect(observedOutcomeOf(final), planned.caseId).toEqual(expectedOutcomeOf(truth, planned));
    }
    // Every listed file is in the round folder, whole: screenshots are PNGs, UI dumps XML.
    let files = 0;
    for (const result of first.results) {
      const dir = join(workspace.outputDir, 'evidence', result.caseId, String(result.attempt));
      expect((await readdir(dir)).sort(), `${result.caseId} attempt ${result.attempt}`).toEqual(result.evidence.map((item) => item.path.split('/').at(-1)).sort());
      for (const item of result.evidence) {
        const bytes = await readFile(join(workspace.outputDir, item.path));
        expect(bytes.length, item.path).toBeGreaterThan(0);
        if (item.path.endsWith('.png')) expect(bytes.subarray(0, 8).toString('hex'), item.path).toBe('89504e470d0a1a0a');
        if (item.path.endsWith('.xml')) expect(bytes.toString('utf8').trimStart().startsWith('<'), item.path).toBe(true);
        files += 1;
      }
    }
    expect(files).toBeGreaterThan(0);
    const hosts = (await readFile(join(workspace.outputDir, 'attempt-hosts.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { caseId: string; workerId: string });
    expect(hosts.filter((h) => h.caseId === started).map((h) => h.workerId)).not.toContain(victimId);
    await expect(stat(join(workspace.outputDir, '.incoming'))).rejects.toThrow();
    await expect(stat(sharedRoundDir(mount, 'dshare'))).rejects.toThrow();

    // --retest names a case the round does not plan: bad input, exit 2, nothing written.
    const before = (await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8'));
    const refused = await spawnCli(['serve-round', workspace.roundFile, '--redis', redis.url, '--retest', 'nope/no-such-case'], workspace.dir, workspace.env);
    expect(refused.exitCode, refused.all).toBe(2);
    expect(refused.all).toMatch(/--retest: the round plans no case 'nope\/no-such-case'/);
    expect(await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8')).toBe(before);

    // The retest: one case again, on a fresh worker, evidence through the shared folder again.
    const retested = plan[0]?.caseId ?? '';
    const firstFinal = finals.get(retested);
    const retest = startCli('coordinator (retest)', ['serve-round', workspace.roundFile, '--redis', redis.url, '--retest', retested, '--shared-folder', views.coordinator], workspace.dir, workspace.env);
    cleanups.push(async () => { retest.child.kill('SIGKILL'); await retest.child; });
    const third = await startWorkerHost({ name: 'worker-3', redisUrl: redis.url, portBase: 15_680, baseEnv: workspace.env, extraArgs: hostArgs(views.host1) });
    cleanups.push(() => third.stop());
    expect((await retest.child).exitCode, retest.output()).toBe(0);
    expect((await third.proc.child).exitCode, third.proc.output()).toBe(0);
    expect(retest.output()).toContain(`retesting 1 case(s) as new attempts, keeping the earlier ones: ${retested}`);

    // Append-only: the first run's lines unchanged, one new final attempt of the retested case, numbered on.
    const after = await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    const { results } = await readResults(workspace.outputDir);
    const added = results.slice(first.results.length);
    const nextAttempt = Math.max(...(attempts.get(retested) ?? []).map((r) => r.attempt)) + 1;
    expect(added.map((r) => ({ caseId: r.caseId, attempt: r.attempt, final: r.final }))).toEqual([{ caseId: retested, attempt: nextAttempt, final: true }]);
    expect((await readdir(join(workspace.outputDir, 'evidence', retested, String(nextAttempt)))).length).toBe(added[0]?.evidence.length);

    // The retest ran under a job id of its own; the first run's job is kept as it was.
    const queue = new Queue(queueNameOf('dshare'), { connection: redisOptionsOf(redis.url) });
    cleanups.push(() => queue.close());
    expect(await queue.getJobState(`dshare/${retested}/retest-${nextAttempt}`)).toBe('completed');
    expect(await queue.getJobState(`dshare/${retested}`)).toBe('completed');

    // The report says which case was retested and keeps the first verdict beside it, as for `run --retest`.
    const rows = parse(await readFile(join(workspace.outputDir, 'results.csv'), 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.find((row) => row['case_id'] === retested)).toMatchObject({ retested: 'true' });
    expect(rows.filter((row) => row['retested'] === 'true')).toHaveLength(1);
    const summary = JSON.parse(await readFile(join(workspace.outputDir, 'summary.json'), 'utf8')) as { retested: Array<{ caseId: string; originalAttempt: number; finalAttempt: number }> };
    expect(summary.retested).toEqual([expect.objectContaining({ caseId: retested, originalAttempt: firstFinal?.attempt, finalAttempt: nextAttempt })]);
  }, 1_500_000);
});
