import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { CliIo } from '../../harness/cli/command.ts';
import { runCommand } from '../../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile, type AttemptResult, type PlannedCase } from '../../harness/results/index.ts';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';
import type { RoundWorkspace } from './round-workspace.ts';

const outcomeSchema = z.strictObject({
  detected: z.boolean(),
  detectedBy: z.array(z.enum(['scan', 'real-time', 'first-start'])),
  alerted: z.boolean(),
});
const groundTruthSchema = z.object({
  products: z.record(z.string(), z.record(z.string(), z.record(z.enum(['on-demand', 'real-time']), outcomeSchema))),
});

export type GroundTruth = z.infer<typeof groundTruthSchema>;
export type ExpectedOutcome = z.infer<typeof outcomeSchema>;

/** scenarios/ground-truth.yaml: what each demo product does with each demo sample, per mode. */
export async function loadGroundTruth(): Promise<GroundTruth> {
  return groundTruthSchema.parse(parse(await readFile(`${REPO_ROOT}/scenarios/ground-truth.yaml`, 'utf8')));
}

/** The expected outcome of a planned case; throws when the ground truth has no entry for it. */
export function expectedOutcomeOf(truth: GroundTruth, planned: Pick<PlannedCase, 'productId' | 'sampleId' | 'mode'>): ExpectedOutcome {
  const outcome = truth.products[planned.productId]?.[planned.sampleId]?.[planned.mode as 'on-demand' | 'real-time'];
  if (!outcome) throw new Error(`scenarios/ground-truth.yaml has no entry for ${planned.productId} × ${planned.sampleId} × ${planned.mode}`);
  return { ...outcome, detectedBy: [...outcome.detectedBy].sort() };
}

/** The same three fields of a result, detectedBy sorted, to compare with `expectedOutcomeOf`. */
export function observedOutcomeOf(result: AttemptResult): ExpectedOutcome {
  return { detected: result.detected, detectedBy: [...result.detectedBy].sort(), alerted: result.alerted };
}

/**
 * Runs a workspace's round in process through `run` (no reporters), then lines up every planned case's
 * final outcome (status, the three verdict fields, error) with what scenarios/ground-truth.yaml expects
 * (completed, no error): equal lists mean the round agreed with the ground truth cell by cell.
 */
export async function runRoundAgainstGroundTruth(workspace: Pick<RoundWorkspace, 'dir' | 'env' | 'roundFile' | 'outputDir'>): Promise<{
  code: number; text: string; cases: PlannedCase[]; observed: unknown[]; expected: unknown[];
}> {
  const truth = await loadGroundTruth();
  let text = '';
  const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env };
  const code = await runCommand([workspace.roundFile], io, { reporters: [] });
  const round = await readRoundFile(workspace.outputDir);
  const finals = finalOutcomes((await readResults(workspace.outputDir)).results);
  const observed = round.plan.cases.map((planned) => {
    const result = finals.get(planned.caseId);
    return { caseId: planned.caseId, status: result?.status, ...(result ? observedOutcomeOf(result) : {}), error: result?.error?.message };
  });
  const expected = round.plan.cases.map((planned) => ({ caseId: planned.caseId, status: 'completed', ...expectedOutcomeOf(truth, planned), error: undefined }));
  return { code, text, cases: round.plan.cases, observed, expected };
}
