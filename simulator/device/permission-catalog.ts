/**
 * How Android classifies the permissions an app requests: runtime (dangerous), development
 * (grantable with `pm grant`), signature (never granted to an ordinary app), normal (granted at
 * install). Runtime permissions exist from an API level on; older devices treat them as unknown.
 */

export type PermissionKind = 'runtime' | 'development' | 'signature' | 'normal';

const P = 'android.permission.';

/** Runtime permissions and the API level that introduced them. */
const RUNTIME: Readonly<Record<string, number>> = {
  [`${P}READ_CALENDAR`]: 23, [`${P}WRITE_CALENDAR`]: 23, [`${P}CAMERA`]: 23, [`${P}READ_CONTACTS`]: 23,
  [`${P}WRITE_CONTACTS`]: 23, [`${P}GET_ACCOUNTS`]: 23, [`${P}ACCESS_FINE_LOCATION`]: 23,
  [`${P}ACCESS_COARSE_LOCATION`]: 23, [`${P}ACCESS_BACKGROUND_LOCATION`]: 29, [`${P}RECORD_AUDIO`]: 23,
  [`${P}READ_PHONE_STATE`]: 23, [`${P}READ_PHONE_NUMBERS`]: 26, [`${P}CALL_PHONE`]: 23,
  [`${P}ANSWER_PHONE_CALLS`]: 26, [`${P}READ_CALL_LOG`]: 23, [`${P}WRITE_CALL_LOG`]: 23,
  ['com.android.voicemail.permission.ADD_VOICEMAIL']: 23, [`${P}USE_SIP`]: 23,
  [`${P}PROCESS_OUTGOING_CALLS`]: 23, [`${P}BODY_SENSORS`]: 23, [`${P}BODY_SENSORS_BACKGROUND`]: 33,
  [`${P}SEND_SMS`]: 23, [`${P}RECEIVE_SMS`]: 23, [`${P}READ_SMS`]: 23, [`${P}RECEIVE_WAP_PUSH`]: 23,
  [`${P}RECEIVE_MMS`]: 23, [`${P}READ_EXTERNAL_STORAGE`]: 23, [`${P}WRITE_EXTERNAL_STORAGE`]: 23,
  [`${P}ACCESS_MEDIA_LOCATION`]: 29, [`${P}ACTIVITY_RECOGNITION`]: 29, [`${P}READ_MEDIA_IMAGES`]: 33,
  [`${P}READ_MEDIA_VIDEO`]: 33, [`${P}READ_MEDIA_AUDIO`]: 33, [`${P}READ_MEDIA_VISUAL_USER_SELECTED`]: 34,
  [`${P}POST_NOTIFICATIONS`]: 33, [`${P}NEARBY_WIFI_DEVICES`]: 33, [`${P}BLUETOOTH_SCAN`]: 31,
  [`${P}BLUETOOTH_CONNECT`]: 31, [`${P}BLUETOOTH_ADVERTISE`]: 31, [`${P}UWB_RANGING`]: 31,
};

/** protectionLevel includes `development`: `pm grant` may grant them to any app. */
const DEVELOPMENT = new Set([
  `${P}SET_ANIMATION_SCALE`, `${P}CHANGE_CONFIGURATION`, `${P}WRITE_SECURE_SETTINGS`, `${P}READ_LOGS`,
  `${P}DUMP`, `${P}PACKAGE_USAGE_STATS`, `${P}SET_DEBUG_APP`, `${P}SET_PROCESS_LIMIT`,
  `${P}SET_ALWAYS_FINISH`, `${P}SIGNAL_PERSISTENT_PROCESSES`, `${P}INTERACT_ACROSS_USERS`,
  // core/res/AndroidManifest.xml: protectionLevel="signature|setup|appop|installer|pre23|development".
  // The development flag is what lets `pm grant` (shell) grant it:
  // PermissionManagerServiceImpl.grantRuntimePermissionInternal refuses only when the permission is
  // neither runtime nor development ("is not a changeable permission type").
  `${P}SYSTEM_ALERT_WINDOW`,
]);

/**
 * Development permissions whose protectionLevel also has `pre23`: granted at install to apps targeting
 * API < 23 (PermissionManagerServiceImpl.restorePermissionState, `bp.isPre23()`).
 */
export const PRE23_DEVELOPMENT = new Set([`${P}SYSTEM_ALERT_WINDOW`]);

/** signature|privileged permissions an ordinary installed app never holds. */
const SIGNATURE = new Set([
  `${P}INSTALL_PACKAGES`, `${P}DELETE_PACKAGES`, `${P}MANAGE_USERS`, `${P}BIND_ACCESSIBILITY_SERVICE`,
  `${P}BIND_DEVICE_ADMIN`, `${P}BIND_NOTIFICATION_LISTENER_SERVICE`, `${P}STATUS_BAR`,
  `${P}MODIFY_PHONE_STATE`, `${P}READ_PRIVILEGED_PHONE_STATE`, `${P}CAPTURE_AUDIO_OUTPUT`,
  `${P}MASTER_CLEAR`, `${P}REBOOT`, `${P}DEVICE_POWER`, `${P}MOUNT_UNMOUNT_FILESYSTEMS`,
  `${P}WRITE_APN_SETTINGS`, `${P}BATTERY_STATS`, `${P}UPDATE_DEVICE_STATS`, `${P}MANAGE_DEVICE_ADMINS`,
  `${P}CHANGE_COMPONENT_ENABLED_STATE`, `${P}WRITE_SETTINGS`,
  `${P}REQUEST_INSTALL_PACKAGES`, `${P}MANAGE_EXTERNAL_STORAGE`, `${P}ACCESS_NOTIFICATION_POLICY`,
  `${P}BIND_VPN_SERVICE`, `${P}BIND_INPUT_METHOD`,
]);

export function classifyPermission(permission: string, apiLevel: number): PermissionKind | 'unknown' {
  const since = RUNTIME[permission];
  if (since !== undefined) return since <= apiLevel ? 'runtime' : 'unknown';
  if (DEVELOPMENT.has(permission)) return 'development';
  if (SIGNATURE.has(permission)) return 'signature';
  return 'normal';
}

/** Whether a name is a platform permission the device knows, or one an installed app uses. */
export function isKnownPermission(permission: string, apiLevel: number, requestedByAnyApp: boolean): boolean {
  if (requestedByAnyApp) return classifyPermission(permission, apiLevel) !== 'unknown';
  return /^(android|com\.android)\.[\w.]*permission\.\w+$/.test(permission) && classifyPermission(permission, apiLevel) !== 'unknown';
}

/** Permissions whose grant Android restricts to the installer's whitelist (shown as `restricted=true`). */
export const HARD_RESTRICTED = new Set([
  `${P}READ_SMS`, `${P}SEND_SMS`, `${P}RECEIVE_SMS`, `${P}RECEIVE_MMS`, `${P}RECEIVE_WAP_PUSH`,
  `${P}READ_CALL_LOG`, `${P}WRITE_CALL_LOG`, `${P}PROCESS_OUTGOING_CALLS`, `${P}READ_EXTERNAL_STORAGE`,
  `${P}WRITE_EXTERNAL_STORAGE`, `${P}ACCESS_BACKGROUND_LOCATION`,
]);
