import { z } from 'zod';
import { selectorSchema } from '../../config/selector-schema.ts';
import { HarnessError } from '../../errors/index.ts';
import { describeSelector } from '../../appium/locate.ts';
import { checkCondition } from '../condition.ts';
import { defineStep } from '../define-step.ts';

/**
 * Fail the flow when the element is shown (FLOW_ASSERTION_FAILED with the `reason` written beside
 * it): `- assertNotVisible: { textContains: Licence expired }` + `reason: licence expired`. Looks once
 * unless the step sets `timeoutMs` (then it waits that long for the element to go).
 */
export const assertNotVisibleStep = defineStep({
  name: 'assertNotVisible',
  args: selectorSchema,
  siblings: { reason: z.string().min(1) },
  run: async (context, selector, where, step) => {
    const timeoutMs = step.timeoutMs ?? 0;
    if (await checkCondition(context, { notVisible: selector, timeoutMs })) return;
    const because = step.reason ?? `${describeSelector(selector)} is shown`;
    throw new HarnessError('FLOW_ASSERTION_FAILED', `${where}: ${because} (${describeSelector(selector)} is shown)`, {
      hint: 'the product is not in the state the profile requires; see the screenshot of this step',
    });
  },
});
