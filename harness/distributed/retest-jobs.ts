import { jobIdOf } from './queue-names.ts';

/**
 * `serve-round --retest`: a retested case runs under a job id of its own, derived from the first
 * attempt number the retest gives it. The first run's job (completed, kept for a restarted
 * coordinator to catch up from) keeps its id, and each later retest of the same case starts at a
 * higher attempt, so no two runs of a case ever share a job id — and a worker still holding the
 * first run's job is fenced by the ledger, which expects the retest's id.
 */
export function retestJobIdOf(roundId: string, caseId: string, firstAttempt: number): string {
  return `${jobIdOf(roundId, caseId)}/retest-${firstAttempt}`;
}

/** The job id each case runs under in this coordinator's run: the retest's for retested cases. */
export function jobIdsOfRun(roundId: string, retesting: ReadonlySet<string>, attemptsSoFar: ReadonlyMap<string, number>): (caseId: string) => string {
  return (caseId) => (retesting.has(caseId) ? retestJobIdOf(roundId, caseId, (attemptsSoFar.get(caseId) ?? 0) + 1) : jobIdOf(roundId, caseId));
}
