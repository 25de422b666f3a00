/**
 * The special-access part of the Settings app: shows the pages of settings-pages.ts for the intents
 * settings-intents.ts resolves, and runs their taps. Every switch writes the state of
 * special-access-state.ts, then the page is drawn again from that state (as Settings' fragments
 * re-read it in onResume), so what the screen shows is what `appops`, `settings` and `dumpsys` say.
 *
 * Android 13 restricted settings (Settings: RestrictedPreferenceHelper / ActionDisabledByAppOpsDialog,
 * AppInfoDashboardFragment.shouldShowAccessRestrictedSettings): an app whose ACCESS_RESTRICTED_SETTINGS
 * op is `deny` or `ignore` cannot have accessibility or notification access switched on; the tap shows
 * "Restricted setting", which also moves the op from `deny` to `ignore`; only then App info's ⋮ offers
 * "Allow restricted settings" (no screen lock set: no credential check), which sets `allow`.
 */
import type { PackageRecord } from '../../device/package-record.ts';
import type { TapAction, UiEvent } from '../../ui/index.ts';
import type { Device } from '../system-screens/system-screen-broker.ts';
import {
  buildAppInfoPage, buildBatteryChoiceDialog, buildBatteryRequestDialog, buildConfirmDialog, buildDetailPage, buildDeviceAdminPage,
  buildListPage, buildOverflowMenu, buildRestrictedDialog, LIST_ACTIVITY, SETTINGS_PACKAGE, SUB_SETTINGS, type Act,
} from './settings-pages.ts';
import {
  componentsFor, hasAccess, isListed, isRestricted, listedApps, restrictedMode, setAccess, setRestrictedMode, type AccessKind,
} from './special-access-state.ts';

const EVENT_PREFIX = 'settings:';

/** A page on screen: how to draw it again after a change. */
export type Page =
  | { kind: 'list'; access: AccessKind; activity: string }
  | { kind: 'detail'; access: AccessKind; packageName: string; component?: string; activity: string }
  | { kind: 'appInfo'; packageName: string; activity: string }
  | { kind: 'deviceAdmin'; packageName: string; component: string; activity: string }
  /** `onAllowed`: opened by the package installer, which takes over once the switch is on. */
  | { kind: 'unknownSources'; packageName: string; activity: string; onAllowed?: () => void }
  | { kind: 'blank'; activity: string };

export class SettingsApp {
  readonly device: Device;
  #actions = new Map<string, () => void>();
  #next = 1;
  constructor(device: Device) {
    this.device = device;
  }

  /** A tap action that runs `run`; tokens are never reused. */
  readonly act: Act = (run) => {
    const token = String(this.#next++);
    this.#actions.set(token, run);
    return { type: 'event', name: `${EVENT_PREFIX}${token}` };
  };

  handleEvent(event: UiEvent): boolean {
    if (!event.name.startsWith(EVENT_PREFIX)) return false;
    this.#actions.get(event.name.slice(EVENT_PREFIX.length))?.();
    return true;
  }

  reset(): void {
    this.#actions.clear();
  }

  show(page: Page): void {
    this.device.ui.showScreen(SETTINGS_PACKAGE, this.#build(page), page.activity);
  }

  /** Draws the front page again from the device state (a new activity instance: old elements go stale). */
  refresh(page: Page): void {
    this.device.ui.runAppAction(SETTINGS_PACKAGE, { type: 'back' });
    this.show(page);
  }

  /** Leaves the front Settings page as its own Cancel / Done does. */
  finish(): void {
    this.device.ui.runAppAction(SETTINGS_PACKAGE, { type: 'back' });
  }

  #record(packageName: string): PackageRecord | undefined {
    return this.device.packages.get(packageName);
  }

  #build(page: Page) {
    const device = this.device;
    switch (page.kind) {
      case 'list': {
        const rows = listedApps(device, page.access).map((record) => ({
          label: record.label,
          allowed: hasAccess(device, record, page.access),
          restricted: isRestricted(device, record.packageName, page.access),
          onTap: this.act(() => this.#openFromList(page, record)),
        }));
        return buildListPage(page.access, rows);
      }
      case 'detail': {
        const record = this.#record(page.packageName);
        if (!record) return { title: 'App info', widgets: [] };
        const checked = hasAccess(device, record, page.access, page.component);
        return buildDetailPage(page.access, record.label, checked, this.act(() => this.#toggle(page, record, !checked)));
      }
      case 'appInfo': {
        const record = this.#record(page.packageName);
        if (!record) return { title: 'App info', widgets: [] };
        const notifications = this.act(() => this.show({ kind: 'detail', access: 'postNotifications', packageName: record.packageName, activity: SUB_SETTINGS }));
        const overflow = restrictedMode(device, record.packageName) === 'ignore'
          ? this.act(() => device.ui.showDialog(SETTINGS_PACKAGE, buildOverflowMenu([{ text: 'Allow restricted settings', onTap: this.act(() => {
            // No screen lock is set on the virtual phone: Settings skips the credential check.
            setRestrictedMode(device, record.packageName, 'allow');
            device.logSystem('AppOps', `ACCESS_RESTRICTED_SETTINGS allow for ${record.packageName} (App info)`);
            this.refresh(page);
          }) }])))
          : undefined;
        return buildAppInfoPage(record.label, { notifications }, overflow);
      }
      case 'deviceAdmin': {
        const record = this.#record(page.packageName);
        if (!record) return { title: 'Device admin app', widgets: [] };
        const active = hasAccess(device, record, 'deviceAdmin', page.component);
        return buildDeviceAdminPage(record.label, active, this.act(() => {
          setAccess(device, record, 'deviceAdmin', !active, page.component);
          this.finish();
        }), this.act(() => this.finish()));
      }
      case 'unknownSources': {
        const record = this.#record(page.packageName);
        if (!record) return { title: 'Install unknown apps', widgets: [] };
        const allowed = device.policy.appOps[record.packageName]?.['REQUEST_INSTALL_PACKAGES']?.mode === 'allow';
        return { title: 'Install unknown apps', widgets: [
          { kind: 'TextView' as const, id: 'com.android.settings:id/entity_header_title', style: 'title' as const, text: record.label },
          { kind: 'Switch' as const, id: 'android:id/switch_widget', text: 'Allow from this source', checked: allowed, onTap: this.act(() => {
            // ExternalSourcesDetails.setCanInstallApps: OP_REQUEST_INSTALL_PACKAGES allowed / errored.
            const ops = (device.policy.appOps[record.packageName] ??= {});
            ops['REQUEST_INSTALL_PACKAGES'] = { mode: allowed ? 'deny' : 'allow', time: device.now() };
            // Started for a result by the installer: switching it on finishes the page and the install goes on.
            if (!allowed && page.onAllowed) {
              this.finish();
              page.onAllowed();
              return;
            }
            this.refresh(page);
          }) },
          { kind: 'TextView' as const, style: 'caption' as const, text: 'Your phone and personal data are more vulnerable to attack by unknown apps. By installing apps from this source, you agree that you are responsible for any damage to your phone or loss of data that may result from their use.' },
        ] };
      }
      case 'blank':
        return { appBar: false, widgets: [] };
    }
  }

  #openFromList(list: Page & { kind: 'list' }, record: PackageRecord): void {
    const access = list.access;
    if (isRestricted(this.device, record.packageName, access)) {
      this.#showRestricted(record);
      return;
    }
    if (access === 'batteryOptimization') {
      this.#batteryChoice(list, record, hasAccess(this.device, record, access));
      return;
    }
    if (access === 'deviceAdmin') {
      const component = componentsFor(record, access)[0];
      if (component) this.show({ kind: 'deviceAdmin', packageName: record.packageName, component, activity: 'com.android.settings.applications.specialaccess.deviceadmin.DeviceAdminAdd' });
      return;
    }
    this.show({ kind: 'detail', access, packageName: record.packageName, activity: SUB_SETTINGS });
  }

  #showRestricted(record: PackageRecord): void {
    const device = this.device;
    if (restrictedMode(device, record.packageName) === 'deny') setRestrictedMode(device, record.packageName, 'ignore');
    device.logSystem('ActionDisabledByAppOpsDialog', `restricted setting for ${record.packageName}`);
    device.ui.showDialog(SETTINGS_PACKAGE, buildRestrictedDialog({ type: 'dismiss' }));
  }

  #toggle(page: Page & { kind: 'detail' }, record: PackageRecord, on: boolean): void {
    const device = this.device;
    this.refresh(page);
    if (on && isRestricted(device, record.packageName, page.access)) {
      this.#showRestricted(record);
      return;
    }
    const confirm = on ? buildConfirmDialog(page.access, record.label, this.act(() => {
      setAccess(device, record, page.access, true, page.component);
      this.refresh(page);
    }), this.act(() => this.refresh(page))) : undefined;
    if (confirm) {
      device.ui.showDialog(SETTINGS_PACKAGE, confirm);
      return;
    }
    setAccess(device, record, page.access, on, page.component);
    this.refresh(page);
  }

  #batteryChoice(list: Page, record: PackageRecord, dontOptimize: boolean): void {
    const device = this.device;
    const dismiss: TapAction = this.act(() => undefined);
    device.ui.showDialog(SETTINGS_PACKAGE, buildBatteryChoiceDialog(record.label, dontOptimize,
      (value) => this.act(() => this.#batteryChoice(list, record, value)),
      this.act(() => {
        setAccess(device, record, 'batteryOptimization', dontOptimize);
        this.refresh(list);
      }), dismiss));
  }

  /** RequestIgnoreBatteryOptimizations: the dialog over a blank activity, finished by either answer. */
  requestBatteryExemption(record: PackageRecord, activity: string): void {
    const page: Page = { kind: 'blank', activity };
    this.show(page);
    this.device.ui.showDialog(SETTINGS_PACKAGE, buildBatteryRequestDialog(record.label, this.act(() => {
      setAccess(this.device, record, 'batteryOptimization', true);
      this.finish();
    }), this.act(() => this.finish())));
  }

  /** Whether a detail page exists for this app (else Settings shows the list). */
  lists(record: PackageRecord, access: AccessKind): boolean {
    return isListed(record, access);
  }

  listPage(access: AccessKind): Page {
    return { kind: 'list', access, activity: LIST_ACTIVITY[access] };
  }
}
