import { z } from 'zod';
import { packageNameSchema } from '../../config/common-schemas.ts';
import { defineStep } from '../define-step.ts';

const launchSchema = z.union(
  [
    packageNameSchema,
    z.strictObject({
      package: packageNameSchema,
      /** An activity of the package: `.MainActivity` or a full class name. Without it the app's launcher activity starts. */
      activity: z.string().regex(/^\.?[A-Za-z_][\w.$]*$/, 'expected an activity like .MainActivity or com.x.MainActivity').optional(),
    }),
  ],
  { error: () => 'expected a package (com.x.app) or { package: com.x.app, activity: .MainActivity }' },
);

/**
 * Bring an app to the front: `- launchApp: com.x.app` through `mobile: activateApp` (its launcher
 * activity, or the task it has), or `- launchApp: { package: com.x.app, activity: .Settings }` through
 * `mobile: startActivity` (`am start-activity -W -n com.x.app/.Settings`), as appium-android-driver
 * documents them (commands/app-management.js activateApp, commands/intent.js mobileStartActivity).
 */
export const launchAppStep = defineStep({
  name: 'launchApp',
  args: launchSchema,
  run: async (context, args) => {
    const target = typeof args === 'string' ? { package: args } : args;
    if (target.activity === undefined) {
      await context.driver.execute('mobile: activateApp', { appId: target.package });
      return;
    }
    // `component` (am's -n) rather than a bare `intent` argument: both name the activity on Android
    // (Intent.parseCommandArgs), -n says so explicitly.
    await context.driver.execute('mobile: startActivity', { component: `${target.package}/${target.activity}`, wait: true });
  },
});
