/**
 * What an app built for an old Android meets on its first launch on API 29+:
 * - PermissionController's ReviewPermissionsActivity (review_permissions.xml as inflated by
 *   ReviewPermissionsFragment: `app_icon`, `permissions_message` with permission_review_title_template_install
 *   "Choose what to allow <app> to access", one switch row per permission group, switched on, and the
 *   `cancel_button` / `continue_button` pair; "More info" only where permissions are individually
 *   controlled, which phones are not);
 * - system_server's DeprecatedTargetSdkVersionDialog (package `android`): the app's label as title,
 *   core/res deprecated_target_sdk_message, and the positive button R.string.ok. Its neutral "Check for
 *   update" button needs an installer store (AppInstallerUtil.createIntent) and an adb install has none.
 */
import type { ScreenSpec, WidgetSpec } from '../../ui/index.ts';
import type { PermissionGroup } from './permission-groups.ts';
import { PERMISSION_CONTROLLER_IDS } from './permission-dialog.ts';

/** The dialog's window title ("DO NOT MODIFY. Used by CTS"), shown as its activity in the window stack. */
export const DEPRECATED_TARGET_WINDOW = 'DeprecatedTargetSdkVersionDialog';
export const DEPRECATED_TARGET_MESSAGE = 'This app was built for an older version of Android and may not work properly. Try checking for updates, or contact the developer.';
/** Each reviewed group's switch (the preference's widget). */
export const REVIEW_SWITCH_ID = 'android:id/switch_widget';

/** PermissionController's group labels (permgrouplab_* as shown on API 33). */
const GROUP_LABELS: Readonly<Record<string, string>> = {
  LOCATION: 'Location', CAMERA: 'Camera', MICROPHONE: 'Microphone', CONTACTS: 'Contacts', SMS: 'SMS',
  CALL_LOG: 'Call logs', PHONE: 'Phone', CALENDAR: 'Calendar', STORAGE: 'Files and media',
  READ_MEDIA_VISUAL: 'Photos and videos', READ_MEDIA_AURAL: 'Music and audio', NOTIFICATIONS: 'Notifications',
  ACTIVITY_RECOGNITION: 'Physical activity', SENSORS: 'Body sensors', NEARBY_DEVICES: 'Nearby devices',
};

/** The review screen; taps fire `<eventPrefix>continue` / `<eventPrefix>cancel`. */
export function buildReviewScreen(appLabel: string, groups: readonly PermissionGroup[], eventPrefix: string): ScreenSpec {
  const id = (name: string): string => `${PERMISSION_CONTROLLER_IDS}${name}`;
  // One preference row per group; the rows (no id) keep the switches, which share their id, apart.
  const rows: WidgetSpec[] = groups.map((group) => ({ kind: 'LinearLayout', children: [
    { kind: 'Switch', id: REVIEW_SWITCH_ID, text: GROUP_LABELS[group.name] ?? group.name, checked: true },
  ] }));
  return { appBar: false, widgets: [
    { kind: 'ImageView', id: id('app_icon'), size: 48, color: 0x5f6368 },
    { kind: 'TextView', id: id('permissions_message'), style: 'title', text: `Choose what to allow ${appLabel} to access` },
    { kind: 'LinearLayout', id: id('preferences_frame'), children: rows },
    { kind: 'LinearLayout', orientation: 'horizontal', children: [
      { kind: 'Button', id: id('cancel_button'), text: 'Cancel', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}cancel` } },
      { kind: 'Button', id: id('continue_button'), text: 'Continue', onTap: { type: 'event', name: `${eventPrefix}continue` } },
    ] },
  ] };
}

/** The warning; "OK" fires `<eventPrefix>ok`. */
export function buildDeprecatedTargetScreen(appLabel: string, eventPrefix: string): ScreenSpec {
  return { appBar: false, widgets: [
    { kind: 'TextView', id: 'android:id/alertTitle', style: 'headline', text: appLabel },
    { kind: 'TextView', id: 'android:id/message', text: DEPRECATED_TARGET_MESSAGE },
    { kind: 'LinearLayout', id: 'android:id/buttonPanel', orientation: 'horizontal', children: [
      { kind: 'Button', id: 'android:id/button1', text: 'OK', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}ok` } },
    ] },
  ] };
}
