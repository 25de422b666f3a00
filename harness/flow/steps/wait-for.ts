import { selectorSchema } from '../../config/selector-schema.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { requireElement } from '../find-element.ts';

/** Wait until the element is shown. */
export const waitForStep = defineStep({
  name: 'waitFor',
  args: selectorSchema,
  run: async (context, selector, where, step) => {
    await requireElement(context, selector, stepTimeoutMs(context, step), where);
  },
});
