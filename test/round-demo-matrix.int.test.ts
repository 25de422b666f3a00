import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile } from '../harness/results/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

describe('the whole demo matrix', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    // The demo round as shipped and as `npm run demo` runs it (every product × every sample ×
    // on-demand, real-time and the false-positive checks) on two emulators, with its appDelayScale
    // (0.1: the products' delays and the watch budgets at a tenth of their real length).
    workspace = await createRoundWorkspace({ id: 'matrix', portBase: 7_200, instances: 2, fastApps: false, demoDelayScale: true });
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('completes every case and every verdict equals scenarios/ground-truth.yaml', async () => {
    const truth = await loadGroundTruth();
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env };
    const code = await runCommand([workspace.roundFile], io, { reporters: [] });
    expect(code, text).toBe(0);
    const round = await readRoundFile(workspace.outputDir);
    expect(round.plan.cases).toHaveLength(140);
    const finals = finalOutcomes((await readResults(workspace.outputDir)).results);
    const observed = round.plan.cases.map((planned) => {
      const result = finals.get(planned.caseId);
      return { caseId: planned.caseId, status: result?.status, ...(result ? observedOutcomeOf(result) : {}), error: result?.error?.message };
    });
    const expected = round.plan.cases.map((planned) => ({ caseId: planned.caseId, status: 'completed', ...expectedOutcomeOf(truth, planned), error: undefined }));
    expect(observed).toEqual(expected);
  }, 1_200_000);
});
