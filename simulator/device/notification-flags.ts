/**
 * `Notification.flags` bits (android.app.Notification, API 33) and how the system sets them on a
 * foreground service's notification: ActiveServices (`setServiceForegroundInnerLocked`, and
 * `applyForegroundServiceNotificationLocked` for a notify() with the service's id) adds
 * FLAG_FOREGROUND_SERVICE; NotificationManagerService's PostNotificationRunnable then adds
 * FLAG_ONGOING_EVENT | FLAG_NO_CLEAR and keeps FLAG_FOREGROUND_SERVICE across updates.
 */
export const FLAG_ONGOING_EVENT = 0x2;
export const FLAG_INSISTENT = 0x4;
export const FLAG_ONLY_ALERT_ONCE = 0x8;
export const FLAG_AUTO_CANCEL = 0x10;
export const FLAG_NO_CLEAR = 0x20;
export const FLAG_FOREGROUND_SERVICE = 0x40;

/** The flags a notification ends up with once posted: the app's own plus the foreground-service ones. */
export function postedFlags(appFlags: number, foregroundService: boolean): number {
  return foregroundService ? appFlags | FLAG_FOREGROUND_SERVICE | FLAG_ONGOING_EVENT | FLAG_NO_CLEAR : appFlags;
}

/** The user cannot swipe these away or clear them with "Clear all" (NotificationManagerService.onClearAll). */
export function isUserDismissable(flags: number): boolean {
  return (flags & (FLAG_ONGOING_EVENT | FLAG_NO_CLEAR)) === 0;
}
