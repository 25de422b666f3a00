import { defineStep } from '../define-step.ts';
import { flagSchema } from './flag-schema.ts';

/** Press HOME. */
export const homeStep = defineStep({
  name: 'home',
  args: flagSchema,
  bare: true,
  run: async (context) => {
    await context.driver.execute('mobile: pressKey', { keycode: 3 });
  },
});
