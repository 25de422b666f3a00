/**
 * The intent actions that open Settings' special-access pages, as Settings' AndroidManifest.xml
 * (Android 13) declares them, and what each opens. `package:<name>` data picks the app where the
 * page supports it; where Android 11+ ignores it (MANAGE_OVERLAY_PERMISSION) the list opens.
 */
import type { SystemIntent, SystemIntentStart } from '../../device/system-intents.ts';
import { BATTERY_REQUEST, DEVICE_ADMIN_ADD, SETTINGS_PACKAGE, SUB_SETTINGS } from './settings-pages.ts';
import type { Page, SettingsApp } from './settings-app.ts';
import { componentsFor, type AccessKind } from './special-access-state.ts';

/** Action → the access of its list page. */
const LIST_ACTIONS: Readonly<Record<string, AccessKind>> = {
  'android.settings.MANAGE_ALL_FILES_ACCESS_PERMISSION': 'allFiles',
  'android.settings.USAGE_ACCESS_SETTINGS': 'usage',
  'android.settings.ACTION_NOTIFICATION_LISTENER_SETTINGS': 'notificationListener',
  'android.settings.ACCESSIBILITY_SETTINGS': 'accessibility',
  'android.settings.action.MANAGE_OVERLAY_PERMISSION': 'overlay',
  'android.settings.IGNORE_BATTERY_OPTIMIZATION_SETTINGS': 'batteryOptimization',
  'android.settings.ALL_APPS_NOTIFICATION_SETTINGS': 'postNotifications',
};

/** Action → the access of an app's own page, and the activity Settings runs it in. */
const APP_ACTIONS: Readonly<Record<string, { access: AccessKind; activity: string }>> = {
  'android.settings.MANAGE_APP_ALL_FILES_ACCESS_PERMISSION': { access: 'allFiles', activity: 'com.android.settings.Settings$AppManageExternalStorageActivity' },
  // Settings' AppUsageAccessSettingsActivity takes USAGE_ACCESS_SETTINGS with a package: uri.
  'android.settings.USAGE_ACCESS_SETTINGS': { access: 'usage', activity: 'com.android.settings.Settings$AppUsageAccessSettingsActivity' },
};

const DETAILS_ACTION = 'android.settings.APPLICATION_DETAILS_SETTINGS';
const APP_NOTIFICATIONS_ACTION = 'android.settings.APP_NOTIFICATION_SETTINGS';
const LISTENER_DETAIL_ACTION = 'android.settings.NOTIFICATION_LISTENER_DETAIL_SETTINGS';
const BATTERY_REQUEST_ACTION = 'android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS';
const ADD_DEVICE_ADMIN_ACTION = 'android.app.action.ADD_DEVICE_ADMIN';
const UNKNOWN_SOURCES_ACTION = 'android.settings.MANAGE_UNKNOWN_APP_SOURCES';

function packageOf(data: string | undefined): string | undefined {
  return data?.startsWith('package:') ? data.slice('package:'.length) : undefined;
}

function splitComponent(text: string | undefined): { packageName: string; className: string } | undefined {
  const slash = text?.indexOf('/') ?? -1;
  if (text === undefined || slash <= 0) return undefined;
  const packageName = text.slice(0, slash);
  const cls = text.slice(slash + 1);
  return { packageName, className: cls.startsWith('.') ? `${packageName}${cls}` : cls };
}

/** Resolves and shows the page; undefined when Settings does not handle the intent. */
export function startSettingsIntent(settings: SettingsApp, intent: SystemIntent): SystemIntentStart | undefined {
  const device = settings.device;
  const show = (page: Page): SystemIntentStart => {
    settings.show(page);
    return { packageName: SETTINGS_PACKAGE, activity: page.activity };
  };
  const pkg = packageOf(intent.data);
  const record = pkg === undefined ? undefined : device.packages.get(pkg);
  const app = APP_ACTIONS[intent.action];
  if (app && record && settings.lists(record, app.access)) {
    return show({ kind: 'detail', access: app.access, packageName: record.packageName, activity: app.activity });
  }
  const list = LIST_ACTIONS[intent.action];
  if (list) return show(settings.listPage(list));
  switch (intent.action) {
    case DETAILS_ACTION:
      if (!record) return undefined;
      return show({ kind: 'appInfo', packageName: record.packageName, activity: SUB_SETTINGS });
    case APP_NOTIFICATIONS_ACTION: {
      const target = device.packages.get(intent.extras['android.provider.extra.APP_PACKAGE'] ?? '');
      if (!target) return undefined;
      return show({ kind: 'detail', access: 'postNotifications', packageName: target.packageName, activity: 'com.android.settings.Settings$AppNotificationSettingsActivity' });
    }
    case LISTENER_DETAIL_ACTION: {
      const component = splitComponent(intent.extras['android.provider.extra.NOTIFICATION_LISTENER_COMPONENT_NAME']);
      const target = component && device.packages.get(component.packageName);
      if (!component || !target || !componentsFor(target, 'notificationListener').includes(component.className)) {
        return show(settings.listPage('notificationListener'));
      }
      return show({ kind: 'detail', access: 'notificationListener', packageName: target.packageName, component: component.className,
        activity: 'com.android.settings.Settings$NotificationAccessDetailsActivity' });
    }
    case BATTERY_REQUEST_ACTION: {
      // RequestIgnoreBatteryOptimizations.onCreate finishes unless the app requests the permission.
      if (!record || !settings.lists(record, 'batteryOptimization')) {
        device.logSystem('RequestIgnoreBatteryOptimizations', `Requested package ${pkg ?? ''} does not hold android.permission.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS`, 'I');
        return { packageName: SETTINGS_PACKAGE, activity: BATTERY_REQUEST };
      }
      settings.requestBatteryExemption(record, BATTERY_REQUEST);
      return { packageName: SETTINGS_PACKAGE, activity: BATTERY_REQUEST };
    }
    case ADD_DEVICE_ADMIN_ACTION: {
      const component = splitComponent(intent.extras['android.app.extra.DEVICE_ADMIN']);
      const target = component && device.packages.get(component.packageName);
      if (!component || !target || !componentsFor(target, 'deviceAdmin').includes(component.className)) {
        // DeviceAdminAdd: "Unable to retrieve device policy" / "Bad admin", then finish().
        device.logSystem('DeviceAdminAdd', `Unable to retrieve device policy ${intent.extras['android.app.extra.DEVICE_ADMIN'] ?? ''}`, 'W');
        return { packageName: SETTINGS_PACKAGE, activity: DEVICE_ADMIN_ADD };
      }
      return show({ kind: 'deviceAdmin', packageName: target.packageName, component: component.className, activity: DEVICE_ADMIN_ADD });
    }
    case UNKNOWN_SOURCES_ACTION:
      if (!record) return undefined;
      return show({ kind: 'unknownSources', packageName: record.packageName, activity: 'com.android.settings.Settings$ManageAppExternalSourcesActivity' });
    default:
      return undefined;
  }
}
