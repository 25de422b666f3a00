import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { selectorSchema, type Selector } from '../../config/selector-schema.ts';
import { HarnessError } from '../../errors/index.ts';
import { acceptPermissionDialogs } from '../../appium/permission-dialogs.ts';
import { describeScreen } from '../../appium/find-element.ts';
import { describeSelector } from '../../appium/locate.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { findNow } from '../find-element.ts';
import { stepListSchema } from '../step-list-schema.ts';

const SCREEN_NAME = /^[a-zA-Z][\w-]*$/;

const screensSchema = z
  .record(z.string().regex(SCREEN_NAME, 'screen names are simple words like signIn or home'), selectorSchema)
  .refine((screens) => Object.keys(screens).length >= 2, { message: 'name at least two screens, e.g. { signIn: { text: Sign in }, home: { id: com.x:id/tabs } }' });

/**
 * Wait for whichever of several screens shows first, then run that screen's steps:
 * `- waitForFirst: { signIn: { text: Sign in }, home: { id: com.x:id/tabs } }` with
 * `cases: { signIn: [...], home: [...] }` beside it. One polling loop looks once for each screen per
 * round (in the order written, one findElements each, no waiting per screen); none within the step's
 * timeout fails the step. A screen without a case just ends the wait.
 */
export const waitForFirstStep = defineStep({
  name: 'waitForFirst',
  args: screensSchema,
  siblings: { cases: z.record(z.string(), stepListSchema) },
  run: async (context, screens, where, step) => {
    const cases = step.cases ?? {};
    for (const name of Object.keys(cases)) {
      if (!(name in screens)) throw new HarnessError('FLOW_STEP_FAILED', `${where}: cases.${name} names no screen of this waitForFirst (${Object.keys(screens).join(', ')})`);
    }
    const timeoutMs = stepTimeoutMs(context, step);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      context.signal.throwIfAborted();
      for (const [name, selector] of Object.entries(screens) as Array<[string, Selector]>) {
        if (await findNow(context.driver, selector)) {
          const steps = cases[name];
          if (steps) await context.runSteps(steps, name);
          return;
        }
      }
      if (context.autoAcceptPermissionDialogs && (await acceptPermissionDialogs(context.driver, 1)) > 0) continue;
      if (performance.now() >= deadline) {
        const looked = Object.entries(screens).map(([name, selector]) => `${name} ${describeSelector(selector)}`).join(', ');
        throw new HarnessError('FLOW_STEP_FAILED', `${where}: none of ${looked} was shown within ${timeoutMs} ms; ${await describeScreen(context.driver)}`, {
          hint: 'compare the screenshot and UI dump with the screens this step waits for; raise timeoutMs if the app is just slow',
        });
      }
      await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
    }
  },
});
