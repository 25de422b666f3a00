/**
 * What ActivityManager does for the shell: start activities and services (starting the app's
 * process first), force-stop and kill packages. Logs the lines a real system_server writes.
 */
import type { AndroidModel } from './android-model.ts';
import { mayReachComponent, SYSTEM_UID } from './caller-identity.ts';
import { expandClassName, formatUid, isComponentEnabled, isPackageEnabled, shortComponentName } from './package-record.ts';
import { isPermissionsReviewRequired, permissionControllerPackage, REVIEW_PERMISSIONS_ACTIVITY } from './permission-review.ts';
import type { LaunchIntent } from '../ui/window-stack.ts';

export type StartActivityResult =
  /**
   * alreadyFocused: the activity was in front and got the intent (START_DELIVERED_TO_TOP); taskToFront:
   * the app's running task came to the front as it was (START_TASK_TO_FRONT), no activity was created.
   */
  | { ok: true; packageName: string; activity: string; alreadyFocused: boolean; taskToFront?: boolean }
  | { ok: false; error: 'no-package' | 'no-activity' | 'disabled' }
  /** ActivityTaskSupervisor.checkStartAnyActivityPermission: the caller may not start this activity. */
  | { ok: false; error: 'not-exported'; ownerUid: number };

/** Apps whose launcher activity only starts a foreground service and finishes (never takes focus). */
const HEADLESS_LAUNCH: Readonly<Record<string, { service: string; channel: string; title: string; text: string }>> = {
  'io.appium.settings': {
    service: 'io.appium.settings.ForegroundService',
    channel: 'main_channel',
    title: 'Appium Settings',
    text: 'Keep this service running, so Appium for Android can properly interact with several system APIs',
  },
};

/**
 * @param callingUid who starts it (`am start` passes the shell's uid); system callers reach every activity.
 * @param launch a FLAG_ACTIVITY_NEW_TASK start's intent identity: a running task may only come to the front (ui/window-stack.ts startInTask).
 */
export function startActivity(device: AndroidModel, packageName: string, className: string, intentText: string, callingUid = SYSTEM_UID, launch?: LaunchIntent): StartActivityResult {
  const record = device.packages.get(packageName);
  if (record === undefined) return { ok: false, error: 'no-package' };
  const activity = expandClassName(packageName, className);
  const component = record.components.find(
    (entry) => (entry.kind === 'activity' || entry.kind === 'activity-alias') && entry.name === activity,
  );
  if (component === undefined) return { ok: false, error: 'no-activity' };
  if (!isPackageEnabled(record) || !isComponentEnabled(record, component)) return { ok: false, error: 'disabled' };
  if (!mayReachComponent(callingUid, record, component)) return { ok: false, error: 'not-exported', ownerUid: record.uid };
  const target = component.kind === 'activity-alias' && component.targetActivity !== undefined ? component.targetActivity : activity;
  if (isPermissionsReviewRequired(record, device.profile.apiLevel)) {
    // ActivityStarter.executeRequest: the start becomes ACTION_REVIEW_PERMISSIONS carrying the
    // original intent; the app's process is not started for it.
    const controller = permissionControllerPackage(device);
    device.logSystem('ActivityTaskManager', `START u0 {act=android.intent.action.REVIEW_PERMISSIONS flg=0x18800000 cmp=${controller}/${REVIEW_PERMISSIONS_ACTIVITY} (has extras)} from uid ${callingUid}`);
    device.events.emit('permissionReviewRequested', { packageName, activity: target, intentText });
    return { ok: true, packageName: controller, activity: REVIEW_PERMISSIONS_ACTIVITY, alreadyFocused: false };
  }
  device.logSystem('ActivityTaskManager', `START u0 {${intentText}} from uid ${callingUid}`);
  const focused = device.ui.focusedWindow();
  const alreadyFocused = focused.packageName === packageName && focused.activity === target;
  ensureProcess(device, packageName, `top-activity {${shortComponentName(packageName, target)}}`);
  const headless = HEADLESS_LAUNCH[packageName];
  if (headless !== undefined) {
    startService(device, packageName, headless.service, true);
    device.events.emit('activityStarted', { packageName, activity: target });
    return { ok: true, packageName, activity: target, alreadyFocused: false };
  }
  const outcome = alreadyFocused ? 'started' : device.ui.startActivity(packageName, target, launch);
  if (outcome === false) return { ok: false, error: 'no-activity' };
  if (outcome === 'task-to-front') {
    // ActivityStarter.recycleTask: START_DELIVERED_TO_TOP when the task was already in front, else
    // START_TASK_TO_FRONT; no activity is created, so the app counts no new start (app-runtime.ts).
    const front = focused.packageName === packageName;
    const shown = device.ui.focusedWindow();
    device.events.emit('activityStarted', { packageName, activity: shown.activity, alreadyFocused: true });
    return { ok: true, packageName, activity: shown.activity, alreadyFocused: front, taskToFront: !front };
  }
  device.logSystem('ActivityTaskManager', `Displayed ${shortComponentName(packageName, target)}: +${180 + (target.length % 7) * 23}ms`);
  device.events.emit('activityStarted', { packageName, activity: target, alreadyFocused });
  return { ok: true, packageName, activity: target, alreadyFocused };
}

export type StartServiceResult =
  | { ok: true; className: string }
  | { ok: false; error: 'no-package' | 'no-service' | 'disabled' }
  /** ActiveServices.retrieveServiceLocked → checkComponentPermission refused the caller. */
  | { ok: false; error: 'not-exported'; ownerUid: number };

/** @param callingUid who starts it (`am start-service` passes the shell's uid; an app its own uid). */
export function startService(device: AndroidModel, packageName: string, className: string, foreground: boolean, callingUid = SYSTEM_UID): StartServiceResult {
  const record = device.packages.get(packageName);
  if (record === undefined) return { ok: false, error: 'no-package' };
  const fullName = expandClassName(packageName, className);
  const component = record.components.find((entry) => entry.name === fullName && isServiceKind(entry.kind));
  if (component === undefined) return { ok: false, error: 'no-service' };
  if (!isPackageEnabled(record) || !isComponentEnabled(record, component)) return { ok: false, error: 'disabled' };
  if (!mayReachComponent(callingUid, record, component)) return { ok: false, error: 'not-exported', ownerUid: record.uid };
  const process = ensureProcess(device, packageName, `service {${shortComponentName(packageName, fullName)}}`);
  const headless = HEADLESS_LAUNCH[packageName];
  // A foreground service's notification is its startForeground(id, …): the service comes first, so
  // the notification gets the foreground-service flags (notification-center.ts).
  device.processes.startService({ packageName, className: fullName, isForeground: foreground, foregroundId: 0, pid: process });
  if (foreground && headless !== undefined && headless.service === fullName) {
    device.notifications.post({ packageName, id: 1, channelId: headless.channel, title: headless.title, text: headless.text, uid: record.uid });
  }
  device.events.emit('serviceStarted', { packageName, className: fullName, isForeground: foreground });
  return { ok: true, className: fullName };
}

/** `am force-stop`: processes, services, screens, notifications and instrumentation of the package end. */
export async function forceStop(device: AndroidModel, packageName: string, reason = 'from pid 0'): Promise<void> {
  const record = device.packages.get(packageName);
  if (record === undefined) return;
  device.logSystem('ActivityManager', `Force stopping ${packageName} appid=${record.uid} user=0: ${reason}`);
  for (const [testPackage, running] of device.instrumentations) {
    if (testPackage === packageName || running.targetPackage === packageName) await running.stop();
  }
  killProcesses(device, packageName, `stop ${packageName} due to ${reason}`);
  record.stopped = !record.system;
  device.notifications.cancelPackage(packageName);
  device.ui.closePackage(packageName);
  device.events.emit('packageStopped', { packageName, reason });
}

/** `am kill`: background processes only; the app stays un-stopped. */
export function killBackground(device: AndroidModel, packageName: string): void {
  if (device.ui.focusedWindow().packageName === packageName) return;
  killProcesses(device, packageName, 'kill background');
}

function killProcesses(device: AndroidModel, packageName: string, why: string): void {
  const processes = device.processes.list().filter((entry) => entry.packageName === packageName);
  for (const entry of processes) {
    device.logSystem('ActivityManager', `Killing ${entry.pid}:${entry.name}/${formatUid(entry.uid)} (adj 0): ${why}`);
  }
  device.processes.killPackage(packageName);
}

/** Starts the app's process when needed; returns its pid. */
export function ensureProcess(device: AndroidModel, packageName: string, why: string): number {
  const record = device.packages.get(packageName);
  if (record === undefined) throw new Error(`ensureProcess: ${packageName} is not installed`);
  const { entry, started } = device.processes.ensureAppProcess(packageName, record.uid);
  if (started) {
    const reasonPrefix = device.profile.apiLevel >= 30 ? '' : 'activity ';
    const detail = reasonPrefix === '' ? why : why.replace(/^top-activity /, reasonPrefix);
    device.logSystem('ActivityManager', `Start proc ${entry.pid}:${packageName}/${formatUid(record.uid)} for ${detail}`);
  }
  record.stopped = false;
  return entry.pid;
}

function isServiceKind(kind: string): boolean {
  return kind === 'service' || kind === 'accessibility-service' || kind === 'notification-listener';
}
