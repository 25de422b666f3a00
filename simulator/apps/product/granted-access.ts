/**
 * The special access a product holds, read from the device state Settings (or a lab's adb) leaves
 * behind, as a real app checks it in onResume before it lets onboarding continue:
 *   accessibility         AccessibilityManager.getEnabledAccessibilityServiceList — the app's component
 *                         in secure `enabled_accessibility_services`
 *   notification-listener NotificationManager.isNotificationListenerAccessGranted — its component in
 *                         secure `enabled_notification_listeners`
 *   usage-access          AppOpsManager.unsafeCheckOpNoThrow(OPSTR_GET_USAGE_STATS) == MODE_ALLOWED
 *   battery-optimization  PowerManager.isIgnoringBatteryOptimizations — on the Doze whitelist
 *                         (DeviceIdleController, `dumpsys deviceidle whitelist +pkg`)
 *   device-admin          DevicePolicyManager.isAdminActive for one of its receivers
 *   overlay               Settings.canDrawOverlays (can-draw-overlays.ts)
 * Each held access is a render flag `granted:<access>` (showIf / hideIf / enabledIf), and
 * `granted:all` is set when every access the behaviour lists in `product.requiredAccess` is held.
 */
import type { AndroidModel } from '../../device/android-model.ts';
import { canDrawOverlays } from './can-draw-overlays.ts';

export const CHECKED_ACCESS = ['accessibility', 'notification-listener', 'usage-access', 'battery-optimization', 'device-admin', 'overlay'] as const;
export type CheckedAccess = (typeof CHECKED_ACCESS)[number];

function secureListHas(device: AndroidModel, key: string, packageName: string): boolean {
  return (device.getSetting('secure', key) ?? '').split(':').some((component) => component.startsWith(`${packageName}/`));
}

export function holdsAccess(device: AndroidModel, packageName: string, access: CheckedAccess): boolean {
  switch (access) {
    case 'accessibility':
      return secureListHas(device, 'enabled_accessibility_services', packageName);
    case 'notification-listener':
      return secureListHas(device, 'enabled_notification_listeners', packageName);
    case 'usage-access':
      return device.policy.appOps[packageName]?.['GET_USAGE_STATS']?.mode === 'allow';
    case 'battery-optimization':
      return device.policy.deviceIdleWhitelist.includes(packageName);
    case 'device-admin':
      return device.policy.deviceAdmins.some((admin) => admin.startsWith(`${packageName}/`));
    case 'overlay':
      return canDrawOverlays(device, packageName);
  }
}

/** The `granted:*` flags of a product: each access it holds, and `granted:all` when it holds every required one. */
export function grantedAccessFlags(device: AndroidModel, packageName: string, required: readonly CheckedAccess[]): string[] {
  const held = CHECKED_ACCESS.filter((access) => holdsAccess(device, packageName, access));
  const flags = held.map((access) => `granted:${access}`);
  if (required.length > 0 && required.every((access) => held.includes(access))) flags.push('granted:all');
  return flags;
}
