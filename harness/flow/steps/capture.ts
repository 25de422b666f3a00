import { z } from 'zod';
import { defineStep } from '../define-step.ts';

/** Save a screenshot and UI dump into the case's evidence under this name. */
export const captureStep = defineStep({
  name: 'capture',
  args: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'capture names use lower-case letters, digits and "-"'),
  run: async (context, name) => {
    await context.capture(name);
  },
});
