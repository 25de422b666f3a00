/**
 * Who asks: the uid behind a shell command, and the component checks system_server makes against it.
 * adbd drops to the shell uid (2000) unless it was restarted as root on a debuggable image
 * (packages/modules/adb daemon/main.cpp `should_drop_privileges`: ro.debuggable=1 and
 * service.adb.root=1 keep root), so the uid follows those two properties.
 */
import type { ApkComponent } from '../../harness/apk/types.ts';
import type { AndroidModel } from './android-model.ts';
import type { PackageRecord } from './package-record.ts';

export const ROOT_UID = 0;
export const SYSTEM_UID = 1000;
export const SHELL_UID = 2000;

/** The uid adb shell commands run as now: 0 after `adb root` on a debuggable image, else 2000. */
export function shellUid(device: Pick<AndroidModel, 'getProp'>): number {
  return isDebuggable(device) && device.getProp('service.adb.root') === '1' ? ROOT_UID : SHELL_UID;
}

/** ro.debuggable=1: eng/userdebug images (Google APIs emulator images); Google Play images are user builds. */
export function isDebuggable(device: Pick<AndroidModel, 'getProp'>): boolean {
  return device.getProp('ro.debuggable') === '1';
}

/**
 * android:exported as PackageParser resolves it: the manifest value, else true when the component
 * has an intent-filter (only possible below targetSdk 31; from 31 on a filter without an explicit
 * value fails to install), else false.
 */
export function isExported(component: ApkComponent): boolean {
  if (component.exported !== undefined) return component.exported;
  return component.actions.length > 0 || component.categories.length > 0;
}

/**
 * ActivityManagerService.checkComponentPermission: root and system may reach any component, an app
 * its own, everyone else only exported ones (a component permission is not modelled).
 */
export function mayReachComponent(callingUid: number, owner: PackageRecord, component: ApkComponent): boolean {
  if (callingUid === ROOT_UID || callingUid === SYSTEM_UID) return true;
  if (callingUid === owner.uid) return true;
  return isExported(component);
}
