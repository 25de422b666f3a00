/**
 * The model's side of the UI seam: which packages exist (label, launcher activity, APK entries),
 * notifications, logging and the clock, as `createDeviceUi(host)` needs them.
 */
// The synchronous ZIP reader: UiPackageInfo.readEntry is synchronous, harness/apk's readApkEntry is not.
import { openZip, readZipEntry, type ZipArchive } from '../../harness/apk/zip-reader.ts';
import type { UiHost, UiNotification, UiPackageInfo } from '../ui/contracts.ts';
import type { AndroidModel } from './android-model.ts';
import { isComponentEnabled, isPackageEnabled, type PackageRecord } from './package-record.ts';

export function createUiHost(device: AndroidModel): UiHost {
  const archives = new Map<string, ZipArchive>();
  const readEntry = (record: PackageRecord, name: string): Buffer | undefined => {
    const sha = record.apkSha256;
    if (sha === undefined) return undefined;
    let zip = archives.get(sha);
    if (zip === undefined) {
      const bytes = device.getBlob(sha);
      if (bytes === undefined) return undefined;
      zip = openZip(bytes, `${record.codePath}/base.apk`);
      archives.set(sha, zip);
    }
    const entry = zip.byName.get(name);
    return entry === undefined ? undefined : readZipEntry(zip, entry);
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
        enabled: isPackageEnabled(record),
        readEntry: (name: string) => readEntry(record, name),
      };
    }),
    notifications: (): UiNotification[] => device.notifications.list().map(toUiNotification),
    postNotification: (notification) => {
      const uid = device.packages.get(notification.packageName)?.uid ?? 1000;
      return toUiNotification(device.notifications.post({ ...notification, uid }));
    },
    cancelNotification: (key) => {
      device.notifications.cancel(key);
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
  };
}
