/**
 * Runtime-permission flags (PackageManager.FLAG_PERMISSION_*) that Android keeps per app and
 * permission and `dumpsys package` prints on each `runtime permissions:` line as
 * `flags=[ USER_SET|USER_SENSITIVE_WHEN_GRANTED|… ]` (PackageManager.permissionFlagToString, in bit order).
 * They tell "never asked" (no USER_SET / USER_FIXED) from "the user answered" — the state the
 * harness reads to explain why a product's notifications were dropped.
 *
 * Real source:
 * - PermissionController KotlinUtils.grantRuntimePermission: a grant from the dialog sets USER_SET and
 *   clears USER_FIXED and REVIEW_REQUIRED; revokeRuntimePermission sets USER_SET, and USER_FIXED when
 *   the user chose "don't ask again" (on API 30+ a second "Don't allow" is DENIED_DO_NOT_ASK_AGAIN,
 *   GrantPermissionsViewModel.onPermissionGrantResult).
 * - ReviewPermissionsFragment.confirmPermissionsReview: "Continue" clears REVIEW_REQUIRED and sets USER_SET.
 * - PermissionManagerServiceImpl.grantRequestedRuntimePermissionsInternal (`pm install -g`): for an app
 *   targeting < 23 it clears the compat flags REVIEW_REQUIRED | REVOKED_COMPAT (no review screen then);
 *   for newer apps it only grants. `pm grant` changes no flag.
 * - API 33: an app targeting ≤ 32 holds POST_NOTIFICATIONS as a requested permission without declaring
 *   it (PermissionPolicyService.shouldForceShowNotificationPermissionRequest looks it up in its
 *   requested permissions) and gets it with REVIEW_REQUIRED until the system prompt is answered.
 */
import type { PackageRecord } from './package-record.ts';

/** The flags the virtual phone sets, in PackageManager's bit order (1, 2, 64, 128). */
export type PermissionFlag = 'USER_SET' | 'USER_FIXED' | 'REVIEW_REQUIRED' | 'REVOKED_COMPAT';

const ORDER: readonly PermissionFlag[] = ['USER_SET', 'USER_FIXED', 'REVIEW_REQUIRED', 'REVOKED_COMPAT'];

/**
 * PermissionManager.EXPLICIT_SET_FLAGS among the flags modelled here: a system prompt for the
 * notification permission is not shown once one of them is set (user or policy answered).
 */
export const EXPLICIT_SET_FLAGS: readonly PermissionFlag[] = ['USER_SET', 'USER_FIXED'];

export function flagsOf(record: PackageRecord, permission: string): PermissionFlag[] {
  return [...(record.permissionFlags?.[permission] ?? [])];
}

/** Sets and clears flags of one permission; keeps the bit order so the dump is stable. */
export function updateFlags(record: PackageRecord, permission: string, set: readonly PermissionFlag[], clear: readonly PermissionFlag[]): void {
  const next = new Set(flagsOf(record, permission));
  for (const flag of clear) next.delete(flag);
  for (const flag of set) next.add(flag);
  const flags = { ...(record.permissionFlags ?? {}) };
  if (next.size === 0) delete flags[permission];
  else flags[permission] = ORDER.filter((flag) => next.has(flag));
  record.permissionFlags = flags;
}

/** The user allowed a permission in a dialog or on the review screen. */
export function markUserGranted(record: PackageRecord, permission: string): void {
  updateFlags(record, permission, ['USER_SET'], ['USER_FIXED', 'REVIEW_REQUIRED', 'REVOKED_COMPAT']);
}

/**
 * The user denied a permission in the grant dialog. A second denial of a permission already denied
 * once is "don't ask again" (USER_FIXED): later requests return denied without a dialog.
 */
export function markUserDenied(record: PackageRecord, permission: string): void {
  const fixed = flagsOf(record, permission).includes('USER_SET');
  updateFlags(record, permission, fixed ? ['USER_SET', 'USER_FIXED'] : ['USER_SET'], ['REVIEW_REQUIRED']);
}

/** Whether the user (or policy) answered for this permission already. */
export function isExplicitlySet(record: PackageRecord, permission: string): boolean {
  return flagsOf(record, permission).some((flag) => EXPLICIT_SET_FLAGS.includes(flag));
}
