/**
 * The device state special access leaves behind, written as Settings writes it: component lists in
 * secure settings (flattened `pkg/full.Class`), the active device admins, and the usage-stats app op.
 * `settings put`, `dpm set-active-admin`, `cmd notification allow_listener` and `appops set` from a
 * lab's shell reach the same state.
 */
import type { AndroidModel } from '../device/android-model.ts';
import { expandClassName, shortComponentName } from '../device/package-record.ts';
import type { SpecialAccess } from './behaviour-schema.ts';

export function grantSpecialAccess(device: AndroidModel, packageName: string, access: SpecialAccess, className: string | undefined): void {
  const flattened = className === undefined ? undefined : `${packageName}/${expandClassName(packageName, className)}`;
  switch (access) {
    case 'accessibility':
      if (!flattened) return;
      appendToSecureList(device, 'enabled_accessibility_services', flattened);
      device.putSetting('secure', 'accessibility_enabled', '1');
      device.logSystem('AccessibilityManagerService', `enabled ${flattened}`);
      return;
    case 'notification-listener':
      if (!flattened) return;
      appendToSecureList(device, 'enabled_notification_listeners', flattened);
      return;
    case 'device-admin': {
      if (className === undefined) return;
      const admin = shortComponentName(packageName, expandClassName(packageName, className));
      if (!device.policy.deviceAdmins.includes(admin)) device.policy.deviceAdmins.push(admin);
      device.logSystem('DevicePolicyManager', `Admin added: ${admin}`);
      return;
    }
    case 'usage-access': {
      const ops = (device.policy.appOps[packageName] ??= {});
      ops['GET_USAGE_STATS'] = { mode: 'allow', time: device.now() };
      return;
    }
  }
}

export function appendToSecureList(device: AndroidModel, key: string, component: string): void {
  const entries = (device.getSetting('secure', key) ?? '').split(':').filter((entry) => entry !== '');
  if (!entries.includes(component)) entries.push(component);
  device.putSetting('secure', key, entries.join(':'));
}
