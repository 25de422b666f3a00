/**
 * PackageManager's install decision for one APK: parse it, check it against the device and the
 * installed version, and build the new package record. Failures carry Android's INSTALL_* codes
 * and messages, which `adb install` prints as `Failure [CODE: message]`.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readApkIdentityFromBuffer } from '../../harness/apk/index.ts';
import type { ApkIdentity } from '../../harness/apk/types.ts';
import type { InstallOptions } from './contracts.ts';
import { findInstallRefusal, findOwnershipConflict } from './install-checks.ts';
import { classifyPermission, PRE23_DEVELOPMENT } from './permission-catalog.ts';
import type { PackageRecord } from './package-record.ts';
import type { PermissionFlag } from './permission-flags.ts';

export type InstallDecision =
  | { ok: true; record: PackageRecord; identity: ApkIdentity; replaced: PackageRecord | undefined; session: string }
  | { ok: false; code: string; message: string };

export interface InstallContext {
  apiLevel: number;
  now: number;
  existing: (packageName: string) => PackageRecord | undefined;
  allocateUid: () => number;
  /** `ro.product.cpu.abilist`, split. @default ['x86_64', 'x86'] (the emulator images' list, no ARM translation) */
  abis?: readonly string[];
  /** Every installed package, for the permissions and provider authorities others already own. @default none */
  installed?: () => readonly PackageRecord[];
}

/**
 * `options.replace` is not consulted: since Android 7 `pm install` always replaces an installed package
 * (PackageManagerShellCommand ignores `-r`), so INSTALL_FAILED_ALREADY_EXISTS never happens over adb.
 * A `testOnly` APK installs only with `-t` (`options.allowTest`), as PackageManagerService requires.
 */
export function decideInstall(apk: Buffer, options: InstallOptions, context: InstallContext): InstallDecision {
  const session = `vmdl${randomInt(100_000_000, 2_000_000_000)}.tmp`;
  const stagedPath = `/data/app/${session}/base.apk`;
  let identity: ApkIdentity;
  try {
    identity = readApkIdentityFromBuffer(apk, stagedPath);
  } catch {
    return {
      ok: false,
      code: 'INSTALL_PARSE_FAILED_NOT_APK',
      message: `Failed parse during installPackageLI: ${stagedPath} (at Binary XML file line #-1): Failed to read manifest from ${stagedPath}`,
    };
  }
  // A split alone is no app: PackageInstallerSession.validateApkInstallLocked refuses a full install without a base.
  if (identity.splitName !== undefined) {
    return { ok: false, code: 'INSTALL_FAILED_INVALID_APK', message: 'Full install must include a base package' };
  }
  if (identity.signing.certificates.length === 0) {
    return {
      ok: false,
      code: 'INSTALL_PARSE_FAILED_NO_CERTIFICATES',
      message: `Failed collecting certificates for ${stagedPath}`,
    };
  }
  const minSdk = identity.minSdkVersion ?? 1;
  if (minSdk > context.apiLevel) {
    return {
      ok: false,
      code: 'INSTALL_FAILED_OLDER_SDK',
      message: `Failed parse during installPackageLI: ${stagedPath} (at Binary XML file line #7): Requires newer sdk version #${minSdk} (current version is #${context.apiLevel})`,
    };
  }
  const refusal = findInstallRefusal(apk, identity, stagedPath, { apiLevel: context.apiLevel, abis: context.abis ?? ['x86_64', 'x86'] });
  if (refusal !== undefined) return { ok: false, ...refusal };
  if (identity.testOnly && !options.allowTest) {
    return { ok: false, code: 'INSTALL_FAILED_TEST_ONLY', message: 'installPackageLI' };
  }
  const signer = identity.signing.certificates[0]?.sha256 ?? '';
  const existing = context.existing(identity.packageName);
  if (existing !== undefined) {
    if (existing.signingSha256.toLowerCase() !== signer.toLowerCase()) {
      return {
        ok: false,
        code: 'INSTALL_FAILED_UPDATE_INCOMPATIBLE',
        message: `Package ${identity.packageName} signatures do not match previously installed version; ignoring!`,
      };
    }
    if (identity.versionCode < existing.versionCode && !options.allowDowngrade) {
      return {
        ok: false,
        code: 'INSTALL_FAILED_VERSION_DOWNGRADE',
        message: `Downgrade detected: Update version code ${identity.versionCode} is older than current ${existing.versionCode}`,
      };
    }
  }
  const conflict = findOwnershipConflict(identity, signer, context.installed?.() ?? []);
  if (conflict !== undefined) return { ok: false, ...conflict };
  const targetSdk = identity.targetSdkVersion ?? minSdk;
  const requested = withImplicitPermissions([...new Set(identity.permissions)], targetSdk, context.apiLevel);
  const runtime = requested.filter((name) => classifyPermission(name, context.apiLevel) === 'runtime');
  // Apps targeting API < 23 get their runtime permissions at install time (legacy permission model);
  // an update keeps what the user granted before.
  const kept = existing?.grantedRuntime.filter((name) => requested.includes(name)) ?? [];
  // `pre23` development permissions (SYSTEM_ALERT_WINDOW) are granted at install below API 23 targets too.
  const pre23 = targetSdk < 23 ? requested.filter((name) => PRE23_DEVELOPMENT.has(name)) : [];
  const granted = [...(options.grantRuntimePermissions || targetSdk < 23 ? runtime : kept), ...pre23];
  const record: PackageRecord = {
    packageName: identity.packageName,
    label: identity.label ?? identity.packageName,
    versionCode: identity.versionCode,
    versionName: identity.versionName ?? '',
    minSdk,
    targetSdk,
    system: existing?.system ?? false,
    codePath: makeCodePath(identity.packageName, context.apiLevel),
    apkSha256: identity.sha256,
    uid: existing?.uid ?? context.allocateUid(),
    firstInstallTime: existing?.firstInstallTime ?? context.now,
    lastUpdateTime: context.now,
    installer: existing?.installer ?? null,
    requestedPermissions: requested,
    grantedRuntime: [...new Set([...granted, ...kept])].filter((name) => requested.includes(name)),
    permissionFlags: installFlags(existing, runtime, targetSdk, options.grantRuntimePermissions),
    ...(existing?.hasNotificationChannels === true ? { hasNotificationChannels: true } : {}),
    components: identity.components,
    launchableActivity: identity.launchableActivity,
    instrumentations: identity.instrumentations,
    signingSha256: signer.toLowerCase(),
    disabledComponents: existing?.disabledComponents ?? [],
    enabledComponents: existing?.enabledComponents ?? [],
    enabledSetting: existing?.enabledSetting ?? 0,
    stopped: true,
    debuggable: identity.debuggable,
    testOnly: identity.testOnly,
    assets: identity.assets,
    ...(identity.providerAuthorities === undefined ? {} : { providerAuthorities: [...identity.providerAuthorities] }),
    ...(identity.definedPermissions === undefined ? {} : { definedPermissions: [...identity.definedPermissions] }),
  };
  return { ok: true, record, identity, replaced: existing, session };
}

/** `/data/app/~~<rand>==/<pkg>-<rand>==` (API 30+) or `/data/app/<pkg>-<rand>==` (API 29). */
function makeCodePath(packageName: string, apiLevel: number): string {
  const token = (): string => randomBytes(16).toString('base64url').slice(0, 22);
  return apiLevel >= 30 ? `/data/app/~~${token()}==/${packageName}-${token()}==` : `/data/app/${packageName}-${token()}==`;
}

const POST_NOTIFICATIONS = 'android.permission.POST_NOTIFICATIONS';

/**
 * API 33: an app targeting ≤ 32 requests POST_NOTIFICATIONS without declaring it, so the system can
 * ask on its behalf (PermissionPolicyService.shouldForceShowNotificationPermissionRequest requires it
 * among the requested permissions; developer.android.com notification-permission: apps targeting
 * 12L or lower get the prompt without declaring it).
 */
function withImplicitPermissions(requested: string[], targetSdk: number, apiLevel: number): string[] {
  if (apiLevel < 33 || targetSdk >= 33 || requested.includes(POST_NOTIFICATIONS)) return requested;
  return [...requested, POST_NOTIFICATIONS];
}

/**
 * Flags at install (permission-flags.ts): an app targeting < 23 gets REVIEW_REQUIRED | REVOKED_COMPAT on
 * every runtime permission (the review screen on first launch) unless installed with `-g`, which
 * clears them (grantRequestedRuntimePermissionsInternal); an app targeting 23..32 gets REVIEW_REQUIRED
 * on the notification permission it holds implicitly. An update keeps the flags it had.
 */
function installFlags(existing: PackageRecord | undefined, runtime: readonly string[], targetSdk: number, grantAll: boolean): Record<string, PermissionFlag[]> {
  const flags: Record<string, PermissionFlag[]> = {};
  for (const name of runtime) {
    const before = existing?.permissionFlags?.[name];
    if (before !== undefined) flags[name] = [...before];
    else if (existing?.requestedPermissions.includes(name)) continue;
    else if (targetSdk < 23 && !grantAll) flags[name] = ['REVIEW_REQUIRED', 'REVOKED_COMPAT'];
    else if (targetSdk >= 23 && targetSdk < 33 && name === POST_NOTIFICATIONS) flags[name] = ['REVIEW_REQUIRED'];
  }
  return flags;
}
