/**
 * What a stalkerware sample does on the device: special access through Settings (or the shell
 * commands a lab uses — both end in the same device state, which `reconcile` follows), hiding its
 * launcher icon, its background service, and logcat lines while it collects.
 */
import { startService } from '../../device/activity-manager.ts';
import { expandClassName, shortComponentName } from '../../device/package-record.ts';
import type { AppController, RoleBehaviour } from '../app-controller.ts';
import type { Effect, SpecialAccess, StalkerwareBehaviour } from '../behaviour-schema.ts';
import { grantSpecialAccess } from '../grant-special-access.ts';

export const COLLECTING_FLAG = 'collecting';

export class StalkerwareRuntime implements RoleBehaviour {
  #app: AppController;
  #spec: StalkerwareBehaviour;
  #lastCollect = 0;
  #line = 0;

  constructor(app: AppController, spec: StalkerwareBehaviour) {
    this.#app = app;
    this.#spec = spec;
  }

  async runEffect(effect: Effect): Promise<boolean> {
    const app = this.#app;
    switch (effect.do) {
      case 'hideIcon': {
        const record = app.device.packages.get(app.packageName);
        if (record?.launchableActivity) {
          app.device.packages.setEnabled(app.packageName, record.launchableActivity, 2);
          app.device.logSystem('PackageManager', `setComponentEnabledSetting ${shortComponentName(app.packageName, record.launchableActivity)} newState=2`);
        }
        return true;
      }
      case 'startService':
        this.#startOwnService();
        return true;
      case 'startCollecting':
        app.update((state) => {
          state.flags[COLLECTING_FLAG] = true;
        });
        this.#startOwnService();
        this.reconcile(true);
        return true;
      default:
        return false;
    }
  }

  /**
   * The app starts its own service from its own uid: allowed whether or not the service is
   * exported (checkComponentPermission passes the owner), unlike `am start-service` from the shell.
   */
  #startOwnService(): void {
    const app = this.#app;
    const ownUid = app.device.packages.get(app.packageName)?.uid;
    startService(app.device, app.packageName, this.#spec.service, true, ownUid);
  }

  grant(access: SpecialAccess): void {
    const component = access === 'accessibility' ? this.#spec.accessibilityService
      : access === 'device-admin' ? this.#spec.deviceAdmin
        : access === 'notification-listener' ? this.#spec.notificationListener : undefined;
    grantSpecialAccess(this.#app.device, this.#app.packageName, access, component);
    this.reconcile(false);
  }

  /**
   * Writes the collecting service's log lines while it runs, however it was started (its own setup,
   * or `am start-foreground-service` from a lab). Bound services follow secure settings in the device.
   */
  reconcile(force: boolean): void {
    const app = this.#app;
    const device = app.device;
    if (!device.packages.get(app.packageName)) return;
    const service = expandClassName(app.packageName, this.#spec.service);
    const collecting = device.processes.services().some((entry) => entry.packageName === app.packageName && entry.className === service);
    const { collect } = this.#spec;
    const now = device.now();
    if (collecting && (force || now - this.#lastCollect >= collect.intervalMs)) {
      this.#lastCollect = now;
      const line = collect.lines[this.#line % collect.lines.length] ?? '';
      this.#line += 1;
      app.log('D', collect.tag, line);
    }
  }
}
