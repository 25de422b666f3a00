/**
 * When each app last crashed and last showed a crash dialog, as AppErrors keeps it in system_server
 * (mProcessCrashTimes, mProcessCrashTimesPersistent, mProcessCrashShowDialogTimes). Held per device;
 * a snapshot load restores system_server as it was, so the history starts over, and a user start of
 * the app forgets the non-persistent time (ProcessList.startProcessLocked → resetProcessCrashTime).
 */
import type { AndroidModel } from '../../device/android-model.ts';

/** ProcessList.MIN_CRASH_INTERVAL: a crash this soon after the last one is a repeated crash. */
export const MIN_CRASH_INTERVAL_MS = 60_000;

interface PackageHistory {
  crashAt?: number;
  crashAtPersistent?: number;
  dialogAt?: number;
}

const histories = new WeakMap<AndroidModel, Map<string, PackageHistory>>();

function historyOf(device: AndroidModel): Map<string, PackageHistory> {
  let history = histories.get(device);
  if (history === undefined) {
    const created = new Map<string, PackageHistory>();
    device.events.on('stateLoaded', () => created.clear());
    device.events.on('activityStarted', ({ packageName }) => {
      const entry = created.get(packageName);
      if (entry) delete entry.crashAt;
    });
    histories.set(device, created);
    history = created;
  }
  return history;
}

export interface CrashDecision {
  /** Crashed again within MIN_CRASH_INTERVAL since its last crash: "keeps stopping". */
  repeating: boolean;
  /** Crashed again within the interval without the user starting it in between: killed, no dialog. */
  crashedTooMuch: boolean;
  /** A crash dialog of this app showed within the interval (handleShowAppErrorUi throttles). */
  throttled: boolean;
}

/** Records a crash now and says how AppErrors.handleAppCrashLocked treats it. */
export function recordCrash(device: AndroidModel, packageName: string): CrashDecision {
  const history = historyOf(device);
  const entry = history.get(packageName) ?? {};
  const now = device.now();
  const within = (at: number | undefined): boolean => at !== undefined && now < at + MIN_CRASH_INTERVAL_MS;
  const decision = { repeating: within(entry.crashAtPersistent), crashedTooMuch: within(entry.crashAt), throttled: within(entry.dialogAt) };
  history.set(packageName, { ...entry, crashAt: now, crashAtPersistent: now });
  return decision;
}

export function recordCrashDialog(device: AndroidModel, packageName: string): void {
  const history = historyOf(device);
  history.set(packageName, { ...history.get(packageName), dialogAt: device.now() });
}
