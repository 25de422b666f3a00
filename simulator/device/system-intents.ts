/**
 * Implicit intents that system apps answer (Settings' special-access pages, the package installer's
 * APK view): `am start -a <action> [-d <data>] [--es k v]` resolves here when no component or package
 * is named. The app layer registers the handler per device; the shell's `am` asks it.
 */
import type { AndroidModel } from './android-model.ts';

export interface SystemIntent {
  action: string;
  data: string | undefined;
  extras: Readonly<Record<string, string>>;
}

/** The activity that took the intent (for `am start -W` and ActivityTaskManager's log). */
export interface SystemIntentStart {
  packageName: string;
  activity: string;
}

export type SystemIntentHandler = (intent: SystemIntent) => SystemIntentStart | undefined;

const handlers = new WeakMap<AndroidModel, SystemIntentHandler>();

export function registerSystemIntentHandler(device: AndroidModel, handler: SystemIntentHandler | undefined): void {
  if (handler) handlers.set(device, handler);
  else handlers.delete(device);
}

/** Starts the system activity for the intent; undefined when no system app resolves it. */
export function startSystemIntent(device: AndroidModel, intent: SystemIntent): SystemIntentStart | undefined {
  return handlers.get(device)?.(intent);
}
