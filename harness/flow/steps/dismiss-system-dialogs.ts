import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { defineStep } from '../define-step.ts';
import { dismissSystemDialog } from '../system-dialogs/dismiss-system-dialog.ts';

/**
 * Answer the system dialogs shown now with the profile's `systemDialogs` handlers (Play Protect,
 * "isn't responding", the profile's own), each recorded as evidence, at most `max`. `waitMs` waits
 * that long for the first one to appear (default 0: look once). Nothing shown is not a failure.
 *
 * @example - dismissSystemDialogs
 * @example - dismissSystemDialogs: { waitMs: 3000 }
 */
export const dismissSystemDialogsStep = defineStep({
  name: 'dismissSystemDialogs',
  args: z.preprocess(
    (value) => (value === null || value === true ? {} : value),
    z.strictObject({ waitMs: z.int().min(0).max(600_000).default(0), max: z.int().min(1).max(20).default(5) }),
  ),
  bare: true,
  run: async (context, args) => {
    const deadline = performance.now() + args.waitMs;
    let answered = 0;
    while (answered < args.max) {
      context.signal.throwIfAborted();
      if ((await dismissSystemDialog(context)) !== undefined) {
        answered += 1;
        continue;
      }
      if (answered > 0 || performance.now() >= deadline) return;
      await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
    }
  },
});
