/**
 * The UI-flow interpreter. Each step is a module in flow/steps/; flow/run-flow.ts runs them. This
 * module keeps the names the rest of the harness imports.
 */
export type { FlowContext, StepTiming } from '../flow/context.ts';
export { runFlow } from '../flow/run-flow.ts';
