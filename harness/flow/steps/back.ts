import { defineStep } from '../define-step.ts';
import { flagSchema } from './flag-schema.ts';

/** Press BACK. */
export const backStep = defineStep({
  name: 'back',
  args: flagSchema,
  bare: true,
  run: async (context) => {
    await context.driver.back();
  },
});
