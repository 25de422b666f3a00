import { z } from 'zod';
import { acceptPermissionDialogs } from '../../appium/permission-dialogs.ts';
import { defineStep } from '../define-step.ts';

/**
 * Accept Android runtime-permission dialogs (Allow / While using the app) until none is shown,
 * at most `max` times. `- acceptPermissionDialogs` accepts up to 10.
 */
export const acceptPermissionDialogsStep = defineStep({
  name: 'acceptPermissionDialogs',
  args: z.preprocess(
    (value) => (value === null || value === true ? {} : value),
    z.strictObject({ max: z.int().min(1).max(50).default(10) }),
  ),
  bare: true,
  run: async (context, args) => {
    await acceptPermissionDialogs(context.driver, args.max);
  },
});
