/**
 * `am instrument [-w] [-r] [-e k v]… [--no-window-animation] test.pkg/Runner`. The UiAutomator2
 * server's instrumentation starts the HTTP server (simulator/uiautomator2) inside the target's
 * process and, with `-w`, stays open until the server stops or the host closes the stream.
 * Without the packages Android answers with INSTRUMENTATION_FAILED, as here.
 */
import { ensureProcess, forceStop } from '../../device/activity-manager.ts';
import type { RunningInstrumentation } from '../../device/android-model.ts';
import { ACCESSIBILITY_SETTING, syncBoundServices } from '../../device/bound-services.ts';
import { startUiAutomator2Server } from '../../uiautomator2/index.ts';
import type { CommandContext } from '../command.ts';
import { waitForAbort } from '../command.ts';
import { parseComponent } from './intent-args.ts';

export const UIA2_SERVER_PACKAGE = 'io.appium.uiautomator2.server';
export const UIA2_TEST_PACKAGE = 'io.appium.uiautomator2.server.test';
export const UIA2_RUNNER = 'androidx.test.runner.AndroidJUnitRunner';
const UIA2_TEST_CLASS = 'io.appium.uiautomator2.server.test.AppiumUiAutomator2Server';

interface InstrumentArgs {
  wait: boolean;
  raw: boolean;
  extras: Record<string, string>;
  noWindowAnimation: boolean;
  component: string | undefined;
}

function parseArgs(args: readonly string[]): InstrumentArgs {
  const parsed: InstrumentArgs = { wait: false, raw: false, extras: {}, noWindowAnimation: false, component: undefined };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-w') parsed.wait = true;
    else if (arg === '-r') parsed.raw = true;
    else if (arg === '-e') { parsed.extras[args[index + 1] ?? ''] = args[index + 2] ?? ''; index += 2; }
    else if (arg === '--no-window-animation' || arg === '--no_window_animation') parsed.noWindowAnimation = true;
    else if (['--user', '-p', '--abi'].includes(arg)) index++;
    else if (!arg.startsWith('-')) parsed.component = arg;
  }
  return parsed;
}

export async function runAmInstrument(context: CommandContext, args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  const component = parsed.component === undefined ? undefined : parseComponent(parsed.component);
  if (component === undefined) {
    context.stderr('Error: Bad component name: ' + (parsed.component ?? '') + '\n');
    return 1;
  }
  const device = context.device;
  const testRecord = device.packages.get(component.packageName);
  const instrumentation = testRecord?.instrumentations.find((entry) => entry.name === component.className);
  const target = instrumentation === undefined ? undefined : device.packages.get(instrumentation.targetPackage);
  if (instrumentation === undefined || target === undefined) {
    return printNotFound(context, `${component.packageName}/${component.className}`);
  }
  const isUia2 = component.packageName === UIA2_TEST_PACKAGE && component.className === UIA2_RUNNER
    && instrumentation.targetPackage === UIA2_SERVER_PACKAGE;
  if (!isUia2) {
    context.stdout(parsed.raw ? 'INSTRUMENTATION_RESULT: stream=\n\nTime: 0.012\n\nOK (0 tests)\n\nINSTRUMENTATION_CODE: -1\n' : '\nTime: 0.012\n\nOK (0 tests)\n\n');
    return 0;
  }
  // A new instrumentation replaces the running one (ActivityManager kills the old process first).
  for (const running of [...device.instrumentations.values()]) {
    if (running.targetPackage === UIA2_SERVER_PACKAGE) await running.stop();
  }
  await forceStop(device, UIA2_SERVER_PACKAGE, 'start instr');
  ensureProcess(device, UIA2_SERVER_PACKAGE, `added application ${UIA2_SERVER_PACKAGE}`);
  const options = { disableSuppressAccessibilityServices: parsed.extras['DISABLE_SUPPRESS_ACCESSIBILITY_SERVICES'] === 'true' };
  const server = startUiAutomator2Server(device, options);
  const startedAt = device.now();
  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    device.instrumentations.delete(UIA2_TEST_PACKAGE);
    await server.stop();
    if (running.suppressesAccessibilityServices) {
      device.logSystem('AccessibilityManagerService', 'UiAutomation disconnected: binding accessibility services again');
      syncBoundServices(device, ACCESSIBILITY_SETTING);
    }
    device.events.emit('instrumentationStopped', { testPackage: UIA2_TEST_PACKAGE });
    device.processes.killPackage(UIA2_SERVER_PACKAGE);
    device.logSystem('ActivityManager', `Force stopping ${UIA2_SERVER_PACKAGE} appid=${target.uid} user=0: finished inst`);
  };
  const running: RunningInstrumentation = {
    testPackage: UIA2_TEST_PACKAGE, targetPackage: UIA2_SERVER_PACKAGE, runner: UIA2_RUNNER,
    suppressesAccessibilityServices: !options.disableSuppressAccessibilityServices, stopped: server.stopped, stop: finish,
  };
  device.instrumentations.set(UIA2_TEST_PACKAGE, running);
  // UiAutomation connects now: without the flag, Android unbinds the other accessibility services
  // while it runs, and the secure setting keeps listing them.
  if (running.suppressesAccessibilityServices) {
    device.logSystem('AccessibilityManagerService', 'UiAutomation connected: suppressing other accessibility services');
    syncBoundServices(device, ACCESSIBILITY_SETTING);
  }
  device.events.emit('instrumentationStarted', { testPackage: UIA2_TEST_PACKAGE, options });
  void server.stopped.then(finish, finish);
  context.stdout(parsed.raw
    ? `INSTRUMENTATION_STATUS: class=${UIA2_TEST_CLASS}\nINSTRUMENTATION_STATUS: current=1\nINSTRUMENTATION_STATUS: id=AndroidJUnitRunner\nINSTRUMENTATION_STATUS: numtests=1\nINSTRUMENTATION_STATUS: stream=\n${UIA2_TEST_CLASS}:\nINSTRUMENTATION_STATUS: test=startServer\nINSTRUMENTATION_STATUS_CODE: 1\n`
    : `\n${UIA2_TEST_CLASS}:\n`);
  if (!parsed.wait) return 0;
  await Promise.race([server.stopped.catch(() => undefined), waitForAbort(context.signal)]);
  await finish();
  const seconds = ((device.now() - startedAt) / 1000).toFixed(3);
  context.stdout(parsed.raw
    ? `INSTRUMENTATION_STATUS_CODE: 0\nINSTRUMENTATION_RESULT: stream=\n\nTime: ${seconds}\n\nOK (1 test)\n\nINSTRUMENTATION_CODE: -1\n`
    : `.\nTime: ${seconds}\n\nOK (1 test)\n\n`);
  return 0;
}

function printNotFound(context: CommandContext, name: string): number {
  context.stdout(
    'INSTRUMENTATION_STATUS: id=ActivityManagerService\n'
    + `INSTRUMENTATION_STATUS: Error=Unable to find instrumentation info for: ComponentInfo{${name}}\n`
    + 'INSTRUMENTATION_STATUS_CODE: -1\n',
  );
  context.stderr(
    `android.util.AndroidException: INSTRUMENTATION_FAILED: ${name}\n`
    + '\tat com.android.commands.am.Instrument.run(Instrument.java:519)\n'
    + '\tat com.android.server.am.ActivityManagerShellCommand.runInstrument(ActivityManagerShellCommand.java:1391)\n'
    + '\tat com.android.server.am.ActivityManagerShellCommand.onCommand(ActivityManagerShellCommand.java:215)\n'
    + '\tat com.android.modules.utils.BasicShellCommandHandler.exec(BasicShellCommandHandler.java:97)\n'
    + '\tat android.os.ShellCommand.exec(ShellCommand.java:38)\n',
  );
  return 1;
}
