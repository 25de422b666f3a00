/** Lookups on laid-out views and window-stack values that the device UI's input handling needs. */
import type { ScreenState } from './screen-state.ts';
import type { AppSpec } from './screen-spec.ts';
import { containsPoint, type View } from './view.ts';
import type { WindowStackState } from './window-stack.ts';

export function currentText(state: ScreenState, view: View): string {
  const stored = view.textKey ? state.values[view.textKey]?.text : undefined;
  return stored ?? view.editText ?? '';
}

export function activityForScreen(app: AppSpec | undefined, packageName: string, screenId: string): string {
  const mapped = Object.entries(app?.activities ?? {}).find(([, screen]) => screen === screenId)?.[0];
  return mapped ?? `${packageName}.${screenId.charAt(0).toUpperCase()}${screenId.slice(1)}Activity`;
}

export function findByKey(view: View, key: string): View | undefined {
  if (view.key === key) return view;
  for (const child of view.children) {
    const found = findByKey(child, key);
    if (found) return found;
  }
  return undefined;
}

/** The deepest view under the point that reacts to a tap (later siblings are drawn on top). */
export function findActionAt(view: View, x: number, y: number): View | undefined {
  if (!containsPoint(view.bounds, x, y)) return undefined;
  for (const child of [...view.children].reverse()) {
    const found = findActionAt(child, x, y);
    if (found) return found;
  }
  return view.action ? view : undefined;
}

export function findScrollableAt(view: View, x: number, y: number): View | undefined {
  if (!containsPoint(view.bounds, x, y)) return undefined;
  for (const child of [...view.children].reverse()) {
    const found = findScrollableAt(child, x, y);
    if (found) return found;
  }
  return view.scroll ? view : undefined;
}

export function isWindowStackState(value: unknown): value is WindowStackState {
  return typeof value === 'object' && value !== null && Array.isArray((value as { tasks?: unknown }).tasks)
    && typeof (value as { shade?: unknown }).shade === 'object';
}
