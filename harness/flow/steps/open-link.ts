import { z } from 'zod';
import { packageNameSchema } from '../../config/common-schemas.ts';
import { HarnessError } from '../../errors/index.ts';
import { defineStep } from '../define-step.ts';

/** What `am start` prints when no activity takes the intent (ActivityManagerShellCommand, START_INTENT_NOT_RESOLVED). */
const UNRESOLVED = /Error: Activity not started, unable to resolve Intent \{[^}]*\}/;

/**
 * Open a deep link: `- openLink: sentinel://scan` or `- openLink: { url: ..., package: com.x.app }`,
 * through `mobile: deepLink` (appium-uiautomator2-driver commands/navigation.js mobileDeepLink →
 * appium-adb startUri: `am start -W -a android.intent.action.VIEW -d <url> [package]`, failing when
 * the output says "unable to resolve Intent"). A link no app takes fails the step as FLOW_STEP_FAILED
 * naming the link (the product's link or the profile is wrong), never as a broken session.
 */
export const openLinkStep = defineStep({
  name: 'openLink',
  args: z.union([z.string().regex(/^[a-zA-Z][\w+.-]*:/, 'expected a URL with a scheme, e.g. myapp://scan'), z.strictObject({ url: z.string().regex(/^[a-zA-Z][\w+.-]*:/), package: packageNameSchema.optional() })], {
    error: () => 'expected a URL (myapp://scan) or { url: myapp://scan, package: com.x.app }',
  }),
  run: async (context, args, where) => {
    const link = typeof args === 'string' ? { url: args } : args;
    try {
      await context.driver.execute('mobile: deepLink', link.package === undefined ? { url: link.url } : { url: link.url, package: link.package });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const unresolved = UNRESOLVED.exec(message);
      if (unresolved === null) throw error;
      const scope = link.package === undefined ? 'no app on the device' : `no activity of ${link.package}`;
      throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${scope} opens the link ${link.url}: the device answered "${unresolved[0]}"`, {
        cause: error,
        hint: 'check the link in the profile against the product\'s manifest (`stalkerbench new-product <apk>` lists its activities); the product may have dropped the link',
      });
    }
  },
});
