import { setTimeout as delay } from 'node:timers/promises';
import { selectorSchema } from '../../config/selector-schema.ts';
import { HarnessError } from '../../errors/index.ts';
import { describeSelector } from '../../appium/locate.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { findNow } from '../find-element.ts';

/** Wait until the element is no longer shown. */
export const waitGoneStep = defineStep({
  name: 'waitGone',
  args: selectorSchema,
  run: async (context, selector, where, step) => {
    const timeoutMs = stepTimeoutMs(context, step);
    const deadline = performance.now() + timeoutMs;
    while (await findNow(context.driver, selector)) {
      if (performance.now() >= deadline) {
        throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${describeSelector(selector)} was still shown after ${timeoutMs} ms`, {
          hint: 'the app may be stuck (see the screenshot), or raise timeoutMs for a slow operation',
        });
      }
      await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
    }
  },
});
