import { selectorSchema } from '../../config/selector-schema.ts';
import { HarnessError } from '../../errors/index.ts';
import { swipeUp } from '../../appium/gestures.ts';
import { describeScreen } from '../../appium/find-element.ts';
import { describeSelector } from '../../appium/locate.ts';
import { defineStep } from '../define-step.ts';
import { findNow } from '../find-element.ts';

const SCROLL_ATTEMPTS = 12;

/** Scroll the visible scrollable container until the element is shown. */
export const scrollToStep = defineStep({
  name: 'scrollTo',
  args: selectorSchema,
  run: async (context, selector, where) => {
    for (let attempt = 0; attempt <= SCROLL_ATTEMPTS; attempt += 1) {
      if (await findNow(context.driver, selector)) return;
      if (attempt < SCROLL_ATTEMPTS) await swipeUp(context.driver);
    }
    throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${describeSelector(selector)} not found after scrolling ${SCROLL_ATTEMPTS} times; ${await describeScreen(context.driver)}`, {
      hint: 'check the UI dump: the list may be shorter than expected or the text may differ',
    });
  },
});
