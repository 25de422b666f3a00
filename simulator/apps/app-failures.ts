/**
 * How a virtual app fails, as Android shows it: a hung UI thread gets the ANR dialog after the input
 * dispatch timeout (Close app force-stops it, Wait gives it another 5 s); a crash logs the uncaught
 * exception, kills the process and closes its screens.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forceStop } from '../device/activity-manager.ts';
import type { AppController } from './app-controller.ts';

/** InputDispatcher's timeout before an app that does not react gets the ANR dialog. Not an app delay: fast mode leaves it. */
const ANR_TIMEOUT_MS = 5_000;

export function watchForAnr(app: AppController, signal: AbortSignal): void {
  app.log('W', 'Looper', 'Slow dispatch took 5012ms main h=android.os.Handler');
  void (async () => {
    for (;;) {
      await sleep(ANR_TIMEOUT_MS, undefined, { signal, ref: false });
      app.device.logSystem('ActivityManager', `ANR in ${app.packageName} (${app.packageName}/${app.ui.focusedWindow().activity})`, 'E');
      const answer = await app.broker.showAnr(app.label, signal);
      if (answer === 'close') {
        await forceStop(app.device, app.packageName, 'ANR');
        return;
      }
    }
  })().catch(() => undefined);
}

export function crashProcess(app: AppController, exception: string): void {
  const device = app.device;
  const pid = device.processes.byPackage(app.packageName)?.pid ?? 0;
  for (const message of ['FATAL EXCEPTION: main', `Process: ${app.packageName}, PID: ${pid}`, exception, `\tat ${app.packageName}.engine.ScanEngine.load(ScanEngine.java:142)`]) {
    device.log({ pid, tid: pid, priority: 'E', tag: 'AndroidRuntime', message });
  }
  device.processes.killPackage(app.packageName);
  device.logSystem('ActivityManager', `Process ${app.packageName} (pid ${pid}) has died: fg  TOP `);
  app.ui.closePackage(app.packageName);
  device.logSystem('ActivityTaskManager', `Showing crash dialog for package ${app.packageName} u0`);
}
