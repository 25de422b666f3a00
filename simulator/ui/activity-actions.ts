/**
 * Activity starts and widget tap actions on the window stack: what `am start`, a launcher icon, a
 * notification and an app's `TapAction` do.
 */
import type { UiHost } from './contracts.ts';
import { LAUNCHER_PACKAGE } from './launcher.ts';
import type { TapAction } from './screen-spec.ts';
import type { UiEvent } from './simulated-device-ui.ts';
import { activityForScreen } from './view-queries.ts';
import {
  expandActivityName, launcherIntent, popActivity, pushActivity, removePackage, startInTask,
  type ActivityRecord, type LaunchIntent, type StartOutcome, type WindowStackState,
} from './window-stack.ts';

export interface ActivityContext {
  host: UiHost;
  /** The current stack (loadState replaces the object). */
  stack(): WindowStackState;
  listeners: ReadonlySet<(event: UiEvent) => void>;
}

/** Activities that finish at once without showing anything (io.appium.settings starts its service and goes). */
const INVISIBLE_PACKAGES = new Set(['io.appium.settings', 'io.appium.uiautomator2.server', 'io.appium.uiautomator2.server.test']);

/**
 * `am start`: brings the package's task to the front with the activity; false when it cannot start.
 * With `launch` (a NEW_TASK intent) a running task may only come to the front (startInTask).
 */
export function startActivityIn(ctx: ActivityContext, packageName: string, activity: string, launch?: LaunchIntent): StartOutcome | false {
  const stack = ctx.stack();
  const host = ctx.host;
  const fullName = expandActivityName(packageName, activity);
  if (packageName === LAUNCHER_PACKAGE) {
    stack.homeOnTop = true;
    stack.shade.open = false;
    delete stack.recents;
    return 'started';
  }
  const info = host.packages().find((p) => p.packageName === packageName);
  if (!info || !info.enabled) return false;
  stack.shade.open = false;
  delete stack.recents;
  if (INVISIBLE_PACKAGES.has(packageName)) return 'started';
  const app = stack.apps[packageName];
  const screenId = app ? (app.activities?.[fullName] ?? app.start) : undefined;
  return startInTask(stack, { packageName, activity: fullName, ...(screenId === undefined ? {} : { screenId }) }, launch);
}

/** A tap on a launcher icon (or a Recents card): the launcher intent, so a running app comes back as it was. */
export function launchFromLauncher(ctx: ActivityContext, packageName: string, activity: string): StartOutcome | false {
  return startActivityIn(ctx, packageName, activity, launcherIntent(packageName, activity));
}

/** What a widget's tap action does to its activity and the window stack. */
export function runTapAction(ctx: ActivityContext, record: ActivityRecord | undefined, action: TapAction): void {
  if (!record) return;
  const stack = ctx.stack();
  switch (action.type) {
    case 'navigate': {
      const activity = activityForScreen(stack.apps[record.packageName], record.packageName, action.screen);
      pushActivity(stack, { packageName: record.packageName, activity, screenId: action.screen }, { reuseTop: false });
      return;
    }
    case 'replace': {
      const activity = activityForScreen(stack.apps[record.packageName], record.packageName, action.screen);
      delete record.dialog;
      record.activity = activity;
      record.screenId = action.screen;
      delete record.screen;
      // A new screen gets a new instance: the old screen's elements become stale, as on a real phone.
      record.instance = stack.nextInstance++;
      record.state = { values: {}, scroll: {} };
      return;
    }
    case 'back':
      popActivity(stack);
      return;
    case 'finish':
      removePackage(stack, record.packageName);
      return;
    case 'dialog':
      record.dialog = { instance: stack.nextInstance++, spec: action.dialog };
      return;
    case 'dismiss':
      delete record.dialog;
      return;
    case 'start':
      startActivityIn(ctx, action.packageName, action.activity);
      return;
    case 'event':
      for (const listener of ctx.listeners) listener({ packageName: record.packageName, activity: record.activity, name: action.name });
      return;
  }
}
