import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResults, readRoundFile } from '../harness/results/index.ts';
import { pollFor } from './support/poll.ts';
import { isPortFree } from './support/ports.ts';
import { createRoundWorkspace, findRoundProcesses, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

// Port block 3600–3999 (STALKERBENCH_PORT_BASE), used by no other test file.
const CLI = fileURLToPath(new URL('../bin/stalkerbench.js', import.meta.url));

interface RuntimeRecordJson { runner: { pid: number }; home?: string; adbServerPort?: number }

async function lines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line !== '');
}

/** `stalkerbench run` in a process group of its own, as a shell starts it (so the group can be signalled). */
function startRun(workspace: RoundWorkspace, args: string[]) {
  return execa(process.execPath, [CLI, 'run', ...args], { cwd: workspace.dir, env: workspace.env, extendEnv: false, reject: false, all: true, detached: true });
}

/** Ends once a case is running: more cases started in round.log than results written. */
async function waitUntilMidCase(outputDir: string, afterResults: number): Promise<void> {
  await pollFor(`a case running after ${afterResults} result(s)`, async () => {
    const results = (await lines(join(outputDir, 'results.jsonl'))).length;
    const started = (await lines(join(outputDir, 'round.log'))).filter((line) => / case \S+ attempt \d+ started$/.test(line)).length;
    return results >= afterResults && started > results ? true : undefined;
  }, { budgetMs: 300_000, intervalMs: 50 });
}

async function roundHomes(workspace: RoundWorkspace): Promise<string[]> {
  return (await readdir(workspace.home.tmp)).filter((name) => name.startsWith('stalkerbench-home-'));
}

describe('nothing of a run is left behind after kill -9 and Ctrl+C', () => {
  let workspace: RoundWorkspace;
  let child: { pid?: number | undefined } | undefined;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'cleanup', portBase: 3_600, instances: 1,
      products: ['sentinel'], samples: ['thetruthspy-renamed', 'mspy', 'cerberus'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
  });
  afterAll(async () => {
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('a resumed run stops what a SIGKILLed run started and removes its HOME and temp files; results stay complete', async () => {
    const run = startRun(workspace, [workspace.roundFile]);
    child = run;
    await waitUntilMidCase(workspace.outputDir, 1);
    const record = JSON.parse(await readFile(join(workspace.outputDir, 'runtime.json'), 'utf8')) as RuntimeRecordJson;
    expect(record.runner.pid).toBe(run.pid);
    // kill -9 of the whole process group, as a terminal's kill or a CI timeout does.
    process.kill(-(run.pid ?? 0), 'SIGKILL');
    expect((await run).signal).toBe('SIGKILL');
    child = undefined;
    const before = await lines(join(workspace.outputDir, 'results.jsonl'));

    // The adb server daemonised out of the process group and survives it, on its recorded port.
    const { home, adbServerPort } = record;
    if (home === undefined || adbServerPort === undefined) throw new Error('runtime.json names no HOME or adb server port');
    const leftAfterKill = (await findRoundProcesses(workspace)).filter((p) => p.env.get('HOME') === home);
    expect(leftAfterKill.some((p) => p.argv.includes('fork-server'))).toBe(true);
    expect(await isPortFree(adbServerPort)).toBe(false);
    expect(existsSync(home)).toBe(true);

    const resumed = await execa(process.execPath, [CLI, 'run', '--resume', workspace.roundFile], { cwd: workspace.dir, env: workspace.env, extendEnv: false, reject: false, all: true });
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(resumed.all).toContain(`cleaned up after a run that is no longer running (pid ${run.pid}`);

    // Nothing of the killed run (nor of the resumed one) runs or stays on disk.
    expect((await findRoundProcesses(workspace)).map((p) => `${p.pid} ${p.argv.join(' ')}`)).toEqual([]);
    expect(await isPortFree(adbServerPort)).toBe(true);
    expect(existsSync(home)).toBe(false);
    expect(await roundHomes(workspace)).toEqual([]);
    expect((await readdir(workspace.outputDir)).filter((name) => name.endsWith('.tmp') || name === 'runtime.json')).toEqual([]);

    // Append-only and complete: one final result per planned case, none twice.
    const after = await lines(join(workspace.outputDir, 'results.jsonl'));
    expect(after.slice(0, before.length)).toEqual(before);
    const round = await readRoundFile(workspace.outputDir);
    expect(round.finishedAt).not.toBeNull();
    const finals = (await readResults(workspace.outputDir)).results.filter((r) => r.final).map((r) => r.caseId).sort();
    expect(finals).toEqual(round.plan.cases.map((c) => c.caseId).sort());
  }, 900_000);

  it('Ctrl+C twice stops the adb server, emulators and Appium before the run exits', async () => {
    const outputDir = join(workspace.dir, 'out', 'ctrl-c');
    const run = startRun(workspace, [workspace.roundFile, '--output', outputDir]);
    child = run;
    let output = '';
    run.all.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await waitUntilMidCase(outputDir, 0);
    const record = JSON.parse(await readFile(join(outputDir, 'runtime.json'), 'utf8')) as RuntimeRecordJson;
    // Ctrl+C goes to the terminal's whole foreground process group.
    process.kill(-(run.pid ?? 0), 'SIGINT');
    await pollFor('the first Ctrl+C answered', () => (output.includes('stopping the round') ? true : undefined), { budgetMs: 30_000, intervalMs: 10 });
    process.kill(-(run.pid ?? 0), 'SIGINT');
    const ended = await run;
    child = undefined;
    expect(ended.exitCode, ended.all).toBe(130);
    expect(ended.all).toContain('killing the round');

    expect((await findRoundProcesses(workspace)).map((p) => `${p.pid} ${p.argv.join(' ')}`)).toEqual([]);
    if (record.adbServerPort === undefined) throw new Error('runtime.json names no adb server port');
    expect(await isPortFree(record.adbServerPort)).toBe(true);
    expect(await roundHomes(workspace)).toEqual([]);
    expect(existsSync(join(outputDir, 'runtime.json'))).toBe(false);
  }, 600_000);
});
