import type { DeviceProfile } from '../device/contracts.ts';

/**
 * Features this device advertises in its CNXN banner. Not `sendrecv_v2` or `delayed_ack`: adb
 * 1.0.41 works with the classic sync and flow control, and those would need more modelling.
 */
export const DEVICE_FEATURES = [
  'shell_v2', 'cmd', 'stat_v2', 'ls_v2', 'fixed_push_mkdir', 'apex', 'abb', 'fixed_push_symlink_timestamp', 'abb_exec',
  'remount_shell',
] as const;

/** `device::ro.product.name=…;ro.product.model=…;ro.product.device=…;features=…` as adbd sends it. */
export function formatBanner(profile: DeviceProfile, features: readonly string[] = DEVICE_FEATURES): string {
  const productName = profile.model.replaceAll(' ', '_');
  return `device::ro.product.name=${productName};ro.product.model=${profile.model};ro.product.device=${profile.device};features=${features.join(',')}`;
}
