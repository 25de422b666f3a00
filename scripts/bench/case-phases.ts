/**
 * Where one case's time goes, from the round's own records: each attempt's `timings.steps`
 * (case-protocol.ts's phases: appium-session, install-sample, sample-setup, install-product, …),
 * what falls between them (screen captures, the notification baseline, evidence writes) as
 * `between steps`, and the session's teardown (`deleteSession`, after the attempt's end) from the
 * WebDriver observer. Medians over the cases given, per phase, in the case's order.
 */
import type { AttemptResult } from '../../harness/results/index.ts';

export interface PhaseBreakdown {
  /** Phase name → one value per case (ms; 0 where the case had no such phase). */
  phases: Map<string, number[]>;
  cases: number;
}

export function breakdownPhases(attempts: readonly AttemptResult[]): PhaseBreakdown {
  const phases = new Map<string, number[]>();
  attempts.forEach((attempt, index) => {
    const perCase = new Map<string, number>();
    let inSteps = 0;
    for (const step of attempt.timings.steps) {
      perCase.set(step.name, (perCase.get(step.name) ?? 0) + step.ms);
      inSteps += step.ms;
    }
    perCase.set('between steps (0 where phases overlap)', Math.max(0, attempt.timings.durationMs - inSteps));
    for (const [name, ms] of perCase) {
      const values = phases.get(name) ?? new Array<number>(index).fill(0);
      values.push(ms);
      phases.set(name, values);
    }
    for (const values of phases.values()) if (values.length < index + 1) values.push(0);
  });
  return { phases, cases: attempts.length };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** `name median s (mean s)` per phase, plus teardown when given. */
export function formatBreakdown(breakdown: PhaseBreakdown, teardownMs: readonly number[]): string {
  const parts = [...breakdown.phases.entries()].map(([name, values]) => {
    const mean = values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
    return `${name} ${(median(values) / 1000).toFixed(2)} s (mean ${(mean / 1000).toFixed(2)})`;
  });
  if (teardownMs.length > 0) parts.push(`teardown (deleteSession, after the case's end) ${(median(teardownMs) / 1000).toFixed(2)} s`);
  return parts.join('; ');
}
