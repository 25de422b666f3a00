import { z } from 'zod';
import { packageNameSchema } from '../../config/common-schemas.ts';
import { defineStep } from '../define-step.ts';

/**
 * Open a deep link: `- openLink: sentinel://scan` or `- openLink: { url: ..., package: com.x.app }`,
 * through `mobile: deepLink` (appium-uiautomator2-driver commands/navigation.js mobileDeepLink: an
 * ACTION_VIEW intent with the URL, waiting for the app to start).
 */
export const openLinkStep = defineStep({
  name: 'openLink',
  args: z.union([z.string().regex(/^[a-zA-Z][\w+.-]*:/, 'expected a URL with a scheme, e.g. myapp://scan'), z.strictObject({ url: z.string().regex(/^[a-zA-Z][\w+.-]*:/), package: packageNameSchema.optional() })], {
    error: () => 'expected a URL (myapp://scan) or { url: myapp://scan, package: com.x.app }',
  }),
  run: async (context, args) => {
    const link = typeof args === 'string' ? { url: args } : args;
    await context.driver.execute('mobile: deepLink', link.package === undefined ? { url: link.url } : { url: link.url, package: link.package });
  },
});
