import { z } from 'zod';
import { quoteShellArg } from '../../android/run-adb.ts';
import { defineStep } from '../define-step.ts';

const argvElementSchema = z.string({
  error: (issue) =>
    issue.code === 'invalid_type' ? 'each shell argument must be a plain string; quote numbers and flags (e.g. "0")' : undefined,
});

/**
 * Run a command on the device: an argv array, never a shell line. The interpreter quotes each
 * argument for the device shell. @example [pm, grant, com.x, android.permission.READ_SMS]
 */
export const shellStep = defineStep({
  name: 'shell',
  args: z.array(argvElementSchema).min(1),
  run: async (context, argv) => {
    const [command = '', ...args] = argv;
    await context.driver.execute('mobile: shell', { command: quoteShellArg(command), args: args.map(quoteShellArg) });
  },
});
