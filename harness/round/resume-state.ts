import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { finalOutcomes, groupAttempts, readResults, readRoundFile, RESULTS_FILE, ROUND_FILE, type AttemptResult, type PlannedCase, type RoundFile } from '../results/index.ts';

export interface ResumeState {
  /** round.json of the earlier run, when there is one. */
  previous: RoundFile | undefined;
  /** Cases with a final attempt: not run again. */
  finished: Map<string, AttemptResult>;
  /** Attempts already made by each unfinished case. */
  attemptsSoFar: Map<string, number>;
  allResults: AttemptResult[];
}

/** The APK pins of the round as it is now, by product and sample id. */
export interface RoundPins {
  products: ReadonlyMap<string, string>;
  samples: ReadonlyMap<string, string>;
}

function changedPins(previous: RoundFile, pins: RoundPins): string[] {
  const changed: string[] = [];
  for (const product of previous.products) {
    const now = pins.products.get(product.id);
    if (now !== undefined && now !== product.apkSha256) changed.push(`product ${product.id}`);
  }
  for (const sample of previous.samples) {
    const now = pins.samples.get(sample.id);
    if (now !== undefined && now !== sample.sha256) changed.push(`sample ${sample.id}`);
  }
  return changed;
}

/**
 * What an earlier run of this round left in its folder. A folder with results is only continued
 * with `--resume`, and only when the round file and every APK pin are unchanged, so that every
 * result in one folder comes from one plan and the same product and sample builds.
 */
export async function readResumeState(outputDir: string, plan: readonly PlannedCase[], roundSha256: string, resume: boolean, displayDir: string, pins: RoundPins): Promise<ResumeState> {
  if (!existsSync(join(outputDir, ROUND_FILE))) {
    // The runner writes round.json before the first result, so results without it are not ours to
    // append to: they would mix with this run's under a plan nobody recorded.
    const results = join(outputDir, RESULTS_FILE);
    if (existsSync(results) && statSync(results).size > 0) {
      throw new HarnessError('USAGE', `${displayDir} holds ${RESULTS_FILE} but no ${ROUND_FILE}: results of an unknown round`, {
        hint: `keep them: move ${displayDir} away (or set output.dir in the round) and run again`,
      });
    }
    return { previous: undefined, finished: new Map(), attemptsSoFar: new Map(), allResults: [] };
  }
  const previous = await readRoundFile(outputDir);
  const { results } = await readResults(outputDir);
  const finals = finalOutcomes(results);
  const planned = new Set(plan.map((c) => c.caseId));
  const allDone = plan.every((c) => finals.has(c.caseId));
  if (previous.round.sha256 !== roundSha256) {
    throw new HarnessError('CONFIG_INVALID', `${displayDir} holds a round run from a different version of the round file`, {
      hint: `keep those results: move ${displayDir} away (or set output.dir in the round) and run again`,
    });
  }
  const before = new Set(previous.plan.cases.map((c) => c.caseId));
  const added = plan.filter((c) => !before.has(c.caseId)).length;
  const dropped = before.size - (plan.length - added);
  if (added > 0 || dropped > 0) {
    throw new HarnessError('CONFIG_INVALID', `${displayDir} holds a run of other cases (${added} planned now were not planned then, ${dropped} planned then are not now): the products, samples, modes or devices it selects changed since`, {
      hint: `run with the same selection (e.g. the same --products), or keep those results: move ${displayDir} away (or use --output) and run again`,
    });
  }
  const changed = changedPins(previous, pins);
  if (changed.length > 0) {
    throw new HarnessError('CONFIG_INVALID', `${displayDir} holds a run made with other APKs: the pinned SHA-256 of ${changed.join(', ')} changed since`, {
      hint: `keep those results: move ${displayDir} away (or set output.dir in the round) and run again`,
    });
  }
  if (!resume && !allDone) {
    throw new HarnessError('USAGE', `${displayDir} already holds an unfinished run of this round (${[...finals.keys()].filter((id) => planned.has(id)).length}/${plan.length} cases done)`, {
      hint: 'continue it with `stalkerbench run --resume <round.yaml>`, or move the folder away to start over',
    });
  }
  const attemptsSoFar = new Map<string, number>();
  for (const [caseId, attempts] of groupAttempts(results)) {
    attemptsSoFar.set(caseId, Math.max(...attempts.map((a) => a.attempt)));
  }
  return { previous, finished: finals, attemptsSoFar, allResults: results };
}
