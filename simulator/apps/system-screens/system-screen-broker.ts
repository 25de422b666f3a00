/**
 * Shows the system's own screens on behalf of apps — the permission grant dialog, Settings pages for
 * special access, the uninstall confirmation, app error dialogs — and turns the taps on them back into
 * results. Each screen's buttons fire `sys:<token>:<answer>` events that only this broker handles.
 */
import type { AndroidModel } from '../../device/android-model.ts';
import { classifyPermission } from '../../device/permission-catalog.ts';
import { flagsOf, isExplicitlySet, markUserDenied, markUserGranted } from '../../device/permission-flags.ts';
import type { PackageRecord } from '../../device/package-record.ts';
import type { SimulatedDeviceUi, ScreenSpec, UiEvent } from '../../ui/index.ts';
import type { SpecialAccess } from '../behaviour-schema.ts';
import { ANR_ACTIVITY, buildAnrScreen, buildCrashScreen, CRASH_ACTIVITY, SYSTEM_PACKAGE } from './app-error-screens.ts';
import { buildPermissionDialog, GRANT_ACTIVITY, type GrantAnswer } from './permission-dialog.ts';
import { groupPermissions } from './permission-groups.ts';
import { buildSpecialAccessScreen, SETTINGS_PACKAGE, SPECIAL_ACCESS_ACTIVITIES } from './special-access-screens.ts';
import { buildRestrictedDialog } from '../settings/settings-pages.ts';
import { isRestricted, restrictedMode, setRestrictedMode } from '../settings/special-access-state.ts';

export type Device = AndroidModel & { readonly ui: SimulatedDeviceUi };

const EVENT_PREFIX = 'sys:';
const POST_NOTIFICATIONS = 'android.permission.POST_NOTIFICATIONS';

/** What GrantPermissionsActivity keeps of an app's request (see requestPermissions). */
function filterRequest(record: PackageRecord, permissions: readonly string[], apiLevel: number): string[] {
  if (apiLevel < 33 || record.targetSdk >= 33) return [...permissions];
  return permissions.filter((name) => name !== POST_NOTIFICATIONS);
}

export class SystemScreenBroker {
  #device: Device;
  #pending = new Map<string, (answer: string) => void>();
  #nextToken = 1;

  constructor(device: Device) {
    this.#device = device;
  }

  /** The permission controller package this image ships (Google images: com.google.android.permissioncontroller). */
  get permissionControllerPackage(): string {
    return this.#device.packages.get('com.google.android.permissioncontroller') ? 'com.google.android.permissioncontroller' : 'com.android.permissioncontroller';
  }

  get packageInstallerPackage(): string {
    return this.#device.packages.get('com.google.android.packageinstaller') ? 'com.google.android.packageinstaller' : 'com.android.packageinstaller';
  }

  /** Consumes the broker's own events; false for every other event. */
  handleEvent(event: UiEvent): boolean {
    if (!event.name.startsWith(EVENT_PREFIX)) return false;
    const [token = '', answer = ''] = event.name.slice(EVENT_PREFIX.length).split(':');
    const resolve = this.#pending.get(token);
    if (resolve) {
      this.#pending.delete(token);
      resolve(answer);
    }
    return true;
  }

  /** Drops every open question (device state was replaced). */
  reset(): void {
    this.#pending.clear();
  }

  /**
   * Asks for runtime permissions as `requestPermissions()` does: one dialog per group of permissions
   * the app declares, holds on this API level and has not been granted. Resolves when all are answered.
   */
  async requestPermissions(packageName: string, permissions: readonly string[], signal: AbortSignal): Promise<void> {
    const device = this.#device;
    const record = device.packages.get(packageName);
    if (!record) return;
    const api = device.profile.apiLevel;
    // GrantPermissionsActivity.onCreate drops POST_NOTIFICATIONS from the request of an app targeting
    // ≤ 32 (filterNotificationPermissionIfNeededSync): only the system prompts for it then. A
    // permission the user fixed ("don't ask again") is denied without a dialog.
    const askable = filterRequest(record, permissions, api).filter((name) => record.requestedPermissions.includes(name)
      && classifyPermission(name, api) === 'runtime' && !record.grantedRuntime.includes(name)
      && !flagsOf(record, name).includes('USER_FIXED'));
    await this.#askGroups(record, askable, signal);
  }

  /**
   * API 33, the system's notification prompt for an app targeting 23..32 (PermissionPolicyService
   * .showNotificationPromptIfNeeded, reached from NotificationManagerService.createNotificationChannelsImpl
   * when the app creates its first channel, or from an activity launch once it has channels): shown
   * over the app's task only while that task is in front, only when the permission is not granted
   * and the user has not answered before (EXPLICIT_SET_FLAGS). Resolves false when it did not show.
   */
  async promptLegacyNotifications(packageName: string, signal: AbortSignal): Promise<boolean> {
    const device = this.#device;
    const record = device.packages.get(packageName);
    if (!record || device.profile.apiLevel < 33 || record.targetSdk < 23 || record.targetSdk >= 33) return false;
    if (!record.requestedPermissions.includes(POST_NOTIFICATIONS) || record.grantedRuntime.includes(POST_NOTIFICATIONS)) return false;
    if (!record.hasNotificationChannels || isExplicitlySet(record, POST_NOTIFICATIONS)) return false;
    // ActivityTaskManager.getTaskToShowPermissionDialogOn: the app's own task, focused and visible.
    if (device.ui.focusedWindow().packageName !== packageName) return false;
    device.logSystem('PermissionPolicyService', `showNotificationPromptIfNeeded ${packageName}`);
    await this.#askGroups(record, [POST_NOTIFICATIONS], signal);
    return true;
  }

  async #askGroups(record: PackageRecord, askable: readonly string[], signal: AbortSignal): Promise<void> {
    const device = this.#device;
    const packageName = record.packageName;
    const api = device.profile.apiLevel;
    const groups = groupPermissions(askable);
    const returnTo = device.ui.focusedWindow();
    for (const [index, { group, permissions: asked }] of groups.entries()) {
      const background = asked.includes('android.permission.ACCESS_BACKGROUND_LOCATION');
      const token = this.#token();
      const answer = await this.#ask(token, signal, () => device.ui.showScreen(this.permissionControllerPackage, buildPermissionDialog({
        appLabel: record.label, group, apiLevel: api, background, index, count: groups.length, eventPrefix: `${EVENT_PREFIX}${token}:`,
      }), GRANT_ACTIVITY));
      device.ui.closePackage(this.permissionControllerPackage);
      const granted = grantedBy(answer as GrantAnswer, asked, api);
      for (const permission of granted) device.packages.grant(packageName, permission, true);
      for (const permission of asked) {
        if (granted.includes(permission)) markUserGranted(record, permission);
        else markUserDenied(record, permission);
      }
      device.logSystem('PermissionControllerService', `${packageName}: ${group.name} ${granted.length > 0 ? 'granted' : 'denied'} (${answer})`);
    }
    if (groups.length > 0 && returnTo.packageName === packageName) device.ui.startActivity(packageName, returnTo.activity);
  }

  /** Opens the Settings page for a special access; resolves true once the user granted it (then returns to the app). */
  async openSpecialAccess(packageName: string, access: SpecialAccess, signal: AbortSignal, grant: () => void): Promise<boolean> {
    const device = this.#device;
    const record = device.packages.get(packageName);
    if (!record) return false;
    const returnTo = device.ui.focusedWindow();
    const token = this.#token();
    let screen: ScreenSpec = buildSpecialAccessScreen(access, record.label, `${EVENT_PREFIX}${token}:`);
    // Android 13 restricted settings (an app installed from a file): the switch answers "Restricted
    // setting" instead of its confirmation, as Settings' own pages do (simulator/apps/settings).
    const kind = access === 'accessibility' ? 'accessibility' : access === 'notification-listener' ? 'notificationListener' : undefined;
    if (kind !== undefined && isRestricted(device, packageName, kind)) {
      const restricted = buildRestrictedDialog({ type: 'event', name: `${EVENT_PREFIX}${token}:restricted` });
      screen = { ...screen, widgets: screen.widgets.map((widget) => (widget.id === 'android:id/switch_widget' ? { ...widget, onTap: { type: 'dialog' as const, dialog: restricted } } : widget)) };
    }
    device.ui.showScreen(SETTINGS_PACKAGE, screen, SPECIAL_ACCESS_ACTIVITIES[access]);
    // The user may also leave the page with BACK: the question then stays open until the app asks again.
    const answer = await this.#ask(token, signal, () => undefined, () => device.ui.focusedWindow().packageName !== SETTINGS_PACKAGE);
    if (answer === 'restricted' && restrictedMode(device, packageName) === 'deny') setRestrictedMode(device, packageName, 'ignore');
    if (answer !== 'grant') return false;
    grant();
    // Like most such apps, it watches the setting and brings itself back once access is granted.
    device.ui.closePackage(SETTINGS_PACKAGE);
    if (returnTo.packageName === packageName) device.ui.startActivity(packageName, returnTo.activity);
    return true;
  }

  /** The package installer's uninstall confirmation; true when the user tapped OK. */
  async confirmUninstall(appLabel: string, signal: AbortSignal): Promise<boolean> {
    const device = this.#device;
    const token = this.#token();
    const installer = this.packageInstallerPackage;
    const answer = await this.#ask(token, signal, () => device.ui.showScreen(installer, { appBar: false, widgets: [
      { kind: 'TextView', id: 'android:id/alertTitle', style: 'headline', text: appLabel },
      { kind: 'TextView', id: 'android:id/message', text: 'Do you want to uninstall this app?' },
      { kind: 'LinearLayout', orientation: 'horizontal', children: [
        { kind: 'Button', id: 'android:id/button2', text: 'Cancel', variant: 'text', onTap: { type: 'event', name: `${EVENT_PREFIX}${token}:cancel` } },
        { kind: 'Button', id: 'android:id/button1', text: 'OK', variant: 'text', onTap: { type: 'event', name: `${EVENT_PREFIX}${token}:ok` } },
      ] },
    ] }, 'com.android.packageinstaller.UninstallerActivity'));
    device.ui.closePackage(installer);
    return answer === 'ok';
  }

  /** "<app> isn't responding": resolves `close` or `wait`. */
  async showAnr(appLabel: string, signal: AbortSignal): Promise<string> {
    const token = this.#token();
    const answer = await this.#ask(token, signal, () => this.#device.ui.showScreen(SYSTEM_PACKAGE, buildAnrScreen(appLabel, `${EVENT_PREFIX}${token}:`), ANR_ACTIVITY));
    this.#device.ui.closePackage(SYSTEM_PACKAGE);
    return answer;
  }

  /** "<app> has stopped" / "<app> keeps stopping"; resolves when dismissed. */
  async showCrash(appLabel: string, title: 'has stopped' | 'keeps stopping', signal: AbortSignal): Promise<void> {
    const token = this.#token();
    await this.#ask(token, signal, () => this.#device.ui.showScreen(SYSTEM_PACKAGE, buildCrashScreen(appLabel, title, `${EVENT_PREFIX}${token}:`), CRASH_ACTIVITY));
    this.#device.ui.closePackage(SYSTEM_PACKAGE);
  }

  /**
   * Shows a system screen whose buttons fire `<prefix><answer>` and resolves with the answer of the
   * first tap; `gone` (polled) ends the wait with `gone` (BACK, or another window took the front).
   */
  askOnScreen(show: (eventPrefix: string) => void, signal: AbortSignal, gone?: () => boolean): Promise<string> {
    const token = this.#token();
    return this.#ask(token, signal, () => show(`${EVENT_PREFIX}${token}:`), gone);
  }

  #token(): string {
    return String(this.#nextToken++);
  }

  /** Shows a screen and waits for its answer; `gone` (polled) ends the wait without one. */
  #ask(token: string, signal: AbortSignal, show: () => void, gone?: () => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      let poll: NodeJS.Timeout | undefined;
      const finish = (answer: string): void => {
        clearInterval(poll);
        signal.removeEventListener('abort', abort);
        this.#pending.delete(token);
        resolve(answer);
      };
      const abort = (): void => {
        clearInterval(poll);
        this.#pending.delete(token);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort, { once: true });
      this.#pending.set(token, finish);
      show();
      if (gone) {
        poll = setInterval(() => {
          if (gone()) finish('gone');
        }, 100);
        poll.unref();
      }
    });
  }
}

function grantedBy(answer: GrantAnswer, asked: readonly string[], apiLevel: number): string[] {
  switch (answer) {
    case 'allow':
    case 'always':
      return [...asked];
    case 'foreground':
    case 'one-time':
      // Background location needs "Allow all the time" (API 29) or a trip to Settings (API 30+).
      return asked.filter((name) => name !== 'android.permission.ACCESS_BACKGROUND_LOCATION' || apiLevel < 29);
    default:
      return [];
  }
}
