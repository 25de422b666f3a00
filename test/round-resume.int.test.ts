import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../harness/cli/main.ts';
import { runCommand } from '../harness/cli/run.ts';
import type { CliIo } from '../harness/cli/command.ts';
import { finalOutcomes, readResults, readRoundFile, type AttemptResult } from '../harness/results/index.ts';
import { pollFor } from './support/poll.ts';
import { createRoundWorkspace, findRoundProcesses, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf, type GroundTruth } from './support/ground-truth.ts';

const CLI = fileURLToPath(new URL('../bin/stalkerbench.js', import.meta.url));

function collectIo(workspace: RoundWorkspace): CliIo & { text(): string } {
  let text = '';
  return { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env, text: () => text };
}

async function resultLines(workspace: RoundWorkspace): Promise<string[]> {
  const text = await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.endsWith('}'));
}

describe('stalkerbench run after kill -9, then --resume', () => {
  let workspace: RoundWorkspace;
  let truth: GroundTruth;
  let child: { kill(signal: NodeJS.Signals): boolean } | undefined;
  beforeAll(async () => {
    truth = await loadGroundTruth();
    workspace = await createRoundWorkspace({
      id: 'resume', portBase: 6_400, instances: 2,
      products: ['sentinel', 'quietguard'], samples: ['thetruthspy-renamed', 'mspy', 'cerberus'],
      modes: ['on-demand', 'real-time'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('keeps every finished case, runs the rest once, and ends with one final result per planned case', async () => {
    const run = execa(process.execPath, [CLI, 'run', workspace.roundFile], { cwd: workspace.dir, env: workspace.env, extendEnv: false, reject: false, all: true });
    child = run;
    const killedAfter = 3;
    await pollFor('3 result lines', async () => ((await resultLines(workspace)).length >= killedAfter ? true : undefined), { budgetMs: 240_000, intervalMs: 100 });
    run.kill('SIGKILL');
    const killed = await run;
    expect(killed.signal).toBe('SIGKILL');
    child = undefined;
    const before = await resultLines(workspace);
    expect(before.length).toBeGreaterThanOrEqual(killedAfter);

    // kill -9 leaves the emulators, Appium and the adb server running: find them by the round's HOME.
    const orphans = await findRoundProcesses(workspace);
    expect(orphans.length).toBeGreaterThan(0);
    await killRoundProcesses(workspace);
    await pollFor('orphans gone', async () => ((await findRoundProcesses(workspace)).length === 0 ? true : undefined), { budgetMs: 20_000 });

    // Without --resume an unfinished folder is refused (bad input), and nothing is written.
    const refused = collectIo(workspace);
    expect(await main(['run', workspace.roundFile], refused)).toBe(2);
    expect(refused.text()).toMatch(/--resume/);
    expect(await resultLines(workspace)).toEqual(before);

    const io = collectIo(workspace);
    const started: string[] = [];
    const code = await runCommand(['--resume', workspace.roundFile], io, { reporters: [{ onCaseStart: (event) => { started.push(event.caseId); } }] });
    expect(code, io.text()).toBe(0);

    const after = await resultLines(workspace);
    // Append-only: the lines written before the kill are still there, unchanged, in order.
    expect(after.slice(0, before.length)).toEqual(before);
    const round = await readRoundFile(workspace.outputDir);
    expect(round.finishedAt).not.toBeNull();
    const { results } = await readResults(workspace.outputDir);
    const finalLines = results.filter((r) => r.final);
    const planned = round.plan.cases.map((c) => c.caseId).sort();
    // No duplicate and no missing case.
    expect(finalLines.map((r) => r.caseId).sort()).toEqual(planned);
    // A case finished before the kill was not started again.
    const finishedBefore = before.map((line) => JSON.parse(line) as AttemptResult).filter((r) => r.final).map((r) => r.caseId);
    for (const caseId of finishedBefore) expect(started).not.toContain(caseId);

    for (const [caseId, result] of finalOutcomes(results)) {
      const planCase = round.plan.cases.find((c) => c.caseId === caseId);
      if (!planCase) throw new Error(`unplanned ${caseId}`);
      expect({ caseId, status: result.status, ...observedOutcomeOf(result) }).toEqual({ caseId, status: 'completed', ...expectedOutcomeOf(truth, planCase) });
    }
  }, 600_000);
});
