/**
 * The home screen: Launcher3 as on google_apis emulator images, showing the all-apps grid (every
 * launchable, enabled, not hidden package) as BubbleTextView icons (TextView, text and content-desc =
 * label) inside the `apps_list_view` RecyclerView, which scrolls when the grid overflows.
 */
import type { UiPackageInfo } from './contracts.ts';
import { COLORS, pickAppBarColor, type Dimens } from './dimens.ts';
import type { ScreenState } from './screen-state.ts';
import { ellipsize } from './text-layout.ts';
import { createView, type View } from './view.ts';

export const LAUNCHER_PACKAGE = 'com.android.launcher3';
export const LAUNCHER_ACTIVITY = 'com.android.launcher3.uioverrides.QuickstepLauncher';
const LAUNCHER_ID = `${LAUNCHER_PACKAGE}:id/`;
const COLUMNS = 4;

/** Packages with an icon on the launcher, sorted by label like the all-apps list. */
export function listLauncherApps(packages: UiPackageInfo[]): UiPackageInfo[] {
  return packages
    .filter((p) => p.launchableActivity !== undefined && (!p.hiddenFromLauncher || p.syntheticLauncherIcon === true) && p.enabled && p.packageName !== LAUNCHER_PACKAGE)
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || a.packageName.localeCompare(b.packageName));
}

export function layoutLauncher(dimens: Dimens, packages: UiPackageInfo[], state: ScreenState): View {
  const { width, height, statusBarHeight, navBarHeight } = dimens;
  const apps = listLauncherApps(packages);
  const face = dimens.face('caption');
  const top = statusBarHeight + dimens.dp(16);
  const bottom = height - navBarHeight;
  const cellWidth = Math.floor(width / COLUMNS);
  const cellHeight = dimens.dp(104);
  const iconSize = dimens.dp(56);
  const rows = Math.ceil(apps.length / COLUMNS);
  const max = Math.max(0, rows * cellHeight - (bottom - top));
  const offset = Math.min(max, Math.max(0, state.scroll['apps_list_view'] ?? 0));
  const icons: View[] = [];
  apps.forEach((app, index) => {
    const left = (index % COLUMNS) * cellWidth;
    const cellTop = top + Math.floor(index / COLUMNS) * cellHeight - offset;
    if (cellTop + cellHeight <= top || cellTop >= bottom) return;
    const label = ellipsize(app.label, face, cellWidth - dimens.dp(8));
    const iconTop = cellTop + dimens.dp(8);
    const cx = left + cellWidth / 2;
    const initial = [...app.label.trim()][0]?.toUpperCase() ?? '?';
    const initialFace = dimens.face('headline');
    icons.push(createView({
      key: `icon:${app.packageName}`, className: 'android.widget.TextView', packageName: LAUNCHER_PACKAGE, resourceId: `${LAUNCHER_ID}icon`,
      text: app.label, contentDesc: app.label, clickable: true, focusable: true, longClickable: true,
      bounds: [left, Math.max(top, cellTop), left + cellWidth, Math.min(bottom, cellTop + cellHeight)],
      draw: [
        { op: 'circle', cx, cy: iconTop + iconSize / 2, r: iconSize / 2, color: pickAppBarColor(app.packageName) },
        { op: 'text', x: cx - initialFace.measure(initial) / 2, y: iconTop + (iconSize - initialFace.lineHeight) / 2, text: initial, face: initialFace, color: COLORS.onAccent },
        { op: 'text', x: cx - face.measure(label) / 2, y: iconTop + iconSize + dimens.dp(6), text: label, face, color: COLORS.launcherText },
      ],
      // A synthesized icon opens the app's App info in Settings, never the disabled activity; App info
      // is not modelled, so tapping it does nothing here.
      ...(app.hiddenFromLauncher ? {} : { action: { kind: 'launch', packageName: app.packageName } as const }),
    }));
  });
  const list = createView({
    key: 'apps_list_view', className: 'androidx.recyclerview.widget.RecyclerView', packageName: LAUNCHER_PACKAGE, resourceId: `${LAUNCHER_ID}apps_list_view`,
    focusable: true, scrollable: max > 0, clip: true, ...(max > 0 ? { scroll: { stateKey: 'apps_list_view', max } } : {}),
    bounds: [0, top, width, bottom], children: icons,
  });
  return createView({
    key: 'launcher', className: 'android.widget.FrameLayout', packageName: LAUNCHER_PACKAGE, bounds: [0, 0, width, height],
    draw: [{ op: 'rect', x: 0, y: 0, w: width, h: height, color: COLORS.launcherBackground }],
    children: [createView({ key: 'drag_layer', className: 'android.widget.FrameLayout', packageName: LAUNCHER_PACKAGE, resourceId: `${LAUNCHER_ID}drag_layer`, bounds: [0, 0, width, height], children: [list] })],
  });
}
