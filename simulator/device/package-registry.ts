/**
 * Installed packages, their runtime permissions and component states: what PackageManager knows.
 * Pure state operations; logging, events and process side effects live in the device.
 */
import { classifyPermission, isKnownPermission } from './permission-catalog.ts';
import type { EnabledSetting, PackageRecord } from './package-record.ts';

export interface PackageRegistryJson {
  packages: PackageRecord[];
  nextUid: number;
}

/** Why a permission change was refused, with the exception Android's shell prints. */
export type PermissionChangeResult =
  | { ok: true }
  | { ok: false; exception: string };

export class PackageRegistry {
  #packages = new Map<string, PackageRecord>();
  #nextUid = 10_150;
  #apiLevel: number;

  constructor(apiLevel: number) {
    this.#apiLevel = apiLevel;
  }

  get(packageName: string): PackageRecord | undefined {
    return this.#packages.get(packageName);
  }

  all(): PackageRecord[] {
    return [...this.#packages.values()];
  }

  put(record: PackageRecord): void {
    this.#packages.set(record.packageName, record);
  }

  remove(packageName: string): PackageRecord | undefined {
    const record = this.#packages.get(packageName);
    this.#packages.delete(packageName);
    return record;
  }

  /** A fresh application uid (10000 + n); uninstalled uids are not reused, as on Android. */
  allocateUid(): number {
    return this.#nextUid++;
  }

  grant(packageName: string, permission: string, grant: boolean): PermissionChangeResult {
    const record = this.#packages.get(packageName);
    if (record === undefined) return { ok: false, exception: `java.lang.IllegalArgumentException: Unknown package: ${packageName}` };
    const requestedAnywhere = this.all().some((other) => other.requestedPermissions.includes(permission));
    if (!isKnownPermission(permission, this.#apiLevel, requestedAnywhere)) {
      return { ok: false, exception: `java.lang.IllegalArgumentException: Unknown permission: ${permission}` };
    }
    if (!record.requestedPermissions.includes(permission)) {
      return { ok: false, exception: `java.lang.SecurityException: Package ${packageName} has not requested permission ${permission}` };
    }
    const kind = classifyPermission(permission, this.#apiLevel);
    if (kind !== 'runtime' && kind !== 'development') {
      return {
        ok: false,
        // Android 11 added the package to the message.
        exception: this.#apiLevel >= 30
          ? `java.lang.SecurityException: Permission ${permission} requested by ${packageName} is not a changeable permission type`
          : `java.lang.SecurityException: Permission ${permission} is not a changeable permission type`,
      };
    }
    const granted = new Set(record.grantedRuntime);
    if (grant) granted.add(permission);
    else granted.delete(permission);
    record.grantedRuntime = record.requestedPermissions.filter((name) => granted.has(name));
    return { ok: true };
  }

  /** Grants every requested runtime permission (`install -g`). */
  grantAllRuntime(record: PackageRecord): void {
    record.grantedRuntime = record.requestedPermissions.filter((name) => classifyPermission(name, this.#apiLevel) === 'runtime');
  }

  /** Runtime permissions requested by the package that exist on this API level. */
  runtimePermissionsOf(record: PackageRecord): string[] {
    return record.requestedPermissions.filter((name) => classifyPermission(name, this.#apiLevel) === 'runtime');
  }

  /** Install-time permissions granted to the package (normal ones, plus granted development ones). */
  installPermissionsOf(record: PackageRecord): string[] {
    return record.requestedPermissions.filter((name) => {
      const kind = classifyPermission(name, this.#apiLevel);
      if (kind === 'normal') return true;
      if (kind === 'development') return record.grantedRuntime.includes(name);
      return record.system && kind === 'signature';
    });
  }

  /** `pm enable|disable|disable-user pkg` or `pkg/cls`; false when the component does not exist. */
  setEnabled(packageName: string, className: string | undefined, setting: EnabledSetting): boolean {
    const record = this.#packages.get(packageName);
    if (record === undefined) return false;
    if (className === undefined) {
      record.enabledSetting = setting;
      return true;
    }
    if (!record.components.some((component) => component.name === className)) return false;
    record.disabledComponents = record.disabledComponents.filter((name) => name !== className);
    record.enabledComponents = record.enabledComponents.filter((name) => name !== className);
    if (setting === 1) record.enabledComponents.push(className);
    if (setting === 2 || setting === 3) record.disabledComponents.push(className);
    return true;
  }

  toJSON(): PackageRegistryJson {
    return { packages: this.all().map((record) => structuredClone(record)), nextUid: this.#nextUid };
  }

  load(json: PackageRegistryJson): void {
    this.#packages = new Map(json.packages.map((record) => [record.packageName, structuredClone(record)]));
    this.#nextUid = json.nextUid;
  }
}
