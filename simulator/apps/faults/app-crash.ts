/**
 * An app's uncaught exception, as Android 13 handles it (frameworks/base):
 * - RuntimeInit's handler logs `FATAL EXCEPTION: main` / `Process: <pkg>, PID: <n>` and the stack
 *   to the crash buffer; ActivityManagerService.handleApplicationCrashInner writes `am_crash`
 *   (EventLogTags: user, pid, process, flags, exception, message, file, line, recoverable);
 * - AppErrors.crashApplicationInner finishes the app's activities and kills the process;
 *   handleAppCrashLocked marks a crash within MIN_CRASH_INTERVAL of the last one as repeating, or
 *   as "crashed too many times" (killed, no dialog) when the user did not start it in between;
 * - handleShowAppErrorUi shows the dialog only for a repeating crash, or for the first one when
 *   Settings.Global `show_first_crash_dialog` or Settings.Secure `show_first_crash_dialog_dev_option`
 *   is 1, and not twice within the interval. AppErrorDialog's title is "<app> has stopped"
 *   (aerr_application) or "<app> keeps stopping" (aerr_application_repeated).
 */
import type { AppController } from '../app-controller.ts';
import { recordCrash, recordCrashDialog } from './crash-history.ts';
import { USER_APP_INFO_FLAGS, writeEvent } from './event-log.ts';

export const SHOW_FIRST_CRASH_DIALOG = 'show_first_crash_dialog';
export const SHOW_FIRST_CRASH_DIALOG_DEV_OPTION = 'show_first_crash_dialog_dev_option';

export interface CrashOutcome {
  /** The dialog AppErrors shows, if any. */
  dialog: 'has stopped' | 'keeps stopping' | undefined;
}

/** `exception` is `<class>: <message>`, e.g. `java.lang.IllegalStateException: engine failed`. */
export function crashApp(app: AppController, exception: string): CrashOutcome {
  const device = app.device;
  const packageName = app.packageName;
  const pid = device.processes.byPackage(packageName)?.pid ?? 0;
  const [exceptionClass = exception, ...rest] = exception.split(': ');
  const message = rest.join(': ');
  const frame = { file: 'ScanEngine.java', line: 142 };
  for (const line of ['FATAL EXCEPTION: main', `Process: ${packageName}, PID: ${pid}`, exception, `\tat ${packageName}.engine.ScanEngine.load(${frame.file}:${frame.line})`, '\tat android.os.Handler.handleCallback(Handler.java:942)', '\tat android.os.Looper.loop(Looper.java:288)']) {
    device.log({ buffer: 'crash', pid, tid: pid, priority: 'E', tag: 'AndroidRuntime', message: line });
  }
  writeEvent(device, 'am_crash', [0, pid, packageName, USER_APP_INFO_FLAGS, exceptionClass, message, frame.file, frame.line, 0]);
  const focused = app.ui.focusedWindow();
  if (focused.packageName === packageName) device.logSystem('ActivityTaskManager', `  Force finishing activity ${packageName}/${focused.activity}`, 'W');
  const decision = recordCrash(device, packageName);
  if (decision.crashedTooMuch) {
    device.logSystem('ActivityManager', `Process ${packageName} has crashed too many times: killing!`, 'W');
    writeEvent(device, 'am_process_crashed_too_much', [0, packageName, device.packages.get(packageName)?.uid ?? 0]);
  }
  device.processes.killPackage(packageName);
  device.logSystem('ActivityManager', `Process ${packageName} (pid ${pid}) has died: fg  TOP `);
  writeEvent(device, 'am_proc_died', [0, pid, packageName, 0, 2]);
  app.ui.closePackage(packageName);
  const firstCrashDialog = device.getSetting('global', SHOW_FIRST_CRASH_DIALOG) === '1' || device.getSetting('secure', SHOW_FIRST_CRASH_DIALOG_DEV_OPTION) === '1';
  const show = !decision.crashedTooMuch && !decision.throttled && (decision.repeating || firstCrashDialog);
  if (!show) return { dialog: undefined };
  recordCrashDialog(device, packageName);
  device.logSystem('ActivityManager', `Showing crash dialog for package ${packageName} u0`);
  return { dialog: decision.repeating ? 'keeps stopping' : 'has stopped' };
}
