/**
 * Android 13's runtime ("dangerous") permissions: those with protectionLevel="dangerous" in
 * frameworks/base core/res/AndroidManifest.xml (API 33). `adb install -g` and `pm grant` grant
 * them; what `grantRuntimePermissions: all` covers. Listed so that ingest says which of them a
 * sample asks for; normal permissions are granted at install and signature ones never.
 */
const P = 'android.permission.';

export const RUNTIME_PERMISSIONS: ReadonlySet<string> = new Set([
  `${P}READ_CALENDAR`, `${P}WRITE_CALENDAR`, `${P}CAMERA`, `${P}READ_CONTACTS`, `${P}WRITE_CONTACTS`,
  `${P}GET_ACCOUNTS`, `${P}ACCESS_FINE_LOCATION`, `${P}ACCESS_COARSE_LOCATION`, `${P}ACCESS_BACKGROUND_LOCATION`,
  `${P}RECORD_AUDIO`, `${P}READ_PHONE_STATE`, `${P}READ_PHONE_NUMBERS`, `${P}CALL_PHONE`, `${P}ANSWER_PHONE_CALLS`,
  `${P}READ_CALL_LOG`, `${P}WRITE_CALL_LOG`, 'com.android.voicemail.permission.ADD_VOICEMAIL', `${P}USE_SIP`,
  `${P}PROCESS_OUTGOING_CALLS`, `${P}BODY_SENSORS`, `${P}BODY_SENSORS_BACKGROUND`, `${P}SEND_SMS`, `${P}RECEIVE_SMS`,
  `${P}READ_SMS`, `${P}RECEIVE_WAP_PUSH`, `${P}RECEIVE_MMS`, `${P}READ_EXTERNAL_STORAGE`, `${P}WRITE_EXTERNAL_STORAGE`,
  `${P}ACCESS_MEDIA_LOCATION`, `${P}ACTIVITY_RECOGNITION`, `${P}READ_MEDIA_IMAGES`, `${P}READ_MEDIA_VIDEO`,
  `${P}READ_MEDIA_AUDIO`, `${P}POST_NOTIFICATIONS`, `${P}NEARBY_WIFI_DEVICES`, `${P}BLUETOOTH_SCAN`,
  `${P}BLUETOOTH_CONNECT`, `${P}BLUETOOTH_ADVERTISE`, `${P}UWB_RANGING`, `${P}ACCEPT_HANDOVER`,
]);

/** The runtime permissions among `requested`, in manifest order. */
export function runtimePermissionsOf(requested: readonly string[]): string[] {
  return requested.filter((permission) => RUNTIME_PERMISSIONS.has(permission));
}
