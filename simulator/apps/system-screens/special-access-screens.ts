/**
 * The Settings pages an app sends the user to for special access: an accessibility service, a
 * device-admin activation, notification access, usage access. Each page's switch or button fires
 * `<eventPrefix>grant`; the accessibility and notification pages first ask for confirmation as
 * Settings does.
 */
import type { ScreenSpec } from '../../ui/index.ts';
import type { SpecialAccess } from '../behaviour-schema.ts';

export const SETTINGS_PACKAGE = 'com.android.settings';

export const SPECIAL_ACCESS_ACTIVITIES: Readonly<Record<SpecialAccess, string>> = {
  accessibility: 'com.android.settings.SubSettings',
  'device-admin': 'com.android.settings.applications.specialaccess.deviceadmin.DeviceAdminAdd',
  'notification-listener': 'com.android.settings.Settings$NotificationAccessSettingsActivity',
  'usage-access': 'com.android.settings.Settings$UsageAccessSettingsActivity',
};

export function buildSpecialAccessScreen(access: SpecialAccess, appLabel: string, eventPrefix: string): ScreenSpec {
  const grant = { type: 'event' as const, name: `${eventPrefix}grant` };
  switch (access) {
    case 'accessibility':
      return { title: appLabel, widgets: [
        { kind: 'Switch', id: 'android:id/switch_widget', text: `Use ${appLabel}`, checked: false, onTap: { type: 'dialog', dialog: {
          title: `Allow ${appLabel} to have full control of your device?`,
          message: 'Full control is appropriate for apps that help you with accessibility needs, but not for most apps. It can view and control the screen and view and perform actions.',
          positive: { text: 'Allow', onTap: grant },
          negative: { text: 'Deny', onTap: { type: 'dismiss' } },
        } } },
        { kind: 'TextView', id: 'android:id/summary', text: `${appLabel} needs accessibility to work.`, style: 'caption' },
      ] };
    case 'device-admin':
      return { title: 'Device admin app', widgets: [
        { kind: 'TextView', id: 'com.android.settings:id/admin_name', style: 'title', text: appLabel },
        { kind: 'TextView', id: 'com.android.settings:id/admin_warning', text: `Activating this admin app will allow the app ${appLabel} to perform the following operations:` },
        { kind: 'TextView', id: 'com.android.settings:id/admin_policies', style: 'caption', text: 'Erase all data · Change the screen lock · Lock the screen · Monitor screen unlock attempts' },
        { kind: 'Button', id: 'com.android.settings:id/action_button', text: 'Activate this device admin app', onTap: grant },
        { kind: 'Button', id: 'com.android.settings:id/cancel_button', text: 'Cancel', variant: 'text', onTap: { type: 'back' } },
      ] };
    case 'notification-listener':
      return { title: 'Notification access', widgets: [
        { kind: 'Switch', id: 'android:id/switch_widget', text: `Allow notification access`, checked: false, onTap: { type: 'dialog', dialog: {
          title: `Allow notification access for ${appLabel}?`,
          message: `${appLabel} will be able to read all notifications, including personal information such as contact names and the text of messages you receive.`,
          positive: { text: 'Allow', onTap: grant },
          negative: { text: 'Cancel', onTap: { type: 'dismiss' } },
        } } },
        { kind: 'TextView', text: appLabel, style: 'caption' },
      ] };
    case 'usage-access':
      return { title: 'Usage access', widgets: [
        { kind: 'TextView', style: 'title', text: appLabel },
        { kind: 'Switch', id: 'android:id/switch_widget', text: 'Permit usage access', checked: false, onTap: grant },
        { kind: 'TextView', style: 'caption', text: 'Usage access allows an app to track what other apps you’re using and how often.' },
      ] };
  }
}
