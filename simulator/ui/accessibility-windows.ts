/**
 * The window stack as the accessibility framework reports it to UiAutomation: windows topmost first
 * (AccessibilityWindowsPopulator.populateVisibleWindowsOnScreenLocked: "z-order … from the top to bottom"),
 * only windows with a touchable region (onWindowInfosChangedInternal drops the rest, so toasts, which are
 * FLAG_NOT_TOUCHABLE, are never reported), and one active window: the focused one
 * (AccessibilityWindowManager sets the active window to the input-focused window).
 *
 * Focusable windows are the app or launcher window, a dialog over it (an AlertDialog is its own focusable
 * window), and the expanded notification shade. Windows apps draw over other apps (TYPE_APPLICATION_OVERLAY
 * with FLAG_NOT_FOCUSABLE, as alert overlays are added), the status and navigation bars, heads-up banners and
 * the soft keyboard never take focus, so they are never the active window.
 */
import type { UiNode, UiWindow, UiWindowType } from './contracts.ts';

export type WindowKind = 'app' | 'home' | 'dialog' | 'shade' | 'system' | 'toast' | 'overlay' | 'headsup' | 'ime';

export interface StackedWindow {
  kind: WindowKind;
  id: number;
  root: UiNode;
}

const FOCUSABLE: ReadonlySet<WindowKind> = new Set(['app', 'home', 'dialog', 'shade']);

function typeOf(kind: WindowKind): UiWindowType {
  if (kind === 'ime') return 'input_method';
  return kind === 'app' || kind === 'home' || kind === 'dialog' ? 'application' : 'system';
}

/** `windows` bottom to top, as the device UI stacks them; returns UiAutomation.getWindows(), topmost first. */
export function listAccessibilityWindows(windows: readonly StackedWindow[]): UiWindow[] {
  const reported = windows.filter((window) => window.kind !== 'toast').reverse();
  const active = reported.find((window) => FOCUSABLE.has(window.kind));
  return reported.map((window) => ({ id: window.id, type: typeOf(window.kind), active: window === active, root: window.root }));
}

/**
 * Window ids, stable while a window lives: the window manager numbers windows as they are added, so a
 * window shown again (a new dialog, the shade reopened) gets a new id.
 */
export class WindowIds {
  readonly #ids = new Map<string, number>();
  // Low ids go to windows created while the system boots; app windows come later.
  #next = 2;

  idOf(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#next++;
      this.#ids.set(key, id);
    }
    return id;
  }
}
