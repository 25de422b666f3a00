import type { DecidedVerdict, Dispute } from '../disputes/index.ts';
import type { AttemptResult, SampleKind } from '../results/index.ts';
import { classifyCase } from './classify-outcome.ts';
import type { CaseDispute, CaseView, Outcome } from './report-model.ts';

/**
 * The outcome a lab's upheld decision gives a case: the decided verdict read as a completed case
 * would be (classify-outcome.ts). An upheld claim settles the case, so it is counted like any
 * completed case; its basis, evidence and recorded verdict stay in the report beside it.
 */
export function classifyDecided(verdict: DecidedVerdict, kind: SampleKind): Outcome {
  if (kind !== 'stalkerware') return verdict.detected ? 'flagged' : 'not-flagged';
  if (!verdict.detected) return 'missed';
  return verdict.alerted ? 'detected-alerted' : 'detected-silent';
}

/**
 * A case's dispute as the report applies it: an upheld claim replaces the verdict only when the
 * case has a final attempt (no evidence, no verdict: a claim about a case that never settled is
 * listed and changes nothing). Rejected, retest and pending claims leave the cell as recorded.
 */
export function applyDispute(dispute: Dispute, final: AttemptResult | undefined, kind: SampleKind): { caseDispute: CaseDispute; outcome: Outcome } {
  const recorded = classifyCase(final, kind);
  const applied = dispute.decision === 'upheld' && dispute.verdict !== undefined && final !== undefined;
  const outcome = applied && dispute.verdict ? classifyDecided(dispute.verdict, kind) : recorded;
  return { caseDispute: { dispute, originalOutcome: recorded, applied }, outcome };
}

/**
 * What a case counts as in rates: the upheld verdict when a decision replaced the recorded one,
 * else the final attempt's. An upheld alert keeps the recorded safety advice only when the
 * product's own alert was recorded (the report never invents what an alert said).
 */
export function decidedVerdictOf(view: CaseView): { detected: boolean; alerted: boolean; safetyAdvice: boolean | null } {
  const final = view.final;
  const upheld = view.dispute?.applied === true ? view.dispute.dispute.verdict : undefined;
  if (upheld !== undefined) {
    return { detected: upheld.detected, alerted: upheld.alerted, safetyAdvice: upheld.alerted && final?.alerted === true ? final.safetyAdvice : null };
  }
  return { detected: final?.detected ?? false, alerted: final?.alerted ?? false, safetyAdvice: final?.safetyAdvice ?? null };
}

/** "detected, alerted" / "detected, no alert" / "not detected", for an upheld verdict in words. */
export function describeDecidedVerdict(verdict: DecidedVerdict): string {
  if (!verdict.detected) return 'not detected';
  return verdict.alerted ? 'detected, alerted' : 'detected, no alert';
}

/** The first verdict the results recorded for a case: before a retest replaced it or an upheld claim overrode it. */
export function firstRecordedOutcome(view: CaseView): Outcome {
  return view.retest?.originalOutcome ?? view.dispute?.originalOutcome ?? view.outcome;
}
