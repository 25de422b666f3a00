/**
 * A laid-out view: what the hierarchy dump shows (a UiNode without uid) plus how to draw it and what a
 * tap on it does. Layout builds these fresh from the window stack; uids come from stable keys.
 */
import type { UiNode } from './contracts.ts';
import type { Rgb } from './render/canvas.ts';
import type { FontFace } from './render/font.ts';
import type { TapAction } from './screen-spec.ts';

export type Bounds = [number, number, number, number];

/** Drawing operations in screen pixels, painted in order before the view's children. */
export type DrawOp =
  | { op: 'rect'; x: number; y: number; w: number; h: number; color: Rgb; radius?: number }
  | { op: 'scrim'; color: Rgb; alpha: number }
  | { op: 'circle'; cx: number; cy: number; r: number; color: Rgb }
  | { op: 'text'; x: number; y: number; text: string; face: FontFace; color: Rgb };

/** What activating a view does; resolved by the device UI. */
export type ViewAction =
  | { kind: 'app'; action: TapAction }
  | { kind: 'toggle'; stateKey: string; then?: TapAction }
  | { kind: 'focus'; stateKey: string }
  | { kind: 'launch'; packageName: string }
  | { kind: 'key'; keyCode: number }
  | { kind: 'notification'; key: string }
  | { kind: 'clear-notifications' }
  /** A Recents card: its task comes to the front as it was. */
  | { kind: 'resume-task'; packageName: string }
  /** Recents' "Clear all". */
  | { kind: 'clear-recents' };

export interface View {
  /** Stable key of the view within its window; the uid is `<window instance>/<key>`. */
  key: string;
  className: string;
  packageName: string;
  text?: string;
  resourceId?: string;
  contentDesc?: string;
  checkable?: boolean;
  checked?: boolean;
  clickable?: boolean;
  enabled?: boolean;
  focusable?: boolean;
  focused?: boolean;
  longClickable?: boolean;
  password?: boolean;
  scrollable?: boolean;
  selected?: boolean;
  bounds: Bounds;
  draw?: DrawOp[];
  /** Children are clipped to this view's bounds (scroll containers). */
  clip?: boolean;
  /** For scrollable views: the state key of the scroll offset and how far it can scroll. */
  scroll?: { stateKey: string; max: number };
  /** For text fields: the state key of the text. */
  textKey?: string;
  /** For text fields: the text typed so far (the `text` attribute shows the hint when this is empty). */
  editText?: string;
  /** For text fields: the hint shown while empty. */
  hint?: string;
  /** For text fields: what ENTER in the field does (the app's OnEditorActionListener). */
  submit?: TapAction;
  action?: ViewAction;
  children: View[];
}

/** Builds a view with Android's defaults (enabled, nothing checkable or clickable). */
export function createView(init: Omit<View, 'children'> & { children?: View[] }): View {
  return { enabled: true, children: [], ...init };
}

/** The UiNode tree of a view tree; `prefix` makes keys unique per window instance, `windowId` names the window. */
export function toUiNode(view: View, prefix: string, windowId?: number): UiNode {
  const node: UiNode = {
    uid: `${prefix}/${view.key}`,
    className: view.className,
    packageName: view.packageName,
    text: view.text ?? '',
    resourceId: view.resourceId ?? '',
    contentDesc: view.contentDesc ?? '',
    checkable: view.checkable ?? false,
    checked: view.checked ?? false,
    clickable: view.clickable ?? false,
    enabled: view.enabled ?? true,
    focusable: view.focusable ?? false,
    focused: view.focused ?? false,
    longClickable: view.longClickable ?? false,
    password: view.password ?? false,
    scrollable: view.scrollable ?? false,
    selected: view.selected ?? false,
    bounds: [...view.bounds],
    displayed: true,
    children: view.children.map((child) => toUiNode(child, prefix, windowId)),
  };
  if (windowId !== undefined) node.windowId = windowId;
  if (view.hint !== undefined && view.hint !== '') {
    node.hint = view.hint;
    node.showingHint = (view.editText ?? '') === '';
  }
  return node;
}

export function containsPoint(bounds: Bounds, x: number, y: number): boolean {
  return x >= bounds[0] && x < bounds[2] && y >= bounds[1] && y < bounds[3];
}

/** The intersection of two rectangles, or undefined when they do not overlap. */
export function intersectBounds(a: Bounds, b: Bounds): Bounds | undefined {
  const result: Bounds = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return result[2] > result[0] && result[3] > result[1] ? result : undefined;
}
