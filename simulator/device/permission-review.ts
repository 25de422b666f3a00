/**
 * The permission review of legacy apps (targetSdk < 23) on API 29+: until the user has reviewed an
 * app's permissions, Android starts PermissionController's ReviewPermissionsActivity instead of any
 * of the app's activities.
 *
 * Real source:
 * - PermissionManagerServiceImpl.isPermissionsReviewRequiredInternal: false for apps targeting
 *   ≥ M (23); else true while one of the app's permissions carries FLAG_PERMISSION_REVIEW_REQUIRED
 *   (UidPermissionState.isPermissionsReviewRequired). An app targeting 23..32 whose implicit
 *   POST_NOTIFICATIONS carries REVIEW_REQUIRED (API 33) is therefore never reviewed.
 * - ActivityStarter.executeRequest: when review is required, the start is replaced by
 *   Intent.ACTION_REVIEW_PERMISSIONS with EXTRA_PACKAGE_NAME and EXTRA_INTENT (an IntentSender for
 *   the original start), so the app's process is not started for it.
 * - PermissionController ReviewPermissionsFragment: "Continue" (confirmPermissionsReview) grants the
 *   groups left switched on, revokes the ones switched off, then clears REVIEW_REQUIRED and sets
 *   USER_SET on every requested permission, and sends the original intent; "Cancel" sends nothing.
 * - `pm install -g` clears the flags at install (permission-flags.ts); `pm grant` of a runtime
 *   permission to an app targeting < 23 returns without changing anything
 *   (PermissionManagerServiceImpl.grantRuntimePermissionInternal: "If a permission review is
 *   required for legacy apps we represent their permissions as always granted runtime ones").
 */
import type { AndroidModel } from './android-model.ts';
import { classifyPermission } from './permission-catalog.ts';
import { flagsOf, updateFlags } from './permission-flags.ts';
import type { PackageRecord } from './package-record.ts';

/** Build.VERSION_CODES.M: apps below it do not support runtime permissions. */
const RUNTIME_PERMISSIONS_SDK = 23;

/** Whether starting one of the package's activities shows the permission review instead. */
export function isPermissionsReviewRequired(record: PackageRecord, apiLevel: number): boolean {
  if (apiLevel < 29 || record.system || record.targetSdk >= RUNTIME_PERMISSIONS_SDK) return false;
  return record.requestedPermissions.some((name) => flagsOf(record, name).includes('REVIEW_REQUIRED'));
}

/** The runtime permissions the review screen lists (requested, runtime on this API level). */
export function reviewedPermissions(record: PackageRecord, apiLevel: number): string[] {
  return record.requestedPermissions.filter((name) => classifyPermission(name, apiLevel) === 'runtime');
}

/**
 * "Continue": the permissions in `allowed` are granted, the other reviewed ones revoked; every
 * requested permission loses REVIEW_REQUIRED and REVOKED_COMPAT (the compat revocation ends with the
 * review: the app op follows the grant) and gains USER_SET.
 */
export function confirmPermissionsReview(
  record: PackageRecord,
  apiLevel: number,
  allowed: ReadonlySet<string>,
  grant: (permission: string, granted: boolean) => void,
): void {
  for (const name of reviewedPermissions(record, apiLevel)) grant(name, allowed.has(name));
  for (const name of record.requestedPermissions) {
    if (flagsOf(record, name).length > 0 || reviewedPermissions(record, apiLevel).includes(name)) {
      updateFlags(record, name, ['USER_SET'], ['REVIEW_REQUIRED', 'REVOKED_COMPAT']);
    }
  }
}

export const REVIEW_PERMISSIONS_ACTIVITY = 'com.android.permissioncontroller.permission.ui.ReviewPermissionsActivity';

/** The permission controller the image ships (Google images: com.google.android.permissioncontroller). */
export function permissionControllerPackage(device: AndroidModel): string {
  return device.packages.get('com.google.android.permissioncontroller') ? 'com.google.android.permissioncontroller' : 'com.android.permissioncontroller';
}
