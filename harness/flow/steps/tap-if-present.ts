import { selectorSchema } from '../../config/selector-schema.ts';
import { withStaleRetry } from '../../appium/stale-retry.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { waitForElement } from '../find-element.ts';

/** tapIfPresent: the element was there, went stale, and is not there any more — nothing to tap. */
class TapTargetGone extends Error {}

/** Tap the element if it appears within the timeout, otherwise go on. */
export const tapIfPresentStep = defineStep({
  name: 'tapIfPresent',
  args: selectorSchema,
  run: async (context, selector, _where, step) => {
    let first = true;
    const find = async (): Promise<string> => {
      // Later attempts (after a stale element) look once more without waiting the step's budget again.
      const id = await waitForElement(context, selector, first ? stepTimeoutMs(context, step) : 0);
      first = false;
      if (!id) throw new TapTargetGone();
      return id;
    };
    await withStaleRetry(find, (id) => context.driver.elementClick(id)).catch((error: unknown) => {
      if (!(error instanceof TapTargetGone)) throw error;
    });
  },
});
