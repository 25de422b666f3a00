import { z } from 'zod';
import { selectorSchema } from '../../config/selector-schema.ts';
import { withStaleRetry } from '../../appium/stale-retry.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { requireElement } from '../find-element.ts';

/** Read an element's text into a named value recorded with the case (e.g. a database version). */
export const readTextStep = defineStep({
  name: 'readText',
  args: z.strictObject({
    from: selectorSchema,
    as: z.string().regex(/^[a-zA-Z][\w]*$/, 'use a simple name like databaseVersion'),
  }),
  run: async (context, args, where, step) => {
    const text = await withStaleRetry(() => requireElement(context, args.from, stepTimeoutMs(context, step), where), (id) => context.driver.getElementText(id));
    context.values.set(args.as, text);
  },
});
