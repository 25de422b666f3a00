import { HarnessError } from '../../errors/index.ts';
import { defineStep } from '../define-step.ts';
import { appiumShell, grantSpecialAccess, grantSpecialAccessSchema } from '../special-access/index.ts';
import { stepTimeoutMs } from '../context.ts';

/**
 * Grant a special access as a person does in Android's Settings (`via: settings`, the default) or
 * with the adb fallback the profile names (`via: adb`); checked with adb afterwards. `package`
 * defaults to the app under test (the app in front when the step starts).
 * @example { access: accessibility, via: settings }
 */
export const grantSpecialAccessStep = defineStep({
  name: 'grantSpecialAccess',
  args: grantSpecialAccessSchema,
  run: async (context, args, where, step) => {
    const shell = appiumShell(context.driver);
    const known = (context as { appPackage?: string }).appPackage;
    const packageName = args.package ?? known ?? (await context.driver.getCurrentPackage());
    if (!packageName) {
      throw new HarnessError('FLOW_STEP_FAILED', `${where}: no app in front to grant ${args.access} to`, { hint: 'name it: package: com.vendor.app' });
    }
    await grantSpecialAccess({
      driver: context.driver, shell, signal: context.signal, timeoutMs: Math.min(stepTimeoutMs(context, step), 15_000),
      capture: (name) => context.capture(name),
    }, { ...args, package: packageName }, where);
    // Back to the app under test when BACK out of Settings did not land on it.
    if (args.via === 'settings' && (await context.driver.getCurrentPackage()) !== packageName) {
      await context.driver.execute('mobile: activateApp', { appId: packageName });
    }
  },
});
