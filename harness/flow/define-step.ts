import type { z } from 'zod';
import type { ParsedStep, StepContext } from './context.ts';

type SiblingValues<Siblings extends Record<string, z.ZodType>> = { [K in keyof Siblings]?: z.output<Siblings[K]> };

/**
 * One flow step: its YAML key, the schema of its arguments, whether it may be written as a bare
 * word (`- back`), keys it takes beside its own (`then:`/`else:` of `if`), and what it does. Each
 * step lives in its own module under `steps/` and is listed once in `steps/index.ts`; the profile
 * schema and the interpreter both read that list.
 */
export interface StepDefinition<
  Name extends string = string,
  Args extends z.ZodType = z.ZodType,
  Siblings extends Record<string, z.ZodType> = Record<string, z.ZodType>,
> {
  name: Name;
  args: Args;
  /** `- back` alone means `- back: true`. */
  bare?: true;
  /** Keys written beside the action key, e.g. `reason:` of `assertVisible`; parsed onto the step. */
  siblings?: Siblings;
  /**
   * Runs the step. `where` names it for messages (`onboarding step 3 (tap)`); throw a HarnessError
   * (FLOW_STEP_FAILED) when the UI is not as the profile expects.
   */
  run(context: StepContext, args: z.output<Args>, where: string, step: ParsedStep & SiblingValues<Siblings>): Promise<void>;
}

/** Declares a step with its argument types inferred from the schema. */
export function defineStep<const Name extends string, Args extends z.ZodType, Siblings extends Record<string, z.ZodType> = Record<never, z.ZodType>>(
  definition: StepDefinition<Name, Args, Siblings>,
): StepDefinition<Name, Args, Siblings> {
  return definition;
}
