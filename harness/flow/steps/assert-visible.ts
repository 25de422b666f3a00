import { z } from 'zod';
import { selectorSchema } from '../../config/selector-schema.ts';
import { HarnessError } from '../../errors/index.ts';
import { describeScreen } from '../../appium/find-element.ts';
import { describeSelector } from '../../appium/locate.ts';
import { defineStep } from '../define-step.ts';
import { waitForElement } from '../find-element.ts';

/**
 * Fail the flow unless the element is shown (FLOW_ASSERTION_FAILED with the `reason` written beside
 * it): `- assertVisible: { text: Protection is on }` + `reason: real-time protection is off`. Looks
 * once unless the step sets `timeoutMs`.
 */
export const assertVisibleStep = defineStep({
  name: 'assertVisible',
  args: selectorSchema,
  siblings: { reason: z.string().min(1) },
  run: async (context, selector, where, step) => {
    const timeoutMs = step.timeoutMs ?? 0;
    if (await waitForElement(context, selector, timeoutMs)) return;
    const because = step.reason ?? `${describeSelector(selector)} is not shown`;
    throw new HarnessError('FLOW_ASSERTION_FAILED', `${where}: ${because} (${describeSelector(selector)} was not shown${timeoutMs > 0 ? ` within ${timeoutMs} ms` : ''}); ${await describeScreen(context.driver)}`, {
      hint: 'the product is not in the state the profile requires; see the screenshot of this step',
    });
  },
});
