import { z } from 'zod';
import { FLOW_STEPS } from '../flow/steps/index.ts';
import { provideStepListSchema } from '../flow/step-list-schema.ts';
import { defineStepSchema, type SiblingsOf, type StepOf } from './define-step-schema.ts';

type Definitions = (typeof FLOW_STEPS)[number];

/**
 * The arguments of each step, keyed by step name, from the step registry (flow/steps/index.ts). A
 * step in YAML is a mapping with exactly one of these keys plus an optional `timeoutMs`, e.g.
 * `- waitFor: { text: Scan complete }, timeoutMs: 60000`.
 */
export const STEP_ARGUMENTS = Object.fromEntries(FLOW_STEPS.map((step) => [step.name, step.args])) as {
  [D in Definitions as D['name']]: D['args'];
};

export type StepAction = keyof typeof STEP_ARGUMENTS;
export const STEP_ACTIONS = Object.keys(STEP_ARGUMENTS) as StepAction[];

/** Steps that may be written as a bare word (`- back`). */
export const BARE_STEP_ACTIONS = FLOW_STEPS.filter((step) => 'bare' in step && step.bare).map((step) => step.name) as StepAction[];

/** One step after parsing: its action, that action's arguments, and its own timeout if set. */
export type FlowStep = StepOf<typeof STEP_ARGUMENTS>;

/** Keys some steps take beside their action key (`then`/`else` of `if`). */
export const STEP_SIBLINGS = Object.fromEntries(
  FLOW_STEPS.flatMap((step) => ('siblings' in step && step.siblings ? [[step.name, step.siblings]] : [])),
) as SiblingsOf<typeof STEP_ARGUMENTS>;

export const flowStepSchema = defineStepSchema(STEP_ARGUMENTS, BARE_STEP_ACTIONS, '- tap: { id: com.x:id/ok }', STEP_SIBLINGS);

/** A UI flow: steps run in order; the first failing step ends the case as `flow-error`. */
export const flowSchema = z.array(flowStepSchema);
export type Flow = FlowStep[];

provideStepListSchema(flowSchema);
