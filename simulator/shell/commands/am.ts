/** `am <verb>` / `cmd activity <verb>`: ActivityManagerShellCommand. */
import { forceStop, killBackground, startService } from '../../device/activity-manager.ts';
import { shellUid } from '../../device/caller-identity.ts';
import type { CommandContext } from '../command.ts';
import { runStart } from './am-start.ts';
import { runAmInstrument } from './am-instrument.ts';
import { describeIntent, parseIntentArgs, shortName, type IntentArgs } from './intent-args.ts';

const AM_USAGE = `Activity manager (activity) commands:
  help
      Print this help text.
  start-activity [-D] [-N] [-W] [-P <FILE>] [--start-profiler <FILE>] [-S] [--user <USER_ID> | current] <INTENT>
      Start an Activity.
  start-service [--user <USER_ID> | current] <INTENT>
      Start a Service.
  start-foreground-service [--user <USER_ID> | current] <INTENT>
      Start a foreground Service.
  stop-service [--user <USER_ID> | current] <INTENT>
      Stop a Service.
  broadcast [--user <USER_ID> | all | current] <INTENT>
      Send a broadcast Intent.
  instrument [-r] [-e <NAME> <VALUE>] [-p <FILE>] [-w] [--no-window-animation] <COMPONENT>
      Start an Instrumentation.
  force-stop [--user <USER_ID> | all | current] <PACKAGE>
      Completely stop the given application package.
  kill [--user <USER_ID> | all | current] <PACKAGE>
      Kill all background processes associated with the given application.
`;

export async function runAm(context: CommandContext, argv: readonly string[] = context.args): Promise<number> {
  const [verb, ...args] = argv;
  switch (verb) {
    case undefined: case 'help':
      context.stdout(AM_USAGE);
      return verb === undefined ? 1 : 0;
    case 'start': case 'start-activity': return runStart(context, verb, parseIntentArgs(args));
    case 'startservice': case 'start-service': return runStartService(context, parseIntentArgs(args), false);
    case 'startforegroundservice': case 'start-foreground-service': return runStartService(context, parseIntentArgs(args), true);
    case 'stopservice': case 'stop-service': return runStopService(context, parseIntentArgs(args));
    case 'force-stop': {
      const packageName = args.filter((arg, index) => !arg.startsWith('-') && args[index - 1] !== '--user').pop() ?? '';
      await forceStop(context.device, packageName, `from pid ${context.shellPid}`);
      return 0;
    }
    case 'kill': {
      const packageName = args.filter((arg, index) => !arg.startsWith('-') && args[index - 1] !== '--user').pop() ?? '';
      killBackground(context.device, packageName);
      return 0;
    }
    case 'kill-all': return 0;
    case 'broadcast': return runBroadcast(context, parseIntentArgs(args));
    case 'instrument': return runAmInstrument(context, args);
    case 'get-current-user': context.stdout('0\n'); return 0;
    case 'stack': case 'task':
      context.stdout(`RootTask id=1 bounds=[0,0][${context.device.profile.screenWidth},${context.device.profile.screenHeight}] displayId=0 userId=0\n  taskId=1: ${focusedShortName(context)} visible=true\n`);
      return 0;
    default:
      context.stderr(`Error: Unknown command: ${verb}\n`);
      return 255;
  }
}

function focusedShortName(context: CommandContext): string {
  const focused = context.device.ui.focusedWindow();
  return shortName({ packageName: focused.packageName, className: focused.activity });
}

function runStartService(context: CommandContext, intent: IntentArgs, foreground: boolean): number {
  const component = intent.component;
  context.stdout(`Starting service: ${describeIntent(intent)}\n`);
  if (component === undefined) {
    context.stderr('Error: Not found; no service started.\n');
    return 255;
  }
  const result = startService(context.device, component.packageName, component.className, foreground, shellUid(context.device));
  if (!result.ok) {
    // ActiveServices.retrieveServiceLocked answers ComponentName("!", "not exported from uid <owner>")
    // for a service the caller may not reach, and null for a disabled or missing one; the shell
    // command prints "Requires permission …" / "Not found …" and returns -1 (ActivityManagerShellCommand.runStartService).
    context.stderr(result.error === 'not-exported' ? `Error: Requires permission not exported from uid ${result.ownerUid}\n` : 'Error: Not found; no service started.\n');
    return 255;
  }
  return 0;
}

function runStopService(context: CommandContext, intent: IntentArgs): number {
  const component = intent.component;
  context.stdout(`Stopping service: ${describeIntent(intent)}\n`);
  if (component === undefined || !context.device.processes.stopService(component.packageName, component.className)) {
    context.stdout('Service not stopped: Unable to find service.\n');
    return 0;
  }
  context.stdout('Service stopped\n');
  return 0;
}

function runBroadcast(context: CommandContext, intent: IntentArgs): number {
  context.stdout(`Broadcasting: ${describeIntent(intent, 0x400000)}\n`);
  const target = intent.component?.packageName ?? intent.packageName ?? intent.action?.replace(/\.[^.]+$/, '');
  // io.appium.settings' receivers answer every command with RESULT_OK (-1); other apps' broadcasts
  // complete with the default result 0, as an ordered broadcast nobody changes.
  const appium = target !== undefined && target.startsWith('io.appium.settings') && context.device.packages.get('io.appium.settings') !== undefined;
  context.stdout(`Broadcast completed: result=${appium ? -1 : 0}\n`);
  return 0;
}
