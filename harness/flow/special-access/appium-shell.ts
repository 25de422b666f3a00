import type { Browser } from 'webdriverio';
import { quoteShellArg } from '../../android/run-adb.ts';
import type { Shell } from './device-state.ts';

/**
 * A device shell through the Appium session (`mobile: shell`, as the `shell` step uses): each argv
 * element quoted for the device shell, never a line built from data. Appium answers a non-zero exit
 * with an error, which becomes `ok: false` with its message as output.
 */
export function appiumShell(driver: Browser): Shell {
  return async (argv) => {
    const [command = '', ...args] = argv;
    try {
      const output = await driver.execute('mobile: shell', { command: quoteShellArg(command), args: args.map(quoteShellArg), includeStderr: true });
      const result = output as unknown;
      if (typeof result === 'string') return { output: result, ok: true };
      const record = (result ?? {}) as { stdout?: string; stderr?: string };
      return { output: `${record.stdout ?? ''}${record.stderr ?? ''}`, ok: true };
    } catch (error) {
      return { output: error instanceof Error ? error.message : String(error), ok: false };
    }
  };
}
