import type { AttemptResult, SampleKind } from '../results/index.ts';
import type { Outcome } from './report-model.ts';

/** The outcome of one case from its final attempt (undefined: never settled). */
export function classifyCase(final: AttemptResult | undefined, kind: SampleKind): Outcome {
  if (final === undefined || final.status === 'not-executed') return 'not-executed';
  if (final.status !== 'completed') return 'error';
  if (kind !== 'stalkerware') return final.detected ? 'flagged' : 'not-flagged';
  if (!final.detected) return 'missed';
  return final.alerted ? 'detected-alerted' : 'detected-silent';
}

// Least favourable first: a cell with several completed cases shows the worst of them, so a
// miss on one device profile is never hidden behind a detection on another.
const SEVERITY: readonly Outcome[] = ['missed', 'flagged', 'detected-silent', 'detected-alerted', 'not-flagged'];

/** One cell's outcome from its cases' outcomes; errors and not-executed only when nothing completed. */
export function classifyCell(outcomes: readonly Outcome[]): Outcome {
  for (const outcome of SEVERITY) if (outcomes.includes(outcome)) return outcome;
  return outcomes.includes('error') ? 'error' : 'not-executed';
}

/** True for outcomes that count in rates. */
export function isCompleted(outcome: Outcome): boolean {
  return outcome !== 'error' && outcome !== 'not-executed';
}
