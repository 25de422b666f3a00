/** The DeviceUi of the simulator, plus the hooks app behaviour (a later layer) drives. */
import type { DeviceUi } from './contracts.ts';
import type { AppSpec, DialogSpec, ScreenSpec, TapAction } from './screen-spec.ts';

/** An app behaviour's hook: what a widget's `{ type: 'event' }` tap tells it. */
export interface UiEvent {
  packageName: string;
  activity: string;
  name: string;
}

/** DeviceUi plus what apps' behaviour (a later layer) drives: screens, dialogs, events. */
export interface SimulatedDeviceUi extends DeviceUi {
  /** Registers the screens of a package (from its behaviour file); `undefined` removes them. */
  defineApp(packageName: string, spec: AppSpec | undefined): void;
  /** Pushes a screen given directly on the package's task (starting the task if needed). */
  showScreen(packageName: string, screen: ScreenSpec, activity?: string): void;
  /** Shows a dialog over the package's front activity; false when the package has no activity. */
  showDialog(packageName: string, dialog: DialogSpec): boolean;
  onUiEvent(listener: (event: UiEvent) => void): () => void;
  /** Shows a toast for `durationMs` of device time (Toast.LENGTH_SHORT is 2000, LENGTH_LONG 3500). */
  showToast(packageName: string, text: string, durationMs?: number): void;
  /**
   * Shows a window over other apps (TYPE_APPLICATION_OVERLAY, as an app holding SYSTEM_ALERT_WINDOW adds
   * one): drawn over every app, takes taps, never the focused (active) window; its buttons remove it.
   */
  showOverlay(packageName: string, dialog: DialogSpec): void;
  /** Removes the package's overlay windows (the app removed its view, or it was stopped). */
  removeOverlays(packageName: string): void;
  /** Runs a tap action on the package's front activity, as if one of its widgets had been tapped (app behaviour). */
  runAppAction(packageName: string, action: TapAction): boolean;
  /** The app's main thread blocks (true) or runs again (false); key events then wait for it (ui-activity.ts). */
  setUiThreadBlocked(packageName: string, blocked: boolean): void;
}
