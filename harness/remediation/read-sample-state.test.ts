import { describe, expect, it } from 'vitest';
import { dumpDevicePolicy } from '../../simulator/shell/commands/dumpsys-device-policy.ts';
import { namesPackage, parseEnabledAdmins } from './read-sample-state.ts';

// The layout of Android 13's DevicePolicyManagerService.dumpPerUserData (trimmed).
const DUMP = `Current Device Policy Manager state:
  Immutable state:
    mHasFeature=true
  Device Owner:
    None
  Enabled Device Admins (User 0, provisioningState: 0):
    com.systemservice/.receiver.DeviceAdminReceiver:
      uid=10150
      testOnlyAdmin=false
      policies:
        force-lock
    com.other.app/com.other.app.Admin:
      uid=10151
  Encryption Status: unsupported
    com.notanadmin/.Nothing:
`;

describe('dumpsys device_policy', () => {
  it('lists the admins of the Enabled Device Admins section only', () => {
    expect(parseEnabledAdmins(DUMP)).toEqual(['com.systemservice/.receiver.DeviceAdminReceiver', 'com.other.app/com.other.app.Admin']);
    expect(namesPackage(parseEnabledAdmins(DUMP), 'com.systemservice')).toBe(true);
    expect(namesPackage(parseEnabledAdmins(DUMP), 'com.system')).toBe(false);
    expect(namesPackage(parseEnabledAdmins(DUMP), 'com.notanadmin')).toBe(false);
    expect(parseEnabledAdmins('Current Device Policy Manager state:\n')).toEqual([]);
  });

  it('reads what the virtual device prints', () => {
    const device = { policy: { deviceAdmins: ['com.systemservice/.receiver.DeviceAdminReceiver'], deviceOwner: null }, packages: { get: () => ({ uid: 10150 }) } };
    expect(parseEnabledAdmins(dumpDevicePolicy(device as never))).toEqual(['com.systemservice/.receiver.DeviceAdminReceiver']);
  });
});
