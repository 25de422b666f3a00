import { z } from 'zod';
import { selectorSchema } from '../../config/selector-schema.ts';
import { withStaleRetry } from '../../appium/stale-retry.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { hideSoftKeyboard, requireElement } from '../find-element.ts';

/** Type text into a field: `- type: { into: { id: com.x:id/license }, text: DEMO-1234 }`. */
export const typeStep = defineStep({
  name: 'type',
  args: z.strictObject({ into: selectorSchema, text: z.string() }),
  run: async (context, args, where, step) => {
    const { driver } = context;
    await withStaleRetry(() => requireElement(context, args.into, stepTimeoutMs(context, step), where), async (id) => {
      await driver.elementClear(id);
      await driver.elementSendKeys(id, args.text);
    });
    await hideSoftKeyboard(driver);
  },
});
