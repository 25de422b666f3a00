/**
 * Android 10+ keeps a launcher icon for an app that hid its own: LauncherApps.getActivityList adds a
 * synthesized "app details" activity when LauncherAppsService.shouldShowSyntheticActivity holds —
 * a non-system app that is not the device owner, requests permissions, and whose manifest enables a
 * launcher activity it later disabled. The Settings.Global `show_hidden_icon_apps_enabled` (default
 * on) turns the feature off. Tapping it opens the app's App info.
 */
import type { ApkComponent } from '../../harness/apk/types.ts';
import type { AndroidModel } from './android-model.ts';
import { isComponentEnabled, type PackageRecord } from './package-record.ts';

export function showsSyntheticIcon(device: AndroidModel, record: PackageRecord, launcher: ApkComponent | undefined): boolean {
  if (device.profile.apiLevel < 29 || launcher === undefined || isComponentEnabled(record, launcher)) return false;
  if (device.getSetting('global', 'show_hidden_icon_apps_enabled') === '0') return false;
  if (record.system || record.requestedPermissions.length === 0 || launcher.enabled === false) return false;
  const owner = device.policy.deviceOwner;
  return owner === null || !owner.startsWith(`${record.packageName}/`);
}
