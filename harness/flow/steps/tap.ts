import { selectorSchema } from '../../config/selector-schema.ts';
import { withStaleRetry } from '../../appium/stale-retry.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { requireElement } from '../find-element.ts';

/** Tap the element; fails when it does not appear within the timeout. */
export const tapStep = defineStep({
  name: 'tap',
  args: selectorSchema,
  // Between finding an element and acting on it the view may be re-rendered or recycled: the
  // action then finds it again (stale-retry.ts) instead of failing the step.
  run: async (context, selector, where, step) => {
    await withStaleRetry(() => requireElement(context, selector, stepTimeoutMs(context, step), where), (id) => context.driver.elementClick(id));
  },
});
