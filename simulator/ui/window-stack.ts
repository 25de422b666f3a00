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
  if (stack.homeOnTop) return undefined;
  return stack.tasks.at(-1)?.activities.at(-1);
}

/** `.Main` → `pkg.Main`, like the activity manager expands a short component name. */
export function expandActivityName(packageName: string, activity: string): string {
  return activity.startsWith('.') ? `${packageName}${activity}` : activity;
}

/** Brings the package's task to the front, or creates it; pushes the activity unless it is already its top. */
export function pushActivity(stack: WindowStackState, record: Omit<ActivityRecord, 'instance' | 'state'>, options: { reuseTop: boolean }): ActivityRecord {
  let task = stack.tasks.find((t) => t.packageName === record.packageName);
  if (task) stack.tasks = [...stack.tasks.filter((t) => t !== task), task];
  else {
    task = { packageName: record.packageName, activities: [] };
    stack.tasks.push(task);
  }
  stack.homeOnTop = false;
  const top = task.activities.at(-1);
  if (options.reuseTop && top && top.activity === record.activity) return top;
  const created: ActivityRecord = { ...record, instance: stack.nextInstance++, state: createScreenState() };
  task.activities.push(created);
  return created;
}

/** Finishes the front activity; an emptied task goes away and the launcher comes back. */
export function popActivity(stack: WindowStackState): void {
  const task = stack.tasks.at(-1);
  if (stack.homeOnTop || !task) return;
  task.activities.pop();
  if (task.activities.length === 0) {
    stack.tasks.pop();
    stack.homeOnTop = true;
  }
}

/** Removes every activity of a package (force-stop, uninstall). */
export function removePackage(stack: WindowStackState, packageName: string): void {
  const front = stack.tasks.at(-1);
  stack.tasks = stack.tasks.filter((t) => t.packageName !== packageName);
  if (front && front.packageName === packageName) stack.homeOnTop = true;
}
