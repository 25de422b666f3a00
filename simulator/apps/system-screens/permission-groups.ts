/**
 * Runtime permissions by the group Android asks for at once, with the question the grant dialog
 * shows (PermissionController's strings, API 29–34).
 */
const P = 'android.permission.';

export interface PermissionGroup {
  name: string;
  permissions: readonly string[];
  /** `Allow <app> to …?` */
  question: string;
  /** Location, camera and microphone offer "While using the app" / "Only this time" (API 30+). */
  foregroundOnly: boolean;
}

export const PERMISSION_GROUPS: readonly PermissionGroup[] = [
  { name: 'LOCATION', permissions: [`${P}ACCESS_FINE_LOCATION`, `${P}ACCESS_COARSE_LOCATION`, `${P}ACCESS_BACKGROUND_LOCATION`], question: "access this device's location", foregroundOnly: true },
  { name: 'CAMERA', permissions: [`${P}CAMERA`], question: 'take pictures and record video', foregroundOnly: true },
  { name: 'MICROPHONE', permissions: [`${P}RECORD_AUDIO`], question: 'record audio', foregroundOnly: true },
  { name: 'CONTACTS', permissions: [`${P}READ_CONTACTS`, `${P}WRITE_CONTACTS`, `${P}GET_ACCOUNTS`], question: 'access your contacts', foregroundOnly: false },
  { name: 'SMS', permissions: [`${P}SEND_SMS`, `${P}RECEIVE_SMS`, `${P}READ_SMS`, `${P}RECEIVE_WAP_PUSH`, `${P}RECEIVE_MMS`], question: 'send and view SMS messages', foregroundOnly: false },
  { name: 'CALL_LOG', permissions: [`${P}READ_CALL_LOG`, `${P}WRITE_CALL_LOG`, `${P}PROCESS_OUTGOING_CALLS`], question: 'access your phone call logs', foregroundOnly: false },
  { name: 'PHONE', permissions: [`${P}READ_PHONE_STATE`, `${P}READ_PHONE_NUMBERS`, `${P}CALL_PHONE`, `${P}ANSWER_PHONE_CALLS`, 'com.android.voicemail.permission.ADD_VOICEMAIL', `${P}USE_SIP`], question: 'make and manage phone calls', foregroundOnly: false },
  { name: 'CALENDAR', permissions: [`${P}READ_CALENDAR`, `${P}WRITE_CALENDAR`], question: 'access your calendar', foregroundOnly: false },
  { name: 'STORAGE', permissions: [`${P}READ_EXTERNAL_STORAGE`, `${P}WRITE_EXTERNAL_STORAGE`, `${P}ACCESS_MEDIA_LOCATION`], question: 'access photos, media, and files on your device', foregroundOnly: false },
  { name: 'READ_MEDIA_VISUAL', permissions: [`${P}READ_MEDIA_IMAGES`, `${P}READ_MEDIA_VIDEO`], question: 'access photos and videos on this device', foregroundOnly: false },
  { name: 'READ_MEDIA_AURAL', permissions: [`${P}READ_MEDIA_AUDIO`], question: 'access music and audio on this device', foregroundOnly: false },
  { name: 'NOTIFICATIONS', permissions: [`${P}POST_NOTIFICATIONS`], question: 'send you notifications', foregroundOnly: false },
  { name: 'ACTIVITY_RECOGNITION', permissions: [`${P}ACTIVITY_RECOGNITION`], question: 'access your physical activity', foregroundOnly: false },
  { name: 'SENSORS', permissions: [`${P}BODY_SENSORS`], question: 'access sensor data about your vital signs', foregroundOnly: false },
  { name: 'NEARBY_DEVICES', permissions: [`${P}BLUETOOTH_SCAN`, `${P}BLUETOOTH_CONNECT`, `${P}BLUETOOTH_ADVERTISE`, `${P}NEARBY_WIFI_DEVICES`, `${P}UWB_RANGING`], question: 'find, connect to, and determine the relative position of nearby devices', foregroundOnly: false },
];

/** The groups of the given permissions, in Android's order, each with the asked permissions it covers. */
export function groupPermissions(permissions: readonly string[]): Array<{ group: PermissionGroup; permissions: string[] }> {
  const result: Array<{ group: PermissionGroup; permissions: string[] }> = [];
  for (const group of PERMISSION_GROUPS) {
    const asked = permissions.filter((name) => group.permissions.includes(name));
    if (asked.length > 0) result.push({ group, permissions: asked });
  }
  return result;
}
