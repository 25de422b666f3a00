/**
 * The model's side of the UI seam: which packages exist (label, launcher activity, APK entries),
 * notifications, logging and the clock, as `createDeviceUi(host)` needs them.
 */
import { readApkEntryFromBuffer } from '../../harness/apk/index.ts';
import type { UiHost, UiNotification, UiPackageInfo } from '../ui/contracts.ts';
import type { AndroidModel } from './android-model.ts';
import { isUserDismissable } from './notification-flags.ts';
import { isComponentEnabled, isPackageEnabled, type PackageRecord } from './package-record.ts';
import { showsSyntheticIcon } from './synthetic-launcher-icon.ts';

export function createUiHost(device: AndroidModel): UiHost {
  // Entries are read again and again while screens are laid out; an APK's bytes never change.
  const entries = new Map<string, Buffer | undefined>();
  const readEntry = (record: PackageRecord, name: string): Buffer | undefined => {
    const sha = record.apkSha256;
    if (sha === undefined) return undefined;
    const key = `${sha}:${name}`;
    if (entries.has(key)) return entries.get(key);
    const bytes = device.getBlob(sha);
    const entry = bytes === undefined ? undefined : readApkEntryFromBuffer(bytes, name, `${record.codePath}/base.apk`);
    entries.set(key, entry);
    return entry;
  };
  return {
    profile: device.profile,
    packages: (): UiPackageInfo[] => device.packages.all().map((record) => {
      const launcher = record.components.find((component) => component.name === record.launchableActivity);
      return {
        packageName: record.packageName,
        label: record.label,
        launchableActivity: record.launchableActivity,
        hiddenFromLauncher: launcher === undefined ? record.launchableActivity === undefined : !isComponentEnabled(record, launcher),
        syntheticLauncherIcon: showsSyntheticIcon(device, record, launcher),
        enabled: isPackageEnabled(record),
        readEntry: (name: string) => readEntry(record, name),
      };
    }),
    notifications: (): UiNotification[] => device.notifications.list().map(toUiNotification),
    postNotification: (notification) => {
      const uid = device.packages.get(notification.packageName)?.uid ?? 1000;
      return toUiNotification(device.notifications.post({ ...notification, uid }));
    },
    // The user's "Clear all": ongoing and no-clear notifications stay (NotificationManagerService.onClearAll).
    cancelNotification: (key) => {
      const record = device.notifications.list().find((entry) => entry.key === key);
      if (record !== undefined && isUserDismissable(record.flags)) device.notifications.cancel(key);
    },
    log: (tag, message, priority = 'I') => {
      device.logSystem(tag, message, priority);
    },
    now: () => device.now(),
  };
}

function toUiNotification(record: UiNotification): UiNotification {
  return {
    key: record.key,
    packageName: record.packageName,
    id: record.id,
    channelId: record.channelId,
    title: record.title,
    text: record.text,
    postTime: record.postTime,
    ...(record.importance === undefined ? {} : { importance: record.importance }),
  };
}
