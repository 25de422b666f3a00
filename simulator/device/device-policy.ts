/**
 * Small policy tables of the model: app ops set with `appops set`, active device admins
 * (`dpm set-active-admin`, or an app's own activation dialog), and the Doze whitelist.
 */

export type AppOpMode = 'allow' | 'ignore' | 'deny' | 'default' | 'foreground';

export interface DevicePolicyJson {
  appOps: Record<string, Record<string, { mode: AppOpMode; time: number }>>;
  /** Flattened admin receivers, e.g. `com.example/.AdminReceiver`. */
  deviceAdmins: string[];
  deviceOwner: string | null;
  /** User packages added with `dumpsys deviceidle whitelist +pkg`. */
  deviceIdleWhitelist: string[];
}

/** Op names `appops set` accepts (a subset of AppOpsManager's table). */
export const APP_OPS: readonly string[] = [
  'COARSE_LOCATION', 'FINE_LOCATION', 'GPS', 'VIBRATE', 'READ_CONTACTS', 'WRITE_CONTACTS', 'READ_CALL_LOG',
  'WRITE_CALL_LOG', 'READ_CALENDAR', 'WRITE_CALENDAR', 'WIFI_SCAN', 'POST_NOTIFICATION', 'NEIGHBORING_CELLS',
  'CALL_PHONE', 'READ_SMS', 'WRITE_SMS', 'RECEIVE_SMS', 'RECEIVE_EMERGENCY_BROADCAST', 'RECEIVE_MMS',
  'RECEIVE_WAP_PUSH', 'SEND_SMS', 'READ_ICC_SMS', 'WRITE_ICC_SMS', 'WRITE_SETTINGS', 'SYSTEM_ALERT_WINDOW',
  'ACCESS_NOTIFICATIONS', 'CAMERA', 'RECORD_AUDIO', 'PLAY_AUDIO', 'READ_CLIPBOARD', 'WRITE_CLIPBOARD',
  'TAKE_MEDIA_BUTTONS', 'TAKE_AUDIO_FOCUS', 'WAKE_LOCK', 'MONITOR_LOCATION', 'MONITOR_HIGH_POWER_LOCATION',
  'GET_USAGE_STATS', 'MUTE_MICROPHONE', 'TOAST_WINDOW', 'PROJECT_MEDIA', 'ACTIVATE_VPN', 'WRITE_WALLPAPER',
  'ASSIST_STRUCTURE', 'ASSIST_SCREENSHOT', 'READ_PHONE_STATE', 'ADD_VOICEMAIL', 'USE_SIP',
  'PROCESS_OUTGOING_CALLS', 'USE_FINGERPRINT', 'BODY_SENSORS', 'READ_CELL_BROADCASTS', 'MOCK_LOCATION',
  'READ_EXTERNAL_STORAGE', 'WRITE_EXTERNAL_STORAGE', 'TURN_SCREEN_ON', 'GET_ACCOUNTS', 'RUN_IN_BACKGROUND',
  'AUDIO_ACCESSIBILITY_VOLUME', 'READ_PHONE_NUMBERS', 'REQUEST_INSTALL_PACKAGES', 'PICTURE_IN_PICTURE',
  'INSTANT_APP_START_FOREGROUND', 'ANSWER_PHONE_CALLS', 'RUN_ANY_IN_BACKGROUND', 'CHANGE_WIFI_STATE',
  'REQUEST_DELETE_PACKAGES', 'BIND_ACCESSIBILITY_SERVICE', 'ACCEPT_HANDOVER', 'MANAGE_IPSEC_TUNNELS',
  'START_FOREGROUND', 'BLUETOOTH_SCAN', 'USE_BIOMETRIC', 'ACTIVITY_RECOGNITION', 'SMS_FINANCIAL_TRANSACTIONS',
  'READ_MEDIA_AUDIO', 'WRITE_MEDIA_AUDIO', 'READ_MEDIA_VIDEO', 'WRITE_MEDIA_VIDEO', 'READ_MEDIA_IMAGES',
  'WRITE_MEDIA_IMAGES', 'LEGACY_STORAGE', 'ACCESS_ACCESSIBILITY', 'READ_DEVICE_IDENTIFIERS',
  'ACCESS_MEDIA_LOCATION', 'QUERY_ALL_PACKAGES', 'MANAGE_EXTERNAL_STORAGE', 'INTERACT_ACROSS_PROFILES',
  'ACTIVATE_PLATFORM_VPN', 'LOADER_USAGE_STATS', 'AUTO_REVOKE_PERMISSIONS_IF_UNUSED', 'NO_ISOLATED_STORAGE',
  'SCHEDULE_EXACT_ALARM', 'MANAGE_MEDIA', 'BLUETOOTH_CONNECT', 'USE_ICC_AUTH_WITH_DEVICE_IDENTIFIER',
  'READ_MEDIA_VISUAL_USER_SELECTED', 'SYSTEM_EXEMPT_FROM_DISMISSIBLE_NOTIFICATIONS',
  // Android 13 (op 119): restricted settings of apps installed from a file.
  'ACCESS_RESTRICTED_SETTINGS',
];

/** Aliases `appops` accepts besides op names (`android:project_media`). */
export function normaliseAppOp(name: string): string | undefined {
  const upper = name.replace(/^android:/i, '').toUpperCase();
  return APP_OPS.includes(upper) ? upper : undefined;
}

export function isAppOpMode(value: string): value is AppOpMode {
  return ['allow', 'ignore', 'deny', 'default', 'foreground'].includes(value);
}

export function createEmptyPolicy(): DevicePolicyJson {
  return { appOps: {}, deviceAdmins: [], deviceOwner: null, deviceIdleWhitelist: [] };
}
