/**
 * `am start` / `am start-activity` (ActivityManagerShellCommand.runStartActivity): resolve the intent
 * (an explicit component, a package's launcher activity, the HOME intent, a system app's implicit
 * intent, an app's deep-link filter), start it, and print what the real command prints. The result
 * lines go to stdout with -W and to stderr without it (`PrintWriter out = mWaitOption ? pw : err`).
 */
import { forceStop, startActivity } from '../../device/activity-manager.ts';
import { shellUid } from '../../device/caller-identity.ts';
import { resolveDataIntent } from '../../device/resolve-intent.ts';
import { startSystemIntent } from '../../device/system-intents.ts';
import { intentFilterKey } from '../../ui/window-stack.ts';
import { printShellException, type CommandContext } from '../command.ts';
import { describeIntent, intentFields, shortName, type IntentArgs } from './intent-args.ts';

const FLAG_ACTIVITY_NEW_TASK = 0x10000000;
const FLAG_ACTIVITY_RESET_TASK_IF_NEEDED = 0x00200000;

export async function runStart(context: CommandContext, verb: string, intent: IntentArgs): Promise<number> {
  const wait = intent.options.has('-W');
  const out = (text: string): void => (wait ? context.stdout(text) : context.stderr(text));
  const device = context.device;
  let component = intent.component;
  if (component === undefined && intent.packageName !== undefined && intent.data === undefined) {
    const activity = device.packages.get(intent.packageName)?.launchableActivity;
    if (activity !== undefined) component = { packageName: intent.packageName, className: activity };
  }
  const flags = intent.flags === 0 ? FLAG_ACTIVITY_NEW_TASK : 0;
  context.stdout(`Starting: ${describeIntent(intent, flags)}\n`);
  if (component === undefined && intent.categories.includes('android.intent.category.HOME')) {
    // The HOME intent resolves to the launcher: the same as pressing the home key.
    device.ui.pressKey(3);
    if (wait) context.stdout(`Status: ok\nLaunchState: HOT\nActivity: ${focusedShortName(context)}\nTotalTime: 42\nWaitTime: 45\nComplete\n`);
    return 0;
  }
  if (component === undefined && intent.action !== undefined && intent.packageName === undefined) {
    // An implicit intent a system app answers (Settings' special-access pages, the package installer).
    const system = startSystemIntent(device, { action: intent.action, data: intent.data, extras: intent.extras });
    if (system !== undefined) {
      const name = shortName({ packageName: system.packageName, className: system.activity });
      device.logSystem('ActivityTaskManager', `START u0 {${intentFields(intent, flags)} cmp=${name}} from uid ${shellUid(device)}`);
      if (wait) context.stdout(`Status: ok\nLaunchState: COLD\nActivity: ${name}\nTotalTime: 212\nWaitTime: 218\nComplete\n`);
      return 0;
    }
  }
  if (component === undefined && intent.data !== undefined) {
    // A deep link: an app's <intent-filter> with the action, CATEGORY_DEFAULT and matching <data> (resolve-intent.ts).
    component = resolveDataIntent(device, { action: intent.action, categories: intent.categories, data: intent.data, packageName: intent.packageName });
  }
  if (component === undefined) {
    // START_INTENT_NOT_RESOLVED: runStartActivity prints it and still returns 0.
    out(`Error: Activity not started, unable to resolve ${describeIntent(intent, flags)}\n`);
    return 0;
  }
  if (intent.options.has('-S')) await forceStop(device, component.packageName, `start activity`);
  const started = Date.now();
  const callingUid = shellUid(device);
  const launch = {
    key: intentFilterKey({ action: intent.action, categories: intent.categories, data: intent.data, packageName: intent.packageName, component: `${component.packageName}/${component.className}` }),
    resetTaskIfNeeded: (intent.flags & FLAG_ACTIVITY_RESET_TASK_IF_NEEDED) !== 0,
  };
  const result = startActivity(device, component.packageName, component.className, intentFields(intent, flags), callingUid, launch);
  if (!result.ok && result.error === 'not-exported') {
    // ActivityTaskSupervisor.checkStartAnyActivityPermission: an activity another app did not
    // export is refused to the shell uid (root and system pass); the caller has no app thread ("from null").
    return printShellException(context, verb,
      `java.lang.SecurityException: Permission Denial: starting ${describeIntent(intent, flags)} from null (pid=${context.shellPid}, uid=${callingUid}) not exported from uid ${result.ownerUid}`,
      'com.android.server.wm.ActivityTaskSupervisor.checkStartAnyActivityPermission(ActivityTaskSupervisor.java:1161)');
  }
  if (!result.ok) {
    // A disabled activity is reported like a missing one: the intent resolves to nothing.
    out(`Error type 3\nError: Activity class {${component.packageName}/${component.className}} does not exist.\n`);
    return 1;
  }
  const name = shortName({ packageName: result.packageName, className: result.activity });
  if (result.alreadyFocused) out('Warning: Activity not started, intent has been delivered to currently running top-most instance.\n');
  else if (result.taskToFront === true) out('Warning: Activity not started, its current task has been brought to the front\n');
  if (wait) {
    const total = Math.max(1, Date.now() - started) + 180;
    context.stdout(result.alreadyFocused || result.taskToFront === true
      ? `Status: ok\nLaunchState: ${result.taskToFront === true ? 'HOT' : 'UNKNOWN (0)'}\nActivity: ${name}\nWaitTime: ${total - 170}\nComplete\n`
      : `Status: ok\nLaunchState: COLD\nActivity: ${name}\nTotalTime: ${total}\nWaitTime: ${total + 6}\nComplete\n`);
  }
  return 0;
}

function focusedShortName(context: CommandContext): string {
  const focused = context.device.ui.focusedWindow();
  return shortName({ packageName: focused.packageName, className: focused.activity });
}
