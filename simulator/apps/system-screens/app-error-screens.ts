/**
 * system_server's app error dialogs (AppNotRespondingDialog, AppErrorDialog) with the framework's
 * `android:id/aerr_*` button ids, as UiAutomator sees them over the app (package `android`).
 * AppErrorDialog's title is aerr_application "<app> has stopped" for a first crash (shown only with
 * the first-crash setting) and aerr_application_repeated "<app> keeps stopping" for a repeated one;
 * "Open app again" needs Settings.Global show_restart_in_crash_dialog, off by default.
 */
import type { ScreenSpec } from '../../ui/index.ts';

export const SYSTEM_PACKAGE = 'android';
export const ANR_ACTIVITY = 'com.android.server.am.AppNotRespondingDialog';
export const CRASH_ACTIVITY = 'com.android.server.am.AppErrorDialog';

export function buildAnrScreen(appLabel: string, eventPrefix: string): ScreenSpec {
  return { appBar: false, widgets: [
    { kind: 'TextView', id: 'android:id/alertTitle', style: 'headline', text: `${appLabel} isn't responding` },
    { kind: 'LinearLayout', id: 'android:id/contentPanel', children: [
      { kind: 'Button', id: 'android:id/aerr_close', text: 'Close app', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}close` } },
      { kind: 'Button', id: 'android:id/aerr_wait', text: 'Wait', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}wait` } },
    ] },
  ] };
}

export function buildCrashScreen(appLabel: string, title: 'has stopped' | 'keeps stopping', eventPrefix: string): ScreenSpec {
  return { appBar: false, widgets: [
    { kind: 'TextView', id: 'android:id/alertTitle', style: 'headline', text: `${appLabel} ${title}` },
    { kind: 'LinearLayout', id: 'android:id/contentPanel', children: [
      { kind: 'Button', id: 'android:id/aerr_app_info', text: 'App info', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}close` } },
      { kind: 'Button', id: 'android:id/aerr_close', text: 'Close app', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}close` } },
    ] },
  ] };
}
