/**
 * Android 13's notification runtime permission: whether NotificationManagerService lets a package's
 * notifications through.
 *
 * Real source (frameworks/base, android-13): NotificationManagerService.checkDisqualifyingFeatures
 * drops a notification when `!areNotificationsEnabledForPackageInt(pkg, uid)`, which on API 33 is
 * PermissionHelper.hasPermission(uid) — POST_NOTIFICATIONS granted to the app's uid. Only media-session
 * notifications pass regardless (the virtual apps post none). A foreground service's notification is
 * dropped the same way: the service keeps running and shows in SystemUI's Task Manager (FGS manager,
 * fed by ActivityManager, not by notifications), so `dumpsys notification` does not list it.
 * The drop is silent on a user/userdebug image: the "Suppressing notification from package …" line
 * of PostNotificationRunnable is only logged `if (DBG)` (NotificationManagerService.DBG, off by default).
 */
import type { PackageRecord } from './package-record.ts';

export const POST_NOTIFICATIONS = 'android.permission.POST_NOTIFICATIONS';

/** The first API level where notifications need POST_NOTIFICATIONS (Build.VERSION_CODES.TIRAMISU). */
export const NOTIFICATION_PERMISSION_API = 33;

/**
 * Whether a package's notifications are shown. Before API 33 always. System packages and fixed uids
 * (system_server, shell: com.android.shell declares and is pre-granted POST_NOTIFICATIONS, which is why
 * `cmd notification post` keeps working) hold it; an installed app only once it was granted (by the
 * dialog, `pm grant`, or `pm install -g`).
 */
export function notificationsAllowed(apiLevel: number, record: PackageRecord | undefined, uid: number): boolean {
  if (apiLevel < NOTIFICATION_PERMISSION_API) return true;
  if (record === undefined) return uid < 10_000;
  if (record.system || record.uid < 10_000) return true;
  return record.grantedRuntime.includes(POST_NOTIFICATIONS);
}

/**
 * NotificationManagerService's view of one post: an app's first notification means it created its
 * first channel (an app targeting 26+ must create one; below 26 the service makes the default one),
 * which on API 33 is what triggers the system's notification prompt for apps targeting ≤ 32
 * (createNotificationChannelsImpl → PermissionPolicyService.showNotificationPromptIfNeeded; the
 * broker decides whether it shows). Returns whether the notification is let through.
 */
export function gateNotification(
  apiLevel: number,
  record: PackageRecord | undefined,
  uid: number,
  onFirstChannel: (packageName: string) => void,
): boolean {
  if (record !== undefined && !record.system && record.uid >= 10_000 && record.hasNotificationChannels !== true) {
    record.hasNotificationChannels = true;
    onFirstChannel(record.packageName);
  }
  return notificationsAllowed(apiLevel, record, uid);
}
