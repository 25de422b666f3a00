import type { ApkIdentity } from '../apk/index.ts';

/**
 * The special accesses Android 13 grants only through Settings (or a system dialog), which a
 * security product asks for during onboarding. Names follow the `grantSpecialAccess` step's `access`.
 */
export type SpecialAccess =
  | 'accessibility'
  | 'notificationListener'
  | 'deviceAdmin'
  | 'overlay'
  | 'allFiles'
  | 'usage'
  | 'batteryOptimization'
  | 'postNotifications';

export interface DeclaredAccess {
  access: SpecialAccess;
  /** What a person sees in Settings. */
  title: string;
  /** The manifest entry that declares it: a permission or a component class. */
  declaredBy: string;
}

/** Permissions whose grant is a special access (protection level appop / runtime prompt on 13). */
const BY_PERMISSION: ReadonlyArray<[string, SpecialAccess, string]> = [
  ['android.permission.SYSTEM_ALERT_WINDOW', 'overlay', 'Display over other apps'],
  ['android.permission.MANAGE_EXTERNAL_STORAGE', 'allFiles', 'All files access'],
  ['android.permission.PACKAGE_USAGE_STATS', 'usage', 'Usage access'],
  ['android.permission.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS', 'batteryOptimization', 'Battery optimisation exemption ("Let app always run in background?")'],
  ['android.permission.POST_NOTIFICATIONS', 'postNotifications', 'Notifications (the Android 13 runtime prompt)'],
];

/** Components bound by the system through a BIND_* permission (the APK reader classifies them). */
const BY_COMPONENT: ReadonlyArray<[string, SpecialAccess, string]> = [
  ['accessibility-service', 'accessibility', 'Accessibility service (Settings → Accessibility → Downloaded apps)'],
  ['notification-listener', 'notificationListener', 'Notification access'],
  ['device-admin', 'deviceAdmin', 'Device admin app'],
];

/** Every special access the APK declares, in the order above (components first). */
export function listDeclaredAccesses(identity: ApkIdentity): DeclaredAccess[] {
  const found: DeclaredAccess[] = [];
  for (const [kind, access, title] of BY_COMPONENT) {
    for (const component of identity.components.filter((c) => c.kind === kind)) found.push({ access, title, declaredBy: component.name });
  }
  for (const [permission, access, title] of BY_PERMISSION) {
    if (identity.permissions.includes(permission)) found.push({ access, title, declaredBy: permission });
  }
  return found;
}
