/**
 * `dumpsys device_policy`: the part a harness reads, the active admins per user, in Android 13's layout
 * (DevicePolicyManagerService.dump → dumpPerUserData: "Enabled Device Admins (User %d, provisioningState:
 * %d):", then each admin's ComponentName.flattenToShortString() and ":", its ActiveAdmin.dump indented).
 */
import type { AndroidModel } from '../../device/android-model.ts';

export function dumpDevicePolicy(device: AndroidModel): string {
  const lines = ['Current Device Policy Manager state:', '  Immutable state:', '    mHasFeature=true', '    mIsWatch=false', '    mIsAutomotive=false', '    mHasTelephonyFeature=true', '    mSafetyChecker=null'];
  lines.push('  Device Owner:', `    ${device.policy.deviceOwner ?? 'None'}`);
  lines.push('  Enabled Device Admins (User 0, provisioningState: 0):');
  for (const component of device.policy.deviceAdmins) {
    const packageName = component.split('/')[0] ?? '';
    const uid = device.packages.get(packageName)?.uid ?? -1;
    lines.push(`    ${component}:`, `      uid=${uid}`, '      testOnlyAdmin=false', '      policies:', '        force-lock');
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
