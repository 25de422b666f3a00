import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { defineStep } from '../define-step.ts';

/**
 * Wait a fixed time: `- wait: { ms: 2000 }`. Only where a product demands it (an animation that
 * ignores input, a splash that swallows taps); anything that can be seen is waited for with waitFor,
 * which is faster on a fast device and does not fail on a slow one.
 */
export const waitStep = defineStep({
  name: 'wait',
  args: z.strictObject({ ms: z.int().min(1).max(120_000) }),
  run: async (context, args) => {
    await delay(args.ms, undefined, { signal: context.signal });
  },
});
