import type { AttemptResult, SampleKind } from '../results/index.ts';
import type { Outcome } from './report-model.ts';

/**
 * The outcome of one case from its final attempt (undefined: never settled). A completed case
 * whose basis says `ambiguous` needs a person's decision; a product that crashed or stopped
 * responding is a `product-error`: neither is a miss or a detection.
 */
export function classifyCase(final: AttemptResult | undefined, kind: SampleKind): Outcome {
  if (final === undefined || final.status === 'not-executed') return 'not-executed';
  if (final.status === 'product-error') return 'product-error';
  if (final.status !== 'completed') return 'error';
  if (final.basis?.rule === 'ambiguous') return 'needs-review';
  if (kind !== 'stalkerware') return final.detected ? 'flagged' : 'not-flagged';
  if (!final.detected) return 'missed';
  return final.alerted ? 'detected-alerted' : 'detected-silent';
}

// Least favourable first: a cell with several completed cases shows the worst of them, so a
// miss on one device profile is never hidden behind a detection on another. A case that needs
// review may turn out a miss (or a false positive), so it ranks below a certain miss and above
// any detection. Without a completed case, a product error ranks before the harness's errors.
const SEVERITY: readonly Outcome[] = ['missed', 'flagged', 'needs-review', 'detected-silent', 'detected-alerted', 'not-flagged', 'product-error', 'error', 'not-executed'];

/** One cell's outcome from its cases' outcomes; errors and not-executed only when nothing completed. */
export function classifyCell(outcomes: readonly Outcome[]): Outcome {
  for (const outcome of SEVERITY) if (outcomes.includes(outcome)) return outcome;
  return 'not-executed';
}

/** True for outcomes that count in rates: completed cases that need no person's decision. */
export function isCounted(outcome: Outcome): boolean {
  return outcome !== 'error' && outcome !== 'product-error' && outcome !== 'needs-review' && outcome !== 'not-executed';
}
