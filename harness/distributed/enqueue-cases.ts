import type { Queue } from 'bullmq';
import type { PlannedCase } from '../results/index.ts';
import { jobIdOf, type CaseJobData, type CaseJobResult } from './queue-names.ts';

export interface EnqueueSummary {
  added: number;
  /** Completed or failed jobs of cases without a final result, put back. */
  requeued: number;
  /** Jobs already waiting, delayed or active: left as they are. */
  kept: number;
}

/**
 * Puts every undecided case in the queue once. The job id is derived from round and case, so a
 * second coordinator (or a restarted one) adds nothing for a case already queued. A restarted
 * coordinator catches up from the queue itself, not from live events (QueueEvents streams are
 * trimmed and start at "now"): a job that completed or failed while its case has no final result
 * in results.jsonl (a results file restored from a backup, Redis having replayed a job it had
 * already finished) is put back, so the case runs again.
 */
export async function enqueueCases(
  queue: Queue<CaseJobData, CaseJobResult>, roundId: string, pending: readonly PlannedCase[],
  isDecided: (caseId: string) => boolean, log: (line: string) => void,
  /** The job id of a case (retests have their own: retest-jobs.ts). @default jobIdOf(roundId, caseId) */
  jobIdFor: (caseId: string) => string = (caseId) => jobIdOf(roundId, caseId),
): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { added: 0, requeued: 0, kept: 0 };
  for (const planned of pending) {
    if (isDecided(planned.caseId)) continue;
    const jobId = jobIdFor(planned.caseId);
    const existing = await queue.getJob(jobId);
    if (existing !== undefined) {
      const state = await queue.getJobState(jobId);
      if (state !== 'completed' && state !== 'failed') {
        summary.kept += 1;
        continue;
      }
      log(`job ${jobId} is ${state} but its case has no final result: put back`);
      await existing.remove();
      summary.requeued += 1;
    } else {
      summary.added += 1;
    }
    await queue.add(planned.caseId, { roundId, caseId: planned.caseId }, {
      jobId,
      // A case's attempts are the worker's business (run's retry rule, each attempt recorded); a
      // job that fails is put back by the coordinator, so BullMQ's own retries stay off.
      attempts: 1,
      // Completed jobs are kept for a restarted coordinator to catch up from.
      removeOnComplete: false,
      removeOnFail: false,
    });
  }
  return summary;
}
