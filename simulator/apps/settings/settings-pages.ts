/**
 * The Settings pages of Android 13 for special access, as screens: each special-access list, each
 * app's page with its switch, the Accessibility page with its "Downloaded apps", App info with ⋮, an
 * app's notification page, and the dialogs they raise. Texts follow packages/apps/Settings
 * res/values/strings.xml (Android 13); `act` turns a callback into the tap action of a widget.
 */
import type { DialogSpec, ScreenSpec, TapAction, WidgetSpec } from '../../ui/index.ts';
import type { AccessKind } from './special-access-state.ts';

export type Act = (run: () => void) => TapAction;

export const SETTINGS_PACKAGE = 'com.android.settings';

/** The activity each page runs in (Settings' AndroidManifest.xml); app pages are fragments in SubSettings. */
export const LIST_ACTIVITY: Readonly<Record<AccessKind, string>> = {
  allFiles: 'com.android.settings.Settings$ManageExternalStorageActivity',
  usage: 'com.android.settings.Settings$UsageAccessSettingsActivity',
  notificationListener: 'com.android.settings.Settings$NotificationAccessSettingsActivity',
  accessibility: 'com.android.settings.Settings$AccessibilitySettingsActivity',
  overlay: 'com.android.settings.Settings$OverlaySettingsActivity',
  batteryOptimization: 'com.android.settings.Settings$HighPowerApplicationsActivity',
  deviceAdmin: 'com.android.settings.Settings$DeviceAdminSettingsActivity',
  postNotifications: 'com.android.settings.Settings$NotificationAppListActivity',
};
export const SUB_SETTINGS = 'com.android.settings.SubSettings';
export const DEVICE_ADMIN_ADD = 'com.android.settings.applications.specialaccess.deviceadmin.DeviceAdminAdd';
export const BATTERY_REQUEST = 'com.android.settings.fuelgauge.RequestIgnoreBatteryOptimizations';

export const LIST_TITLE: Readonly<Record<AccessKind, string>> = {
  allFiles: 'All files access',
  usage: 'Usage access',
  notificationListener: 'Device & app notifications',
  accessibility: 'Accessibility',
  overlay: 'Display over other apps',
  batteryOptimization: 'Battery optimization',
  deviceAdmin: 'Device admin apps',
  postNotifications: 'App notifications',
};

/** The switch on an app's page and the line under it. */
const DETAIL: Partial<Record<AccessKind, { title: string; switchText: (label: string) => string; summary: string }>> = {
  allFiles: { title: 'All files access', switchText: () => 'Allow access to manage all files',
    summary: 'Allow this app to read, modify and delete all files on this device or any connected storage volumes. If granted, app may access files without your explicit knowledge.' },
  usage: { title: 'Usage access', switchText: () => 'Permit usage access',
    summary: 'Usage access allows an app to track what other apps you’re using and how often, as well as your carrier, language settings, and other details.' },
  overlay: { title: 'Display over other apps', switchText: () => 'Allow display over other apps',
    summary: 'Allow this app to display on top of other apps you’re using. This app will be able to see where you tap or change what’s displayed on the screen.' },
  notificationListener: { title: 'Device & app notifications', switchText: () => 'Allow notification access',
    summary: 'Read notifications, reply to notifications and control them' },
  accessibility: { title: '', switchText: (label) => `Use ${label}`, summary: '' },
  postNotifications: { title: 'Notifications', switchText: (label) => `All ${label} notifications`, summary: '' },
};

export interface ListRow {
  label: string;
  allowed: boolean;
  restricted: boolean;
  onTap: TapAction;
}

function allowedText(access: AccessKind, allowed: boolean): string {
  switch (access) {
    case 'batteryOptimization': return allowed ? 'Not optimized' : 'Optimizing battery use';
    case 'accessibility': return allowed ? 'On' : 'Off';
    case 'deviceAdmin': return allowed ? 'Active' : 'Inactive';
    case 'postNotifications': return allowed ? 'On' : 'Off';
    default: return allowed ? 'Allowed' : 'Not allowed';
  }
}

/** A special-access list; Accessibility shows its apps under "Downloaded apps". */
export function buildListPage(access: AccessKind, rows: readonly ListRow[]): ScreenSpec {
  const items = rows.map((row) => ({
    title: row.label,
    subtitle: row.restricted ? 'Restricted setting' : allowedText(access, row.allowed),
    onTap: row.onTap,
  }));
  const widgets: WidgetSpec[] = [];
  if (access === 'accessibility') widgets.push({ kind: 'TextView', id: 'android:id/title', style: 'subtitle', text: 'Downloaded apps' });
  if (items.length === 0) widgets.push({ kind: 'TextView', id: 'android:id/empty', text: 'No apps' });
  else widgets.push({ kind: 'RecyclerView', id: 'com.android.settings:id/recycler_view', items });
  return { title: LIST_TITLE[access], widgets };
}

/** An app's page: its label, the main switch (`android:id/switch_widget`) and the explanation. */
export function buildDetailPage(access: AccessKind, label: string, checked: boolean, onSwitch: TapAction): ScreenSpec {
  const detail = DETAIL[access];
  const widgets: WidgetSpec[] = [];
  if (access !== 'accessibility') widgets.push({ kind: 'TextView', id: 'com.android.settings:id/entity_header_title', style: 'title', text: label });
  widgets.push({ kind: 'Switch', id: 'android:id/switch_widget', text: detail?.switchText(label) ?? label, checked, onTap: onSwitch });
  if (detail?.summary) widgets.push({ kind: 'TextView', id: 'android:id/summary', style: 'caption', text: detail.summary });
  return { title: access === 'accessibility' ? label : (detail?.title ?? label), widgets };
}

/** App info (AppInfoDashboardFragment): header, actions, entries, and ⋮ when it has an item. */
export function buildAppInfoPage(label: string, entries: { notifications: TapAction }, overflow: TapAction | undefined): ScreenSpec {
  const widgets: WidgetSpec[] = [];
  if (overflow) widgets.push({ kind: 'ImageView', desc: 'More options', size: 24, onTap: overflow });
  widgets.push(
    { kind: 'TextView', id: 'com.android.settings:id/entity_header_title', style: 'title', text: label },
    { kind: 'LinearLayout', orientation: 'horizontal', children: [
      { kind: 'Button', id: 'com.android.settings:id/button1', text: 'Open', variant: 'text' },
      { kind: 'Button', id: 'com.android.settings:id/button2', text: 'Uninstall', variant: 'text' },
      { kind: 'Button', id: 'com.android.settings:id/button3', text: 'Force stop', variant: 'text' },
    ] },
    { kind: 'RecyclerView', id: 'com.android.settings:id/recycler_view', items: [
      { title: 'Notifications', onTap: entries.notifications },
      { title: 'Permissions' },
      { title: 'Storage & cache' },
      { title: 'Battery' },
    ] },
  );
  return { title: 'App info', widgets };
}

/** The ⋮ menu of App info as a popup list. */
export function buildOverflowMenu(items: ReadonlyArray<{ text: string; onTap: TapAction }>): DialogSpec {
  return { packageName: SETTINGS_PACKAGE, buttons: items.map((item) => ({ id: 'android:id/title', text: item.text, onTap: item.onTap })) };
}

/** ActionDisabledByAppOpsDialog (Android 13): the switch of a restricted app. */
export function buildRestrictedDialog(onOk: TapAction): DialogSpec {
  return { title: 'Restricted setting', message: 'For your security, this setting is currently unavailable.', positive: { text: 'OK', onTap: onOk } };
}

/** The confirmation a switch needs before it turns on; undefined when it needs none. */
export function buildConfirmDialog(access: AccessKind, label: string, allow: TapAction, deny: TapAction): DialogSpec | undefined {
  switch (access) {
    case 'accessibility':
      return {
        title: `Allow ${label} to have full control of your device?`,
        message: 'Full control is appropriate for apps that help you with accessibility needs, but not for most apps.\n\nView and control screen: It can read all content on the screen and display content over other apps.\n\nView and perform actions: It can track your interactions with an app or a hardware sensor, and interact with apps on your behalf.',
        positive: { text: 'Allow', onTap: allow }, negative: { text: 'Deny', onTap: deny },
      };
    case 'notificationListener':
      return {
        title: `Allow notification access for ${label}?`,
        message: `${label} will be able to read all notifications, including personal information such as contact names, photos, and the text of messages you receive. This app will also be able to snooze or dismiss notifications or take action on buttons in notifications, including answering phone calls.\n\nThis will also give the app the ability to turn Do Not Disturb on or off and change related settings.`,
        positive: { text: 'Allow', onTap: allow }, negative: { text: 'Don’t allow', onTap: deny },
      };
    default:
      return undefined;
  }
}

/** HighPowerDetail: the app's battery choice, then Done. */
export function buildBatteryChoiceDialog(label: string, dontOptimize: boolean, choose: (value: boolean) => TapAction, done: TapAction, cancel: TapAction): DialogSpec {
  return {
    title: label,
    buttons: [
      { id: 'com.android.settings:id/high_power_dont_optimize', text: `${dontOptimize ? '◉' : '○'} Don’t optimize`, onTap: choose(true) },
      { id: 'com.android.settings:id/high_power_optimize', text: `${dontOptimize ? '○' : '◉'} Optimize`, onTap: choose(false) },
    ],
    positive: { text: 'Done', onTap: done },
    negative: { text: 'Cancel', onTap: cancel },
  };
}

/** RequestIgnoreBatteryOptimizations (an app's ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS). */
export function buildBatteryRequestDialog(label: string, allow: TapAction, deny: TapAction): DialogSpec {
  return {
    title: 'Let app always run in background?',
    message: `Allowing ${label} to always run in the background may reduce battery life. \n\nYou can change this later from Settings > Apps.`,
    positive: { text: 'Allow', onTap: allow }, negative: { text: 'Deny', onTap: deny },
  };
}

/** DeviceAdminAdd: the activation screen of one admin receiver. */
export function buildDeviceAdminPage(label: string, active: boolean, activate: TapAction, cancel: TapAction): ScreenSpec {
  return { title: 'Device admin app', widgets: [
    { kind: 'TextView', id: 'com.android.settings:id/admin_name', style: 'title', text: label },
    { kind: 'TextView', id: 'com.android.settings:id/admin_warning', text: active
      ? `This admin app is active and allows the app ${label} to perform the following operations:`
      : `Activating this admin app will allow the app ${label} to perform the following operations:` },
    { kind: 'TextView', id: 'com.android.settings:id/admin_policies', style: 'caption', text: 'Erase all data · Change the screen lock · Lock the screen · Monitor screen unlock attempts' },
    { kind: 'Button', id: 'com.android.settings:id/action_button', text: active ? 'Deactivate this device admin app' : 'Activate this device admin app', onTap: activate },
    { kind: 'Button', id: 'com.android.settings:id/cancel_button', text: 'Cancel', variant: 'text', onTap: cancel },
  ] };
}
