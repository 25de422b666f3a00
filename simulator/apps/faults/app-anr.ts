/**
 * An app whose main thread is blocked, as Android 13 reports it: nothing happens until input is
 * dispatched to its window; InputDispatcher then waits its 5 s timeout, and
 * AnrHelper → ProcessErrorStateRecord.appNotResponding logs "ANR in <pkg> (<activity>)" with PID and
 * Reason (ActivityManager, system buffer) and `am_anr` (events: user, pid, process, flags, reason),
 * and AppErrors.handleShowAnrUi shows "<app> isn't responding" (Close app force-stops it, Wait
 * gives it another timeout). The timeout is Android's, not an app delay: fast mode leaves it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forceStop } from '../../device/activity-manager.ts';
import type { AppController } from '../app-controller.ts';
import { USER_APP_INFO_FLAGS, writeEvent } from './event-log.ts';

/** InputDispatcher's default dispatching timeout (DEFAULT_INPUT_DISPATCHING_TIMEOUT). */
export const INPUT_DISPATCHING_TIMEOUT_MS = 5_000;

/** Starts the ANR countdown for input the hung app did not take; runs until the app is stopped or closed. */
export function watchForAnr(app: AppController, signal: AbortSignal): void {
  void (async () => {
    for (;;) {
      await sleep(INPUT_DISPATCHING_TIMEOUT_MS, undefined, { signal, ref: false });
      reportAnr(app);
      const answer = await app.broker.showAnr(app.label, signal);
      if (answer === 'close') {
        await forceStop(app.device, app.packageName, 'ANR');
        return;
      }
    }
  })().catch(() => undefined);
}

function reportAnr(app: AppController): void {
  const device = app.device;
  const pid = device.processes.byPackage(app.packageName)?.pid ?? 0;
  const activity = app.ui.focusedWindow().packageName === app.packageName ? app.ui.focusedWindow().activity : '';
  const window = `${app.packageName}/${activity}`;
  const reason = `Input dispatching timed out (${window} (server) is not responding. Waited ${INPUT_DISPATCHING_TIMEOUT_MS + 4}ms for MotionEvent)`;
  device.logSystem('InputDispatcher', `Application is not responding: ${window} (server).  It has been ${INPUT_DISPATCHING_TIMEOUT_MS + 4}ms since event, 5000ms since wait started.`, 'I');
  writeEvent(device, 'am_anr', [0, pid, app.packageName, USER_APP_INFO_FLAGS, reason]);
  device.logSystem('ActivityManager', [`ANR in ${app.packageName} (${window})`, `PID: ${pid}`, `Reason: ${reason}`, `Parent: ${window}`].join('\n'), 'E');
}
