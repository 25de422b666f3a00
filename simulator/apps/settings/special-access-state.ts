/**
 * The special accesses Android 13's Settings grants, as state: which apps each page lists, whether an
 * app holds the access, and what a switch writes. Each page writes what AOSP Settings writes, which
 * is also what the adb fallbacks write (`appops set`, `settings put secure`, `dpm set-active-admin`,
 * `pm grant`, `cmd deviceidle whitelist +pkg`), so `appops get`, `settings get secure`, `dumpsys
 * device_policy` and `dumpsys deviceidle whitelist` read the same answer either way.
 *
 * Real source (packages/apps/Settings, Android 13):
 * - all files: ManageExternalStorageDetails.setManageExternalStorageState → setUidMode(OP_MANAGE_EXTERNAL_STORAGE,
 *   allowed ? MODE_ALLOWED : MODE_ERRORED); listed: apps requesting MANAGE_EXTERNAL_STORAGE (AppStateManageExternalStorageBridge).
 * - usage: UsageAccessDetails.setHasAccess → setMode(OP_GET_USAGE_STATS, MODE_ALLOWED : MODE_IGNORED);
 *   listed: apps requesting PACKAGE_USAGE_STATS (AppStateUsageBridge).
 * - overlay: DrawOverlayDetails.setCanDrawOverlay → setMode(OP_SYSTEM_ALERT_WINDOW, MODE_ALLOWED : MODE_ERRORED);
 *   listed: apps requesting SYSTEM_ALERT_WINDOW (AppStateOverlayBridge).
 * - notification access: NotificationBackend / ManagedServiceSettings → NotificationManager.setNotificationListenerAccessGranted,
 *   kept in secure enabled_notification_listeners; listed: services guarded by BIND_NOTIFICATION_LISTENER_SERVICE.
 * - accessibility: AccessibilityUtils.setAccessibilityServiceState → secure enabled_accessibility_services;
 *   listed: services guarded by BIND_ACCESSIBILITY_SERVICE (AccessibilitySettings "Downloaded apps").
 * - battery: PowerAllowlistBackend.addApp → DeviceIdleController.addPowerSaveWhitelistApp; the
 *   request dialog (fuelgauge/RequestIgnoreBatteryOptimizations) needs the app to request REQUEST_IGNORE_BATTERY_OPTIMIZATIONS.
 * - device admin: DeviceAdminAdd → DevicePolicyManager.setActiveAdmin; receivers need BIND_DEVICE_ADMIN and
 *   android.app.device_admin meta-data (DeviceAdminInfo).
 * - notifications: NotificationBackend.setNotificationsEnabledForPackage → PermissionHelper.setNotificationPermission
 *   (grant/revoke POST_NOTIFICATIONS with FLAG_PERMISSION_USER_SET).
 */
import type { AndroidModel } from '../../device/android-model.ts';
import { expandClassName, shortComponentName, type PackageRecord } from '../../device/package-record.ts';
import { updateFlags } from '../../device/permission-flags.ts';
import { appendToSecureList } from '../grant-special-access.ts';

export const ACCESS_KINDS = ['allFiles', 'usage', 'notificationListener', 'accessibility', 'overlay', 'batteryOptimization', 'deviceAdmin', 'postNotifications'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

const PERMISSION_OF: Partial<Record<AccessKind, string>> = {
  allFiles: 'android.permission.MANAGE_EXTERNAL_STORAGE',
  usage: 'android.permission.PACKAGE_USAGE_STATS',
  overlay: 'android.permission.SYSTEM_ALERT_WINDOW',
  batteryOptimization: 'android.permission.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS',
  postNotifications: 'android.permission.POST_NOTIFICATIONS',
};

const APP_OP_OF: Partial<Record<AccessKind, { op: string; off: 'deny' | 'ignore' }>> = {
  allFiles: { op: 'MANAGE_EXTERNAL_STORAGE', off: 'deny' },
  usage: { op: 'GET_USAGE_STATS', off: 'ignore' },
  overlay: { op: 'SYSTEM_ALERT_WINDOW', off: 'deny' },
};

const GUARD_OF: Partial<Record<AccessKind, { permission: string; kinds: readonly string[] }>> = {
  accessibility: { permission: 'android.permission.BIND_ACCESSIBILITY_SERVICE', kinds: ['service', 'accessibility-service'] },
  notificationListener: { permission: 'android.permission.BIND_NOTIFICATION_LISTENER_SERVICE', kinds: ['service', 'notification-listener'] },
  deviceAdmin: { permission: 'android.permission.BIND_DEVICE_ADMIN', kinds: ['receiver', 'device-admin'] },
};

const SECURE_LIST: Partial<Record<AccessKind, string>> = {
  accessibility: 'enabled_accessibility_services',
  notificationListener: 'enabled_notification_listeners',
};

/** The accesses Android 13 keeps behind "restricted settings" for sideloaded apps. */
export const RESTRICTED_ACCESSES: readonly AccessKind[] = ['accessibility', 'notificationListener'];

/** The components of an app a page lists (services / admin receivers), fully qualified. */
export function componentsFor(record: PackageRecord, access: AccessKind): string[] {
  const guard = GUARD_OF[access];
  if (!guard) return [];
  return record.components
    .filter((component) => guard.kinds.includes(component.kind) && component.permission === guard.permission)
    .filter((component) => access !== 'deviceAdmin' || (component.metaData ?? []).includes('android.app.device_admin'))
    .map((component) => component.name);
}

/** Whether the page for `access` lists this app, as Settings' bridges filter them. */
export function isListed(record: PackageRecord, access: AccessKind): boolean {
  if (GUARD_OF[access]) return componentsFor(record, access).length > 0;
  if (access === 'postNotifications') return !record.system;
  const permission = PERMISSION_OF[access];
  return permission !== undefined && record.requestedPermissions.includes(permission);
}

export function listedApps(device: AndroidModel, access: AccessKind): PackageRecord[] {
  return device.packages.all().filter((record) => isListed(record, access)).sort((a, b) => a.label.localeCompare(b.label));
}

function secureEntries(device: AndroidModel, key: string): string[] {
  return (device.getSetting('secure', key) ?? '').split(':').filter((entry) => entry !== '' && entry !== 'null');
}

function flattened(packageName: string, className: string): string {
  return `${packageName}/${expandClassName(packageName, className)}`;
}

/** Whether one component (or, without one, any of the app's) holds the access. */
export function hasAccess(device: AndroidModel, record: PackageRecord, access: AccessKind, component?: string): boolean {
  const pkg = record.packageName;
  const appOp = APP_OP_OF[access];
  if (appOp) return device.policy.appOps[pkg]?.[appOp.op]?.mode === 'allow';
  const key = SECURE_LIST[access];
  const components = component === undefined ? componentsFor(record, access) : [expandClassName(pkg, component)];
  if (key) {
    const entries = secureEntries(device, key);
    return components.some((name) => entries.includes(flattened(pkg, name)) || entries.includes(shortComponentName(pkg, name)));
  }
  switch (access) {
    case 'deviceAdmin':
      return components.some((name) => device.policy.deviceAdmins.includes(shortComponentName(pkg, name)));
    case 'batteryOptimization':
      return device.policy.deviceIdleWhitelist.includes(pkg);
    case 'postNotifications':
      return record.grantedRuntime.includes('android.permission.POST_NOTIFICATIONS');
    default:
      return false;
  }
}

/** What the page's switch writes; `component` picks a service or receiver (default: the app's first). */
export function setAccess(device: AndroidModel, record: PackageRecord, access: AccessKind, on: boolean, component?: string): void {
  const pkg = record.packageName;
  const appOp = APP_OP_OF[access];
  if (appOp) {
    const ops = (device.policy.appOps[pkg] ??= {});
    ops[appOp.op] = { mode: on ? 'allow' : appOp.off, time: device.now() };
    return;
  }
  const name = component === undefined ? componentsFor(record, access)[0] : expandClassName(pkg, component);
  const key = SECURE_LIST[access];
  if (key) {
    if (name === undefined) return;
    const entry = flattened(pkg, name);
    if (on) appendToSecureList(device, key, entry);
    else device.putSetting('secure', key, secureEntries(device, key).filter((item) => item !== entry && item !== shortComponentName(pkg, name)).join(':'));
    if (access === 'accessibility') {
      device.putSetting('secure', 'accessibility_enabled', secureEntries(device, key).length > 0 ? '1' : '0');
      device.logSystem('AccessibilityManagerService', `${on ? 'enabled' : 'disabled'} ${entry}`);
    }
    return;
  }
  switch (access) {
    case 'deviceAdmin': {
      if (name === undefined) return;
      const admin = shortComponentName(pkg, name);
      if (on && !device.policy.deviceAdmins.includes(admin)) device.policy.deviceAdmins.push(admin);
      if (!on) device.policy.deviceAdmins = device.policy.deviceAdmins.filter((entry) => entry !== admin);
      device.logSystem('DevicePolicyManager', `Admin ${on ? 'added' : 'removed'}: ${admin}`);
      return;
    }
    case 'batteryOptimization':
      if (on && !device.policy.deviceIdleWhitelist.includes(pkg)) device.policy.deviceIdleWhitelist.push(pkg);
      if (!on) device.policy.deviceIdleWhitelist = device.policy.deviceIdleWhitelist.filter((entry) => entry !== pkg);
      device.logSystem('DeviceIdleController', `${on ? 'addPowerSaveWhitelistApp' : 'removePowerSaveWhitelistApp'} ${pkg}`);
      return;
    case 'postNotifications': {
      const permission = 'android.permission.POST_NOTIFICATIONS';
      if (!record.requestedPermissions.includes(permission)) return;
      device.packages.grant(pkg, permission, on);
      updateFlags(record, permission, ['USER_SET'], ['USER_FIXED', 'REVIEW_REQUIRED', 'REVOKED_COMPAT']);
      return;
    }
    default:
      return;
  }
}

/**
 * Android 13 restricted settings: the mode of ACCESS_RESTRICTED_SETTINGS. An install from a file
 * (PackageInstaller session with PACKAGE_SOURCE_LOCAL_FILE or _DOWNLOADED_FILE) starts at `deny`
 * (MODE_ERRORED); the first "Restricted setting" dialog turns it to `ignore`, which shows App info's
 * ⋮ → "Allow restricted settings"; that sets `allow`. adb installs never get the op (`default`).
 */
export function restrictedMode(device: AndroidModel, packageName: string): string {
  return device.policy.appOps[packageName]?.['ACCESS_RESTRICTED_SETTINGS']?.mode ?? 'default';
}

export function isRestricted(device: AndroidModel, packageName: string, access: AccessKind): boolean {
  if (!RESTRICTED_ACCESSES.includes(access) || device.profile.apiLevel < 33) return false;
  const mode = restrictedMode(device, packageName);
  return mode === 'deny' || mode === 'ignore';
}

export function setRestrictedMode(device: AndroidModel, packageName: string, mode: 'allow' | 'ignore' | 'deny'): void {
  const ops = (device.policy.appOps[packageName] ??= {});
  ops['ACCESS_RESTRICTED_SETTINGS'] = { mode, time: device.now() };
}
