/**
 * Settings.canDrawOverlays as AppOpsManager decides it for OP_SYSTEM_ALERT_WINDOW: the appop's mode
 * `allow` (what Settings → "Display over other apps" and `appops set <pkg> SYSTEM_ALERT_WINDOW allow`
 * set); with the mode `default`, the SYSTEM_ALERT_WINDOW permission's grant (`pm grant`, which its
 * `development` protection flag allows, or pre-23 targets at install). `ignore`/`deny` refuse.
 */
import type { AndroidModel } from '../../device/android-model.ts';

const PERMISSION = 'android.permission.SYSTEM_ALERT_WINDOW';

export function canDrawOverlays(device: AndroidModel, packageName: string): boolean {
  const mode = device.policy.appOps[packageName]?.['SYSTEM_ALERT_WINDOW']?.mode ?? 'default';
  if (mode === 'allow') return true;
  if (mode !== 'default') return false;
  return device.packages.get(packageName)?.grantedRuntime.includes(PERMISSION) ?? false;
}
