/**
 * Android 13 drops every notification of an app that does not hold POST_NOTIFICATIONS
 * (NotificationManagerService.checkDisqualifyingFeatures), silently. A product that never asked for
 * it, or whose dialog was denied, therefore alerts by notification on no real phone: the harness
 * reads the grant state once onboarding is over and writes it down as evidence, so a reader of the
 * cell sees why no notification counted.
 */
import type { AndroidEnv } from '../android/index.ts';
import { parseNotificationPermission, runAdb, type NotificationPermissionState } from '../android/index.ts';

export interface NotificationPermissionNoteOptions {
  env: AndroidEnv;
  serial: string;
  packageName: string;
  signal: AbortSignal;
}

/** The note for the evidence when the product's notifications are not shown; undefined when they are. */
export async function readNotificationPermissionNote(options: NotificationPermissionNoteOptions): Promise<string | undefined> {
  // Both at once: the dump is only read on API 33+.
  const [sdk, dump] = await Promise.all([
    runAdb(options.env, options.serial, ['shell', 'getprop', 'ro.build.version.sdk'], { signal: options.signal, timeoutMs: 20_000 }),
    runAdb(options.env, options.serial, ['shell', 'dumpsys', 'package', options.packageName], { signal: options.signal, timeoutMs: 30_000 }),
  ]);
  if (Number.parseInt(sdk.stdout.trim(), 10) < 33) return undefined;
  return describeNotificationPermission(parseNotificationPermission(dump.stdout, options.packageName));
}

/** The sentence for a grant state (API 33+), or undefined when notifications are shown. */
export function describeNotificationPermission(state: NotificationPermissionState | undefined): string | undefined {
  const dropped = 'Android 13 drops its notifications, so none was shown or counted as an alert';
  switch (state) {
    case 'never-asked':
      return `POST_NOTIFICATIONS not granted: the product never asked (no permission dialog was answered); ${dropped}`;
    case 'denied':
      return `POST_NOTIFICATIONS not granted: the product asked and its dialog was denied; ${dropped}`;
    case 'not-requested':
      return `POST_NOTIFICATIONS not granted: the product never asked (it does not request it in its manifest); ${dropped}`;
    default:
      return undefined;
  }
}
