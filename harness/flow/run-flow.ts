import { HarnessError } from '../errors/index.ts';
import { classifyStepError } from '../appium/flow-errors.ts';
import type { FlowContext, ParsedStep, StepContext, StepTiming } from './context.ts';
import type { StepDefinition } from './define-step.ts';
import { FLOW_STEPS } from './steps/index.ts';
import { resolveEnv } from './substitute.ts';

const STEPS_BY_NAME: ReadonlyMap<string, StepDefinition> = new Map(FLOW_STEPS.map((step) => [step.name, step as unknown as StepDefinition]));

/** Nested steps (`if` in `repeat` in a sub-flow…) deeper than this are refused: a runaway recursion. */
const MAX_DEPTH = 32;

interface Run {
  name: string;
  context: FlowContext;
  timings: StepTiming[];
  /** Failures already classified and captured by the innermost step; outer steps pass them on. */
  reported: WeakSet<object>;
}

/** `3.then.2` → `3-then-2`: evidence names use lower-case letters, digits and "-". */
function captureSuffix(position: string): string {
  return position.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function runList(run: Run, steps: readonly ParsedStep[], prefix: string | undefined, firstIndex: number, depth: number): Promise<void> {
  const { name, context } = run;
  for (const [offset, step] of steps.entries()) {
    const index = firstIndex + offset;
    // Top level: `onboarding step 3`; nested: `onboarding step 3.then.2`.
    const position = prefix === undefined ? String(index + 1) : `${prefix}.${index + 1}`;
    const where = `${name} step ${position} (${step.action})`;
    const stepContext: StepContext = {
      ...context,
      runSteps: async (nested, label) => {
        if (depth + 1 > MAX_DEPTH) throw new HarnessError('FLOW_STEP_FAILED', `${where}: steps nested more than ${MAX_DEPTH} deep`, { hint: 'a sub-flow probably runs itself; check the run steps of the profile' });
        await runList(run, nested, `${position}.${label}`, 0, depth + 1);
      },
    };
    const started = performance.now();
    try {
      const definition = STEPS_BY_NAME.get(step.action);
      if (!definition) throw new HarnessError('FLOW_STEP_FAILED', `${where}: no step is called ${step.action}`);
      // `${env:NAME}` is read now, from the run's environment; its value is registered as a secret.
      const resolved = resolveEnv(step, context.env ?? process.env, where);
      await definition.run(stepContext, resolved.args, where, resolved);
    } catch (error) {
      if (typeof error === 'object' && error !== null && run.reported.has(error)) throw error;
      const failure = context.signal.aborted
        ? new HarnessError('CANCELLED', `${where} was cancelled`, { cause: error })
        : classifyStepError(error, where);
      if (!context.signal.aborted) await context.capture(`${name}-failed-step-${captureSuffix(position)}`).catch(() => undefined);
      run.reported.add(failure);
      throw failure;
    }
    const timing: StepTiming = { flow: name, index, action: step.action, ms: Math.round(performance.now() - started) };
    run.timings.push(prefix === undefined ? timing : { ...timing, path: `${name} step ${position}` });
  }
}

/**
 * Runs a UI flow step by step. The first failing step captures a screenshot and UI dump named
 * `<flow>-failed-step-<n>` (`<flow>-failed-step-3-then-2` for a nested step) and throws:
 * FLOW_STEP_FAILED when the UI was not as the profile expects (flow-error), FLOW_ASSERTION_FAILED when
 * an assertion of the profile failed, APPIUM_SESSION_FAILED when Appium or the device broke
 * (infra-error). Timings list every step, nested ones with their path.
 */
export async function runFlow(name: string, flow: readonly ParsedStep[], context: FlowContext, firstIndex = 0): Promise<StepTiming[]> {
  const run: Run = { name, context, timings: [], reported: new WeakSet() };
  await runList(run, flow, undefined, firstIndex, 0);
  return run.timings;
}
