/**
 * Lays out widgets in a vertical stack: each widget gets the stack's width and as much height as its
 * content needs (text wraps at the font's real advances). Bounds are absolute screen pixels; scrolling
 * is applied by the caller (layout-screen.ts) by shifting the stack's top.
 */
import { COLORS, type Dimens } from './dimens.ts';
import { resolveResourceId, type ScreenState } from './screen-state.ts';
import type { ListSpec, WidgetSpec } from './screen-spec.ts';
import { ellipsize, wrapText } from './text-layout.ts';
import { createView, type DrawOp, type View } from './view.ts';

export interface LayoutContext {
  dimens: Dimens;
  packageName: string;
  state: ScreenState;
}

/** Android class names of the widget kinds. */
const CLASS_NAMES: Record<WidgetSpec['kind'], string> = {
  TextView: 'android.widget.TextView',
  Button: 'android.widget.Button',
  EditText: 'android.widget.EditText',
  CheckBox: 'android.widget.CheckBox',
  Switch: 'android.widget.Switch',
  ImageView: 'android.widget.ImageView',
  ProgressBar: 'android.widget.ProgressBar',
  RecyclerView: 'androidx.recyclerview.widget.RecyclerView',
  ListView: 'android.widget.ListView',
  LinearLayout: 'android.widget.LinearLayout',
};

/** A stable key for a widget: its id when it has one, else its kind and position. */
export function keyOfWidget(spec: WidgetSpec, parentKey: string, index: number): string {
  return spec.id ? `${parentKey}/#${spec.id}` : `${parentKey}/${spec.kind}${index}`;
}

/** Lays out `specs` top to bottom from `top`; returns the views and the bottom of the stack. */
export function layoutStack(specs: WidgetSpec[], parentKey: string, left: number, top: number, width: number, ctx: LayoutContext): { views: View[]; bottom: number } {
  const views: View[] = [];
  let y = top;
  specs.forEach((spec, index) => {
    const view = layoutWidget(spec, keyOfWidget(spec, parentKey, index), left, y, width, ctx);
    views.push(view);
    y = view.bounds[3];
  });
  return { views, bottom: y };
}

export function layoutWidget(spec: WidgetSpec, key: string, left: number, top: number, width: number, ctx: LayoutContext, listHeight?: number): View {
  const { dimens } = ctx;
  const base = {
    key,
    className: CLASS_NAMES[spec.kind],
    packageName: ctx.packageName,
    enabled: spec.enabled ?? true,
    ...optional('resourceId', resolveResourceId(spec.id, ctx.packageName)),
    ...optional('contentDesc', spec.desc),
    ...(spec.onTap ? { clickable: true, action: { kind: 'app' as const, action: spec.onTap } } : {}),
  };
  const value = ctx.state.values[key];
  switch (spec.kind) {
    case 'TextView': {
      const face = dimens.face(spec.style ?? 'body');
      const pad = dimens.dp(4);
      const lines = wrapText(spec.text, face, width);
      const color = spec.color ?? (spec.style === 'caption' ? COLORS.secondaryText : COLORS.text);
      const draw: DrawOp[] = lines.map((line, i) => ({ op: 'text', x: left, y: top + pad + i * face.lineHeight, text: line, face, color }));
      return createView({ ...base, text: spec.text, bounds: [left, top, left + width, top + 2 * pad + lines.length * face.lineHeight], draw });
    }
    case 'Button': {
      const face = dimens.face('button');
      const margin = dimens.dp(6);
      const height = dimens.dp(40);
      const label = ellipsize(spec.text, face, width - dimens.dp(48));
      const buttonWidth = Math.min(width, Math.max(dimens.dp(88), face.measure(label) + dimens.dp(48)));
      const y = top + margin;
      const enabled = spec.enabled ?? true;
      const filled = (spec.variant ?? 'filled') === 'filled';
      const draw: DrawOp[] = [];
      if (filled) draw.push({ op: 'rect', x: left, y, w: buttonWidth, h: height, color: enabled ? COLORS.accent : COLORS.disabled, radius: height / 2 });
      const textColor = filled ? COLORS.onAccent : enabled ? COLORS.accent : COLORS.disabled;
      draw.push({ op: 'text', x: left + (buttonWidth - face.measure(label)) / 2, y: y + (height - face.lineHeight) / 2, text: label, face, color: textColor });
      return createView({ ...base, text: spec.text, clickable: true, focusable: true, bounds: [left, y, left + buttonWidth, y + height], draw });
    }
    case 'EditText': {
      const face = dimens.face('body');
      const height = dimens.dp(56);
      const text = value?.text ?? spec.text ?? '';
      const focused = ctx.state.focused === key;
      const shown = spec.password ? '•'.repeat([...text].length) : text;
      const draw: DrawOp[] = [
        { op: 'text', x: left, y: top + (height - face.lineHeight) / 2, text: ellipsize(shown || (spec.hint ?? ''), face, width), face, color: shown ? COLORS.text : COLORS.hint },
        { op: 'rect', x: left, y: top + height - dimens.dp(focused ? 2 : 1), w: width, h: dimens.dp(focused ? 2 : 1), color: focused ? COLORS.accent : COLORS.secondaryText },
      ];
      // Like AccessibilityNodeInfo on API 26+, an empty field reports its hint as its text.
      return createView({ ...base, text: shown || (spec.hint ?? ''), clickable: true, focusable: true, longClickable: true, focused, password: spec.password ?? false, bounds: [left, top, left + width, top + height], draw, textKey: key, editText: text, ...(spec.hint ? { hint: spec.hint } : {}), ...(spec.onSubmit ? { submit: spec.onSubmit } : {}), action: { kind: 'focus', stateKey: key } });
    }
    case 'CheckBox':
    case 'Switch': {
      const face = dimens.face('body');
      const height = dimens.dp(48);
      const checked = value?.checked ?? spec.checked ?? false;
      const mid = top + height / 2;
      const draw: DrawOp[] = [];
      let textX = left;
      if (spec.kind === 'CheckBox') {
        const box = dimens.dp(18);
        draw.push({ op: 'rect', x: left + dimens.dp(3), y: mid - box / 2, w: box, h: box, color: checked ? COLORS.accent : COLORS.secondaryText, radius: dimens.dp(2) });
        if (!checked) draw.push({ op: 'rect', x: left + dimens.dp(5), y: mid - box / 2 + dimens.dp(2), w: box - dimens.dp(4), h: box - dimens.dp(4), color: COLORS.windowBackground });
        else draw.push({ op: 'text', x: left + dimens.dp(5), y: mid - face.lineHeight / 2, text: '✓', face: dimens.face('button'), color: COLORS.onAccent });
        textX = left + dimens.dp(36);
      } else {
        const trackW = dimens.dp(36);
        const trackH = dimens.dp(14);
        const trackX = left + width - trackW;
        draw.push({ op: 'rect', x: trackX, y: mid - trackH / 2, w: trackW, h: trackH, color: checked ? 0x8ab4f8 : COLORS.trackOff, radius: trackH / 2 });
        draw.push({ op: 'circle', cx: checked ? trackX + trackW - dimens.dp(10) : trackX + dimens.dp(10), cy: mid, r: dimens.dp(10), color: checked ? COLORS.accent : 0xf1f1f1 });
      }
      const label = ellipsize(spec.text, face, width - (textX - left) - dimens.dp(48));
      draw.push({ op: 'text', x: textX, y: mid - face.lineHeight / 2, text: label, face, color: COLORS.text });
      return createView({ ...base, text: spec.text, checkable: true, checked, clickable: true, focusable: true, bounds: [left, top, left + width, top + height], draw, action: { kind: 'toggle', stateKey: key, ...optional('then', spec.onTap) } });
    }
    case 'ImageView': {
      const size = dimens.dp(spec.size ?? 48);
      const margin = dimens.dp(8);
      return createView({ ...base, bounds: [left, top + margin, left + size, top + margin + size], draw: [{ op: 'rect', x: left, y: top + margin, w: size, h: size, color: spec.color ?? COLORS.accent, radius: size / 4 }] });
    }
    case 'ProgressBar': {
      if (spec.progress === undefined) {
        const size = dimens.dp(48);
        const cx = left + width / 2;
        const cy = top + dimens.dp(8) + size / 2;
        return createView({ ...base, bounds: [Math.round(cx - size / 2), top + dimens.dp(8), Math.round(cx + size / 2), top + dimens.dp(8) + size], draw: [
          { op: 'circle', cx, cy, r: size / 2, color: COLORS.accent },
          { op: 'circle', cx, cy, r: size / 2 - dimens.dp(4), color: COLORS.windowBackground },
          { op: 'rect', x: cx - size / 2, y: cy, w: size / 2, h: size / 2, color: COLORS.windowBackground },
        ] });
      }
      const barTop = top + dimens.dp(8);
      const barH = dimens.dp(4);
      const filled = Math.round((width * Math.max(0, Math.min(100, spec.progress))) / 100);
      // A determinate bar has RangeInfo: UiAutomator2 reports its current value as the text ("40.0").
      return createView({ ...base, text: `${spec.progress.toFixed(1)}`, bounds: [left, barTop, left + width, barTop + barH], draw: [
        { op: 'rect', x: left, y: barTop, w: width, h: barH, color: COLORS.divider },
        { op: 'rect', x: left, y: barTop, w: filled, h: barH, color: COLORS.accent },
      ] });
    }
    case 'RecyclerView':
    case 'ListView':
      return layoutList(spec, base, key, left, top, width, ctx, listHeight);
    case 'LinearLayout': {
      if ((spec.orientation ?? 'vertical') === 'vertical') {
        const { views, bottom } = layoutStack(spec.children, key, left, top, width, ctx);
        return createView({ ...base, bounds: [left, top, left + width, bottom], children: views });
      }
      const gap = dimens.dp(8);
      const share = spec.children.length === 0 ? 0 : Math.floor((width - gap * (spec.children.length - 1)) / spec.children.length);
      const children = spec.children.map((child, index) => layoutWidget(child, keyOfWidget(child, key, index), left + index * (share + gap), top, share, ctx));
      const bottom = Math.max(top, ...children.map((child) => child.bounds[3]));
      return createView({ ...base, bounds: [left, top, left + width, bottom], children });
    }
  }
}

/** Rows of a list; `listHeight` (when the list fills the rest of the screen) makes it a scroll viewport. */
function layoutList(spec: ListSpec, base: Omit<View, 'bounds' | 'children'>, key: string, left: number, top: number, width: number, ctx: LayoutContext, listHeight?: number): View {
  const { dimens } = ctx;
  const titleFace = dimens.face('title');
  const subtitleFace = dimens.face('caption');
  const pad = dimens.dp(16);
  const rowHeights = spec.items.map((item) => dimens.dp(item.subtitle ? 72 : 56));
  const contentHeight = rowHeights.reduce((sum, h) => sum + h, 0);
  const viewport = listHeight ?? contentHeight;
  const max = Math.max(0, contentHeight - viewport);
  const offset = Math.min(max, Math.max(0, ctx.state.scroll[key] ?? 0));
  const rowsKey = spec.kind === 'ListView';
  let y = top - offset;
  // Rows are keyed by item id so an element stays the same element while the list scrolls; a
  // repeated id gets its occurrence number so that two rows never share a key.
  const seenIds = new Map<string, number>();
  const rows = spec.items.map((item, index) => {
    const h = rowHeights[index]!;
    const rowTop = y;
    y += h;
    const titleTop = rowTop + (h - titleFace.lineHeight - (item.subtitle ? subtitleFace.lineHeight : 0)) / 2;
    const titleId = rowsKey ? 'android:id/text1' : resolveResourceId('title', ctx.packageName);
    const subtitleId = rowsKey ? 'android:id/text2' : resolveResourceId('subtitle', ctx.packageName);
    const occurrence = item.id === undefined ? 0 : (seenIds.get(item.id) ?? 0);
    if (item.id !== undefined) seenIds.set(item.id, occurrence + 1);
    const rowKey = item.id === undefined ? `${key}/row:${index}` : `${key}/row:${item.id}${occurrence > 0 ? `#${occurrence}` : ''}`;
    const children: View[] = [createView({
      key: `${rowKey}/title`, className: 'android.widget.TextView', packageName: ctx.packageName, text: item.title,
      ...optional('resourceId', titleId),
      bounds: [left + pad, Math.round(titleTop), left + width - pad, Math.round(titleTop) + titleFace.lineHeight],
      draw: [{ op: 'text', x: left + pad, y: titleTop, text: ellipsize(item.title, titleFace, width - 2 * pad), face: titleFace, color: COLORS.text }],
    })];
    if (item.subtitle) {
      const subTop = Math.round(titleTop) + titleFace.lineHeight;
      children.push(createView({
        key: `${rowKey}/subtitle`, className: 'android.widget.TextView', packageName: ctx.packageName, text: item.subtitle,
        ...optional('resourceId', subtitleId),
        bounds: [left + pad, subTop, left + width - pad, subTop + subtitleFace.lineHeight],
        draw: [{ op: 'text', x: left + pad, y: subTop, text: ellipsize(item.subtitle, subtitleFace, width - 2 * pad), face: subtitleFace, color: COLORS.secondaryText }],
      }));
    }
    return createView({
      key: rowKey,
      className: rowsKey ? 'android.widget.TwoLineListItem' : 'android.widget.LinearLayout',
      packageName: ctx.packageName,
      ...optional('resourceId', resolveResourceId(item.id, ctx.packageName)),
      ...optional('contentDesc', item.desc),
      clickable: true,
      focusable: true,
      bounds: [left, rowTop, left + width, rowTop + h],
      draw: [{ op: 'rect', x: left, y: rowTop + h - 1, w: width, h: 1, color: COLORS.divider }],
      ...(item.onTap ? { action: { kind: 'app' as const, action: item.onTap } } : {}),
      children,
    });
  });
  return createView({
    ...base,
    focusable: true,
    scrollable: max > 0,
    clip: true,
    ...(max > 0 ? { scroll: { stateKey: key, max } } : {}),
    bounds: [left, top, left + width, top + viewport],
    children: rows,
  });
}

/** `{ [name]: value }` when value is defined, else `{}` (exactOptionalPropertyTypes forbids explicit undefined). */
export function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}
