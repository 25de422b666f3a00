import { HarnessError } from '../errors/index.ts';
import type { PlannedCase } from '../results/index.ts';
import type { ResumeState } from './resume-state.ts';

/**
 * The cases `run --retest <ids>` runs again in an existing round folder, checked before any device
 * starts: each id must be a case of the round's plan, and the folder must hold a run of the round
 * (round.json). The chosen cases are taken out of `finished`, so they run as new attempts numbered
 * on from their last one; their earlier attempts stay in results.jsonl, and the report lets the
 * newest final attempt decide and shows the case as retested.
 */
export function selectRetests(ids: readonly string[], plan: readonly PlannedCase[], resume: ResumeState, displayDir: string): Set<string> {
  if (ids.length === 0) return new Set();
  const planned = new Set(plan.map((entry) => entry.caseId));
  const unknown = ids.filter((id) => !planned.has(id));
  if (unknown.length > 0) {
    const example = plan[0]?.caseId;
    throw new HarnessError('USAGE', `--retest: the round plans no case ${unknown.map((id) => `'${id}'`).join(', ')}`, {
      hint: `name cases by their id as in results.jsonl or results.csv (column case_id)${example === undefined ? '' : `, e.g. ${example}`}`,
    });
  }
  if (resume.previous === undefined) {
    throw new HarnessError('USAGE', `--retest: ${displayDir} holds no run of this round to retest`, {
      hint: 'run the round first; --retest runs chosen cases of a round folder again',
    });
  }
  for (const id of ids) resume.finished.delete(id);
  return new Set(ids);
}
