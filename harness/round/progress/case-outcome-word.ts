import type { VerdictRule } from '../../results/index.ts';
import type { CaseEndEvent } from '../reporter.ts';

/**
 * A finished case as the progress reporters read it: `verdictRule` is the attempt's basis rule
 * (`ambiguous`: a person must decide), present once the round passes it with the event.
 */
export type CaseEndWithVerdict = CaseEndEvent & { verdictRule?: VerdictRule | undefined };

/** What a progress line says about a finished case: never "missed" for a case that is not one. */
export function describeCaseOutcome(event: CaseEndWithVerdict): string {
  const retrying = event.willRetry ? ' (retrying)' : '';
  if (event.status === 'product-error') return `product-error: crashed or not responding, not counted${retrying}`;
  if (event.status !== 'completed') return `${event.status}${retrying}`;
  if (event.verdictRule === 'ambiguous') return 'NEEDS REVIEW (match also fits another app; not counted)';
  if (event.falsePositiveCheck) return event.detected ? 'FLAGGED (false positive)' : 'not flagged (correct)';
  if (!event.detected) return 'missed';
  return event.alerted ? 'detected+alerted' : 'detected';
}
