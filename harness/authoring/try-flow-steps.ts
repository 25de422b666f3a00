/**
 * Runs one flow of a product profile outside a round, one top-level step at a time, so that each
 * step's outcome and time is printed as it ends. The steps run through the flow interpreter's own
 * entry (runFlow, with the step's index in the flow), so a step behaves, fails and captures exactly
 * as it would in a case; its time is the interpreter's timing, nested steps (`if`, `repeat`, `run`)
 * listed under it with their paths.
 */
import type { FlowContext, ParsedStep, StepTiming } from '../flow/context.ts';
import { runFlow } from '../flow/run-flow.ts';
import { formatError, isHarnessError } from '../errors/index.ts';

export interface TryFlowResult {
  /** Steps that finished, as the interpreter timed them (nested ones with their path). */
  timings: StepTiming[];
  /** The failure of the step that stopped the flow, classified by the interpreter. */
  error: unknown;
  /** 1-based number of the failing top-level step. */
  failedStep: number | undefined;
}

/** `1.8 s`, `420 ms`. */
export function formatMs(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/** Errors that mean the profile does not fit what the app shows (fix the profile), not that the lab failed. */
export function isFlowFailure(error: unknown): boolean {
  return isHarnessError(error, 'FLOW_STEP_FAILED') || isHarnessError(error, 'FLOW_ASSERTION_FAILED');
}

export async function runFlowStepByStep(name: string, steps: readonly ParsedStep[], context: FlowContext, print: (line: string) => void): Promise<TryFlowResult> {
  const timings: StepTiming[] = [];
  const width = String(steps.length).length;
  for (const [index, step] of steps.entries()) {
    const label = `step ${String(index + 1).padStart(width)}/${steps.length} ${step.action}`;
    const started = performance.now();
    try {
      const stepTimings = await runFlow(name, [step], context, index);
      timings.push(...stepTimings);
      const own = stepTimings.find((timing) => timing.path === undefined);
      print(`  ${label.padEnd(36)} ok      ${formatMs(own?.ms ?? performance.now() - started)}`);
      for (const nested of stepTimings.filter((timing) => timing.path !== undefined)) {
        print(`      ${`${nested.path} (${nested.action})`.padEnd(32)} ok      ${formatMs(nested.ms)}`);
      }
    } catch (error) {
      print(`  ${label.padEnd(36)} FAILED  after ${formatMs(performance.now() - started)}`);
      print(formatError(error).split('\n').map((line) => `    ${line}`).join('\n'));
      return { timings, error, failedStep: index + 1 };
    }
  }
  return { timings, error: undefined, failedStep: undefined };
}
