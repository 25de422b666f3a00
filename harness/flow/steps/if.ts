import { conditionSchema, checkCondition } from '../condition.ts';
import { defineStep } from '../define-step.ts';
import { stepListSchema } from '../step-list-schema.ts';

/**
 * Run `then` when the condition holds, else `else`:
 * `- if: { visible: { text: Sign in }, timeoutMs: 1500 }` with `then: [...]` and `else: [...]` beside it.
 * The condition looks once unless it sets its own `timeoutMs` (or the step's `timeoutMs`), so an
 * absent screen costs one lookup.
 */
export const ifStep = defineStep({
  name: 'if',
  args: conditionSchema,
  siblings: { then: stepListSchema, else: stepListSchema },
  run: async (context, condition, _where, step) => {
    const holds = await checkCondition(context, { ...condition, timeoutMs: condition.timeoutMs ?? step.timeoutMs ?? 0 });
    const branch = holds ? step.then : step.else;
    if (branch) await context.runSteps(branch, holds ? 'then' : 'else');
  },
});
