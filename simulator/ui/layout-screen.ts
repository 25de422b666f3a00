/**
 * An app's window: decor view, app bar with the title, and the content area between the status bar and
 * the navigation bar. Content longer than the area scrolls: a list fills the rest of the screen and scrolls
 * itself; otherwise the whole content becomes an android.widget.ScrollView. Views scrolled out of sight are
 * left out of the hierarchy and the others' bounds are clipped, as UiAutomator reports visible bounds.
 */
import { COLORS, pickAppBarColor, type Dimens } from './dimens.ts';
import { layoutStack, layoutWidget, keyOfWidget, type LayoutContext } from './layout-widgets.ts';
import type { ScreenState } from './screen-state.ts';
import type { ScreenSpec } from './screen-spec.ts';
import { ellipsize } from './text-layout.ts';
import { createView, intersectBounds, type Bounds, type View } from './view.ts';

export interface AppWindowInput {
  dimens: Dimens;
  packageName: string;
  label: string;
  screen: ScreenSpec;
  state: ScreenState;
  /** Not the task's root activity: the app bar gets a "Navigate up" button that goes back. */
  canNavigateUp: boolean;
}

/** The plain screen of an app without behaviour: its label in the app bar and an empty content area. */
export function createPlainScreen(): ScreenSpec {
  return { widgets: [] };
}

export function layoutAppWindow(input: AppWindowInput): View {
  const { dimens, packageName, screen, state } = input;
  const ctx: LayoutContext = { dimens, packageName, state };
  const { width, height, statusBarHeight, navBarHeight } = dimens;
  const contentTop = statusBarHeight;
  const contentBottom = height - navBarHeight;
  const children: View[] = [];
  let y = contentTop;
  if (screen.appBar ?? true) {
    const barHeight = dimens.dp(64);
    const face = dimens.face('headline');
    const title = screen.title ?? input.label;
    const pad = dimens.dp(16);
    const barChildren: View[] = [];
    let titleLeft = pad;
    if (input.canNavigateUp) {
      // Toolbar's navigation button, as AppCompat shows it on a child activity.
      const size = dimens.dp(56);
      const arrow = dimens.face('headline');
      barChildren.push(createView({
        key: 'app_bar/up', className: 'android.widget.ImageButton', packageName, contentDesc: 'Navigate up', clickable: true, focusable: true,
        bounds: [0, y + Math.round((barHeight - size) / 2), size, y + Math.round((barHeight - size) / 2) + size],
        draw: [{ op: 'text', x: (size - arrow.measure('←')) / 2, y: y + (barHeight - arrow.lineHeight) / 2, text: '←', face: arrow, color: COLORS.onAccent }],
        action: { kind: 'app', action: { type: 'back' } },
      }));
      titleLeft = dimens.dp(72);
    }
    const titleTop = y + Math.round((barHeight - face.lineHeight) / 2);
    barChildren.push(createView({
      key: 'app_bar/title', className: 'android.widget.TextView', packageName, text: title,
      bounds: [titleLeft, titleTop, width - pad, titleTop + face.lineHeight],
      draw: [{ op: 'text', x: titleLeft, y: titleTop, text: ellipsize(title, face, width - titleLeft - pad), face, color: COLORS.onAccent }],
    }));
    children.push(createView({
      key: 'app_bar', className: 'android.view.ViewGroup', packageName, resourceId: `${packageName}:id/toolbar`,
      bounds: [0, y, width, y + barHeight],
      draw: [{ op: 'rect', x: 0, y: y - statusBarHeight, w: width, h: barHeight + statusBarHeight, color: pickAppBarColor(packageName) }],
      children: barChildren,
    }));
    y += barHeight;
  }
  children.push(layoutContent(screen, ctx, [0, y, width, contentBottom]));
  const content = createView({
    key: 'content', className: 'android.widget.FrameLayout', packageName, resourceId: 'android:id/content',
    bounds: [0, contentTop, width, contentBottom],
    children: [createView({ key: 'screen', className: 'android.widget.LinearLayout', packageName, bounds: [0, contentTop, width, contentBottom], children })],
  });
  return createView({
    key: 'decor', className: 'android.widget.FrameLayout', packageName, bounds: [0, 0, width, height],
    draw: [{ op: 'rect', x: 0, y: 0, w: width, h: height, color: COLORS.windowBackground }],
    children: [
      createView({ key: 'decor/root', className: 'android.widget.LinearLayout', packageName, bounds: [0, 0, width, height], children: [content] }),
      // The system bar backgrounds a DecorView adds under the translucent bars, as real dumps show them.
      createView({ key: 'decor/statusBarBackground', className: 'android.view.View', packageName, resourceId: 'android:id/statusBarBackground', bounds: [0, 0, width, statusBarHeight] }),
      createView({ key: 'decor/navigationBarBackground', className: 'android.view.View', packageName, resourceId: 'android:id/navigationBarBackground', bounds: [0, height - navBarHeight, width, height] }),
    ],
  });
}

function layoutContent(screen: ScreenSpec, ctx: LayoutContext, area: Bounds): View {
  const { dimens, packageName } = ctx;
  const pad = dimens.dp(16);
  const [left, top, right, bottom] = area;
  const innerWidth = right - left - 2 * pad;
  const listIndex = screen.widgets.findIndex((w) => w.kind === 'RecyclerView' || w.kind === 'ListView');
  if (listIndex >= 0) {
    // Widgets above the list stack normally, the list takes what is left, widgets after it sit below it.
    const above = screen.widgets.slice(0, listIndex);
    const below = screen.widgets.slice(listIndex + 1);
    const head = layoutStack(above, 'main', left + pad, top + pad, innerWidth, ctx);
    const belowHeight = below.length === 0 ? 0 : layoutStack(below, 'main', left + pad, 0, innerWidth, ctx).bottom + pad;
    const listSpec = screen.widgets[listIndex]!;
    const listTop = head.bottom;
    const listHeight = Math.max(dimens.dp(56), bottom - listTop - belowHeight);
    const list = layoutWidget(listSpec, keyOfWidget(listSpec, 'main', listIndex), left, listTop, right - left, ctx, listHeight);
    const tail = below.map((spec, i) => ({ spec, index: listIndex + 1 + i }));
    let y = list.bounds[3];
    const tailViews = tail.map(({ spec, index }) => {
      const view = layoutWidget(spec, keyOfWidget(spec, 'main', index), left + pad, y, innerWidth, ctx);
      y = view.bounds[3];
      return view;
    });
    return clipToArea(createView({ key: 'main', className: 'android.widget.LinearLayout', packageName, resourceId: `${packageName}:id/main`, bounds: area, children: [...head.views, list, ...tailViews] }), area);
  }
  const natural = layoutStack(screen.widgets, 'main', left + pad, top + pad, innerWidth, ctx);
  const contentHeight = natural.bottom + pad - top;
  const viewport = bottom - top;
  if (contentHeight <= viewport) {
    return createView({ key: 'main', className: 'android.widget.LinearLayout', packageName, resourceId: `${packageName}:id/main`, bounds: area, children: natural.views });
  }
  const max = contentHeight - viewport;
  const offset = Math.min(max, Math.max(0, ctx.state.scroll['scroll'] ?? 0));
  const shifted = layoutStack(screen.widgets, 'main', left + pad, top + pad - offset, innerWidth, ctx);
  const inner = createView({ key: 'main', className: 'android.widget.LinearLayout', packageName, resourceId: `${packageName}:id/main`, bounds: [left, top - offset, right, top - offset + contentHeight], children: shifted.views });
  return clipToArea(createView({
    key: 'scroll', className: 'android.widget.ScrollView', packageName, focusable: true, scrollable: true, clip: true,
    scroll: { stateKey: 'scroll', max }, bounds: area, children: [inner],
  }), area);
}

/** Drops views outside `area` and clips the bounds of the rest (nested scroll viewports clip further). */
export function clipToArea(view: View, area: Bounds): View {
  const bounds = intersectBounds(view.bounds, area) ?? view.bounds;
  const childArea = view.clip ? (intersectBounds(area, view.bounds) ?? area) : area;
  const children: View[] = [];
  for (const child of view.children) {
    if (!intersectBounds(child.bounds, childArea)) continue;
    children.push(clipToArea(child, childArea));
  }
  return { ...view, bounds, children };
}
