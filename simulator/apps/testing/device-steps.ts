/**
 * Test support for ui-flow-driver.ts: the flow steps that act on the device rather than on one element
 * (keys, app starts, deep links, shell commands), run in-process with the same commands Appium sends
 * through adb, so the virtual device answers them as it answers the real stack:
 * - pressKey → the key code (`mobile: pressKey` → UiAutomator2 pressKeyCode);
 * - launchApp → appium-adb activateApp's `am start-activity -a MAIN -c LAUNCHER -f 0x10200000 -n pkg/act`,
 *   or `am start-activity -W -n pkg/act` for an activity (mobile: startActivity);
 * - openLink → appium-adb startUri's `am start -W -a android.intent.action.VIEW -d <url> [pkg]`, failing
 *   on "unable to resolve Intent" as startUri does;
 * - shell → the argv, quoted for the device shell as the shell step quotes it.
 */
import { quoteShellArg } from '../../../harness/android/run-adb.ts';
import type { FlowStep } from '../../../harness/config/index.ts';
import { KEYCODES } from '../../../harness/flow/steps/press-key.ts';
import type { VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import { runLine } from '../../shell/testing/run-shell.ts';

/** Runs one device step; false when the step is not one of them. */
export async function runDeviceStep(device: VirtualAndroidDevice, step: FlowStep): Promise<boolean> {
  switch (step.action) {
    case 'pressKey':
      device.ui.pressKey(KEYCODES[step.args]);
      return true;
    case 'launchApp': {
      const target = typeof step.args === 'string' ? { package: step.args, activity: undefined } : step.args;
      const activity = target.activity ?? device.packages.get(target.package)?.launchableActivity;
      if (activity === undefined) throw new Error(`launchApp: ${target.package} is not installed or has no launcher activity`);
      const line = target.activity === undefined
        ? `am start-activity -a android.intent.action.MAIN -c android.intent.category.LAUNCHER -f 0x10200000 -n ${quoteShellArg(`${target.package}/${activity}`)}`
        : `am start-activity -W -n ${quoteShellArg(`${target.package}/${activity}`)}`;
      const result = await runLine(device, line);
      if (/^Error/m.test(result.stdout + result.stderr)) throw new Error(`launchApp: ${line}: ${result.stdout}${result.stderr}`);
      return true;
    }
    case 'openLink': {
      const link = typeof step.args === 'string' ? { url: step.args, package: undefined } : step.args;
      const line = `am start -W -a android.intent.action.VIEW -d ${quoteShellArg(link.url)}${link.package === undefined ? '' : ` ${quoteShellArg(link.package)}`}`;
      const result = await runLine(device, line);
      if (/unable to resolve intent/i.test(result.stdout)) throw new Error(`openLink: no app opens ${link.url}: ${result.stdout.trim()}`);
      return true;
    }
    case 'shell': {
      const result = await runLine(device, step.args.map(quoteShellArg).join(' '));
      if (result.status !== 0) throw new Error(`shell ${step.args.join(' ')} exited ${result.status}: ${result.stderr}`);
      return true;
    }
    default:
      return false;
  }
}
