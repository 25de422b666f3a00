import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AttemptResult, PlannedCase } from '../../harness/results/index.ts';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';

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
