/** The Android model's record of one installed package (JSON-serialisable). */
import type { ApkComponent } from '../../harness/apk/types.ts';

/** PackageManager.COMPONENT_ENABLED_STATE_*: default, enabled, disabled, disabled-user, disabled-until-used. */
export type EnabledSetting = 0 | 1 | 2 | 3 | 4;

export interface PackageRecord {
  packageName: string;
  label: string;
  versionCode: number;
  versionName: string;
  minSdk: number;
  targetSdk: number;
  /** Pre-installed under /system, /product or /system_ext (FLAG_SYSTEM). */
  system: boolean;
  /** Folder holding base.apk, e.g. `/data/app/~~abc==/com.example-def==`. */
  codePath: string;
  /** Key of the APK bytes in the blob map; undefined for system packages. */
  apkSha256: string | undefined;
  uid: number;
  firstInstallTime: number;
  lastUpdateTime: number;
  installer: string | null;
  requestedPermissions: string[];
  /** Runtime (dangerous) permissions currently granted. */
  grantedRuntime: string[];
  /**
   * PackageManager.FLAG_PERMISSION_* per runtime permission (permission-flags.ts); absent in states
   * saved before they were recorded: no flags.
   */
  permissionFlags?: Record<string, Array<'USER_SET' | 'USER_FIXED' | 'REVIEW_REQUIRED' | 'REVOKED_COMPAT'>>;
  /** The app created a notification channel (NotificationManagerService keeps them per package). */
  hasNotificationChannels?: boolean;
  components: ApkComponent[];
  launchableActivity: string | undefined;
  instrumentations: Array<{ name: string; targetPackage: string }>;
  /** SHA-256 of the signer certificate, for update compatibility checks. */
  signingSha256: string;
  disabledComponents: string[];
  enabledComponents: string[];
  enabledSetting: EnabledSetting;
  /** FLAG_STOPPED: never launched since install or force-stopped. */
  stopped: boolean;
  debuggable: boolean;
  /** android:testOnly (absent in states saved before it was recorded: false). */
  testOnly?: boolean;
  assets: string[];
  /** Content-provider authorities the package owns (absent: none, or a state saved before they were recorded). */
  providerAuthorities?: string[];
  /** `<permission>`s the package defines (absent: none). */
  definedPermissions?: string[];
  /** Split APKs installed with the base (`split_<name>.apk` beside base.apk), in install order; absent: none. */
  splits?: Array<{ name: string; sha256: string; size: number }>;
}

/** Every APK of the package as `pm path` lists it: base.apk, then `split_<name>.apk` for each split. */
export function apkPathsOf(record: PackageRecord): string[] {
  return [apkPathOf(record), ...(record.splits ?? []).map((split) => `${record.codePath}/split_${split.name}.apk`)];
}

/** `base.apk` inside the package's code folder. */
export function apkPathOf(record: PackageRecord): string {
  return `${record.codePath}/base.apk`;
}

/** Whether the package as a whole is enabled (not `pm disable`d). */
export function isPackageEnabled(record: PackageRecord): boolean {
  return record.enabledSetting === 0 || record.enabledSetting === 1;
}

/** Whether one component is enabled, honouring `pm disable pkg/cls` over the manifest default. */
export function isComponentEnabled(record: PackageRecord, component: ApkComponent): boolean {
  if (record.disabledComponents.includes(component.name)) return false;
  if (record.enabledComponents.includes(component.name)) return true;
  return component.enabled !== false;
}

/** `u0a153` for uid 10153, `system` for 1000, as `ps` and ProcessRecord print it. */
export function formatUid(uid: number): string {
  if (uid >= 10_000) return `u0a${uid - 10_000}`;
  return SYSTEM_UID_NAMES[uid] ?? String(uid);
}

/** Names of the fixed Android uids (android_filesystem_config.h). */
export const SYSTEM_UID_NAMES: Readonly<Record<number, string>> = {
  0: 'root', 1000: 'system', 1001: 'radio', 1002: 'bluetooth', 1013: 'media', 1021: 'gps', 1036: 'logd',
  1041: 'audioserver', 1047: 'cameraserver', 1068: 'secure_element', 1069: 'lmkd', 2000: 'shell',
  9999: 'nobody',
};

/** `com.example/.Main` when the class is inside the package, else the full name (flattenToShortString). */
export function shortComponentName(packageName: string, className: string): string {
  return className.startsWith(`${packageName}.`)
    ? `${packageName}/${className.slice(packageName.length)}`
    : `${packageName}/${className}`;
}

/** Expands `.Main` or `Main` (no dot) relative to the package, as `am start -n pkg/.Main` does. */
export function expandClassName(packageName: string, className: string): string {
  return className.startsWith('.') ? `${packageName}${className}` : className;
}
