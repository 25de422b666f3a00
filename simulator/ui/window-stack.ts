/**
 * The activity model: the launcher at the bottom, one task per package with its activities, a dialog per
 * activity, and the notification shade over everything. Plain JSON so snapshots can save and restore it.
 */
import { createScreenState, type ScreenState } from './screen-state.ts';
import type { AppSpec, DialogSpec, ScreenSpec } from './screen-spec.ts';

export interface ActivityRecord {
  /** Unique per started activity; element uids of its views start with it, so they go stale when it ends. */
  instance: number;
  packageName: string;
  activity: string;
  /** A screen of the package's AppSpec; absent for the plain screen or an explicit `screen`. */
  screenId?: string;
  /** A screen given directly (`showScreen`). */
  screen?: ScreenSpec;
  dialog?: { instance: number; spec: DialogSpec };
  state: ScreenState;
}

export interface Task {
  packageName: string;
  activities: ActivityRecord[];
  /**
   * The task came to the front over the home screen (launcher, notification, HOME then a start): when
   * its last activity finishes the home screen shows again; otherwise the task it was started over does
   * (the display area's z-order: TaskDisplayArea / Task.getNextFocusableTask). Absent in old snapshots.
   */
  overHome?: boolean;
  /** What started the task's root activity, as Intent.filterEquals compares it (intentFilterKey); absent: not known. */
  rootIntent?: string;
}

/** How an activity is started (ActivityStarter): the intent's identity and FLAG_ACTIVITY_RESET_TASK_IF_NEEDED. */
export interface LaunchIntent {
  /** intentFilterKey of the intent. */
  key: string;
  resetTaskIfNeeded: boolean;
}

/** What a start did: a new activity, or an existing task brought to the front unchanged (START_TASK_TO_FRONT). */
export type StartOutcome = 'started' | 'task-to-front';

/** Intent.filterEquals's fields (action, data, package, component, categories), as one comparable string. */
export function intentFilterKey(intent: { action?: string | undefined; categories?: readonly string[]; data?: string | undefined; packageName?: string | undefined; component?: string | undefined }): string {
  return [intent.action ?? '', [...(intent.categories ?? [])].sort().join(','), intent.data ?? '', intent.packageName ?? '', intent.component ?? ''].join('|');
}

/** The intent a launcher icon (and `monkey`, and Appium's activateApp) starts: MAIN + LAUNCHER + NEW_TASK | RESET_TASK_IF_NEEDED. */
export function launcherIntent(packageName: string, activity: string): LaunchIntent {
  return {
    key: intentFilterKey({ action: 'android.intent.action.MAIN', categories: ['android.intent.category.LAUNCHER'], component: `${packageName}/${expandActivityName(packageName, activity)}` }),
    resetTaskIfNeeded: true,
  };
}

export interface WindowStackState {
  /** Front task last. */
  tasks: Task[];
  homeOnTop: boolean;
  shade: { open: boolean; instance: number; state: ScreenState };
  launcher: ScreenState;
  nextInstance: number;
  apps: Record<string, AppSpec>;
  /** Toasts on screen until `until` (device clock, ms). */
  toasts: Array<{ instance: number; packageName: string; text: string; until: number }>;
  /** The last toast's text and when it was shown: the accessibility event outlives the toast (absent in old snapshots). */
  lastToast?: { text: string; shownAt: number };
  /** Windows apps draw over other apps (TYPE_APPLICATION_OVERLAY), bottom to top (absent in old snapshots). */
  overlays?: Array<{ instance: number; packageName: string; spec: DialogSpec }>;
  /** The soft keyboard, shown for a text field of this window (its prefix, e.g. `a12`) while it keeps focus (soft-keyboard.ts). */
  ime?: { owner: string };
  /** Recents (Overview) shows in the launcher's window over every task (recents.ts); absent: closed. */
  recents?: { instance: number };
  /** Heads-up banners already released (tapped, swiped away, shade opened): `key@postTime` (heads-up.ts). */
  headsUpReleased?: string[];
}

export function createWindowStack(): WindowStackState {
  return {
    tasks: [],
    homeOnTop: true,
    shade: { open: false, instance: 0, state: createScreenState() },
    launcher: createScreenState(),
    nextInstance: 1,
    apps: {},
    toasts: [],
    overlays: [],
  };
}

/** The front activity, or undefined when the launcher is on top. */
export function findTopActivity(stack: WindowStackState): ActivityRecord | undefined {
  if (stack.homeOnTop || stack.recents) return undefined;
  return stack.tasks.at(-1)?.activities.at(-1);
}

/** `.Main` → `pkg.Main`, like the activity manager expands a short component name. */
export function expandActivityName(packageName: string, activity: string): string {
  return activity.startsWith('.') ? `${packageName}${activity}` : activity;
}

/**
 * Brings the package's task to the front (remembering whether it came over the home screen), or creates
 * it. `fromHome`: started from the home activity itself (Recents), so it lies over home whatever was in front.
 */
export function bringTaskToFront(stack: WindowStackState, packageName: string, fromHome = false): Task {
  let task = stack.tasks.find((t) => t.packageName === packageName);
  const alreadyFront = !fromHome && task !== undefined && task === stack.tasks.at(-1) && !stack.homeOnTop;
  delete stack.recents;
  if (task) stack.tasks = [...stack.tasks.filter((t) => t !== task), task];
  else {
    task = { packageName, activities: [] };
    stack.tasks.push(task);
  }
  if (!alreadyFront) task.overHome = fromHome || stack.homeOnTop || stack.tasks.length === 1;
  stack.homeOnTop = false;
  return task;
}

/**
 * An activity start with FLAG_ACTIVITY_NEW_TASK on the package's task, as ActivityStarter.recycleTask /
 * complyActivityFlags decide it (frameworks/base services/core/java/com/android/server/wm/ActivityStarter.java):
 * the task's root activity started with the same intent as the task's (Intent.filterEquals) only brings
 * the task to the front as it was; another activity with FLAG_ACTIVITY_RESET_TASK_IF_NEEDED does the
 * same; anything else adds the activity on top of the task.
 */
export function startInTask(stack: WindowStackState, record: Omit<ActivityRecord, 'instance' | 'state'>, launch: LaunchIntent | undefined): StartOutcome {
  const existing = stack.tasks.find((t) => t.packageName === record.packageName && t.activities.length > 0);
  const root = existing?.activities[0];
  if (existing && root && launch) {
    const sameRoot = root.activity === record.activity;
    if ((sameRoot && existing.rootIntent === launch.key) || (!sameRoot && launch.resetTaskIfNeeded)) {
      bringTaskToFront(stack, record.packageName);
      return 'task-to-front';
    }
  }
  pushActivity(stack, record, { reuseTop: true });
  const task = stack.tasks.at(-1);
  if (task && task.activities.length === 1 && launch) task.rootIntent = launch.key;
  return 'started';
}

/** Brings the package's task to the front, or creates it; pushes the activity unless it is already its top. */
export function pushActivity(stack: WindowStackState, record: Omit<ActivityRecord, 'instance' | 'state'>, options: { reuseTop: boolean }): ActivityRecord {
  const task = bringTaskToFront(stack, record.packageName);
  const top = task.activities.at(-1);
  if (options.reuseTop && top && top.activity === record.activity) return top;
  const created: ActivityRecord = { ...record, instance: stack.nextInstance++, state: createScreenState() };
  task.activities.push(created);
  return created;
}

/**
 * Finishes the front activity. An emptied task goes away and what was under it comes to the front: the
 * home screen when the task had come over it, else the task it was started from (a Settings page an
 * app opened returns to the app, as a phone's BACK does).
 */
export function popActivity(stack: WindowStackState): void {
  const task = stack.tasks.at(-1);
  if (stack.homeOnTop || !task) return;
  task.activities.pop();
  if (task.activities.length === 0) {
    stack.tasks.pop();
    stack.homeOnTop = task.overHome !== false || stack.tasks.length === 0;
  }
}

/** Removes every activity of a package (force-stop, uninstall); the front task's leaving uncovers what was under it. */
export function removePackage(stack: WindowStackState, packageName: string): void {
  const front = stack.homeOnTop ? undefined : stack.tasks.at(-1);
  stack.tasks = stack.tasks.filter((t) => t.packageName !== packageName);
  if (front && front.packageName === packageName) stack.homeOnTop = front.overHome !== false || stack.tasks.length === 0;
}
