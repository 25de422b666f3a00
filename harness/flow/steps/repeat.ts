import { z } from 'zod';
import { HarnessError } from '../../errors/index.ts';
import { checkCondition, conditionSchema, describeCondition } from '../condition.ts';
import { defineStep } from '../define-step.ts';
import { stepListSchema } from '../step-list-schema.ts';

const repeatSchema = z
  .strictObject({
    /** Run the steps while this holds (checked before each round). */
    while: conditionSchema.optional(),
    /** Run the steps until this holds (checked before each round). */
    until: conditionSchema.optional(),
    /**
     * Without while/until: run the steps exactly this many times. With one: the most rounds allowed;
     * needing more fails the step (the screen never went away).
     */
    times: z.int().min(1).max(100),
    steps: stepListSchema,
  })
  .superRefine((value, context) => {
    if (value.while !== undefined && value.until !== undefined) context.addIssue({ code: 'custom', message: 'a repeat has while or until, not both' });
  });

/**
 * Repeat a block: `- repeat: { while: { visible: { text: Next } }, times: 5, steps: [- tap: { text: Next }] }`.
 * `times` is required: the bound on a while/until loop, or the count of a plain one.
 */
export const repeatStep = defineStep({
  name: 'repeat',
  args: repeatSchema,
  run: async (context, args, where) => {
    const condition = args.while ?? args.until;
    if (condition === undefined) {
      for (let round = 1; round <= args.times; round += 1) await context.runSteps(args.steps, `repeat ${round}`);
      return;
    }
    const wantHolds = args.while !== undefined;
    for (let round = 1; ; round += 1) {
      if ((await checkCondition(context, condition)) !== wantHolds) return;
      if (round > args.times) {
        throw new HarnessError('FLOW_STEP_FAILED', `${where}: [repeat-bound] ${args.while ? 'still' : 'not yet'} ${describeCondition(condition)} after ${args.times} rounds (times: ${args.times})`, {
          hint: 'the screen did not change as the repeat expects (see the screenshot); raise times if the product really shows more pages',
        });
      }
      await context.runSteps(args.steps, `repeat ${round}`);
    }
  },
});
