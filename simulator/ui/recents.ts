/**
 * Recents (Overview), as KEYCODE_APP_SWITCH opens it on an Android 13 phone: Quickstep shows it inside
 * the launcher's own window (Launcher3 quickstep RecentsView / TaskView, OverviewCommandHelper for the
 * key), so the focused window is the launcher's and the app that was in front goes to the background.
 * One card per task, the most recent centred and the one before it peeking in from the left; each card
 * is a TaskView (content-desc = the app's label) with the app icon and its thumbnail. Tapping a card
 * brings that task back as it was; BACK returns to the task that was in front; HOME goes home; the
 * key pressed again switches to the previous task (OverviewCommandHelper TYPE_TOGGLE).
 */
import { COLORS, pickAppBarColor, type Dimens } from './dimens.ts';
import { LAUNCHER_PACKAGE } from './launcher.ts';
import { createView, type View } from './view.ts';
import { bringTaskToFront, type WindowStackState } from './window-stack.ts';

const ID = `${LAUNCHER_PACKAGE}:id/`;

/** Opens Recents over whatever was in front (the shade closes; an app in front goes to the background). */
export function openRecents(stack: WindowStackState): void {
  stack.shade.open = false;
  stack.recents = { instance: stack.nextInstance++ };
}

/** The tasks Recents lists, most recent first (the launcher's own task is never listed). */
export function recentTasks(stack: WindowStackState): string[] {
  return stack.tasks.filter((task) => task.activities.length > 0).map((task) => task.packageName).reverse();
}

/**
 * A key while Recents shows: BACK returns to the front task (home when there is none), APP_SWITCH
 * switches to the task before it, HOME goes home. Returns false for keys Recents does not take.
 */
export function recentsKey(stack: WindowStackState, keyCode: number): boolean {
  const tasks = recentTasks(stack);
  switch (keyCode) {
    case 4: case 111:
      return leaveRecents(stack, tasks[0]);
    case 187:
      return leaveRecents(stack, tasks[1] ?? tasks[0]);
    case 3:
      return leaveRecents(stack, undefined);
    default:
      return false;
  }
}

/** Leaves Recents for the package's task as it was, or for the home screen. */
export function leaveRecents(stack: WindowStackState, packageName: string | undefined): true {
  delete stack.recents;
  if (packageName === undefined || !stack.tasks.some((task) => task.packageName === packageName)) stack.homeOnTop = true;
  else bringTaskToFront(stack, packageName, true);
  return true;
}

/** "Clear all": every task leaves Recents and the home screen shows (the apps' processes are not modelled as killed). */
export function clearRecents(stack: WindowStackState): void {
  stack.tasks = [];
  leaveRecents(stack, undefined);
}

export function layoutRecents(dimens: Dimens, stack: WindowStackState, labelOf: (packageName: string) => string): View {
  const { width, height, statusBarHeight, navBarHeight } = dimens;
  const tasks = recentTasks(stack);
  const cardWidth = Math.round(width * 0.7);
  const cardTop = statusBarHeight + dimens.dp(72);
  const cardBottom = height - navBarHeight - dimens.dp(120);
  const gap = dimens.dp(16);
  const cards: View[] = [];
  tasks.slice(0, 2).forEach((packageName, index) => {
    const left = Math.round((width - cardWidth) / 2) - index * (cardWidth + gap);
    const right = left + cardWidth;
    if (right <= 0) return;
    const label = labelOf(packageName);
    const bounds: [number, number, number, number] = [Math.max(0, left), cardTop, right, cardBottom];
    const iconSize = dimens.dp(48);
    const iconLeft = left + (cardWidth - iconSize) / 2;
    cards.push(createView({
      key: `task:${packageName}`, className: 'android.widget.FrameLayout', packageName: LAUNCHER_PACKAGE, resourceId: `${ID}task`,
      contentDesc: label, clickable: true, focusable: true, longClickable: true, bounds,
      action: { kind: 'resume-task', packageName },
      children: [
        createView({ key: `snapshot:${packageName}`, className: 'android.view.View', packageName: LAUNCHER_PACKAGE, resourceId: `${ID}snapshot`,
          bounds: [bounds[0], cardTop + iconSize / 2, right, cardBottom],
          draw: [{ op: 'rect', x: left, y: cardTop + iconSize / 2, w: cardWidth, h: cardBottom - cardTop - iconSize / 2, color: COLORS.windowBackground, radius: dimens.dp(16) }] }),
        ...(iconLeft >= 0 ? [createView({ key: `icon:${packageName}`, className: 'android.widget.ImageView', packageName: LAUNCHER_PACKAGE, resourceId: `${ID}icon`,
          contentDesc: label, clickable: true, bounds: [iconLeft, cardTop, iconLeft + iconSize, cardTop + iconSize],
          draw: [{ op: 'circle', cx: iconLeft + iconSize / 2, cy: cardTop + iconSize / 2, r: iconSize / 2, color: pickAppBarColor(packageName) }] })] : []),
      ],
    }));
  });
  const face = dimens.face('button');
  const children: View[] = tasks.length === 0
    ? [createView({ key: 'recents_empty', className: 'android.widget.TextView', packageName: LAUNCHER_PACKAGE, text: 'No recent items',
      bounds: [0, height / 2 - dimens.dp(12), width, height / 2 + dimens.dp(12)],
      draw: [{ op: 'text', x: (width - face.measure('No recent items')) / 2, y: height / 2 - face.lineHeight / 2, text: 'No recent items', face, color: COLORS.launcherText }] })]
    : [...cards, createView({ key: 'clear_all', className: 'android.widget.Button', packageName: LAUNCHER_PACKAGE, resourceId: `${ID}clear_all`, text: 'Clear all',
      clickable: true, focusable: true, action: { kind: 'clear-recents' },
      bounds: [width / 2 - dimens.dp(60), cardBottom + dimens.dp(24), width / 2 + dimens.dp(60), cardBottom + dimens.dp(72)],
      draw: [{ op: 'text', x: (width - face.measure('Clear all')) / 2, y: cardBottom + dimens.dp(36), text: 'Clear all', face, color: COLORS.launcherText }] })];
  return createView({
    key: 'overview', className: 'android.widget.FrameLayout', packageName: LAUNCHER_PACKAGE, bounds: [0, 0, width, height],
    draw: [{ op: 'rect', x: 0, y: 0, w: width, h: height, color: COLORS.launcherBackground }],
    children: [createView({ key: 'overview_panel', className: 'android.widget.FrameLayout', packageName: LAUNCHER_PACKAGE, resourceId: `${ID}overview_panel`, bounds: [0, 0, width, height], children })],
  });
}
