import { describe, expect, it } from 'vitest';
import { sampleSchema, type ResolvedSample, type SetupStep } from '../config/index.ts';
import { adbCommands, findComponents, holdsAccess, restrictedSettingsMode, type Shell } from '../flow/special-access/device-state.ts';
import { settingsGrantOf } from './sample-settings-setup.ts';

const SHA = 'a'.repeat(64);
function sample(extra: Record<string, unknown>): ResolvedSample {
  return sampleSchema.parse({ id: 's', file: 's.apk', sha256: SHA, package: 'com.systemservice', kind: 'stalkerware', family: 'TheTruthSpy', label: 'System Service', ...extra }) as unknown as ResolvedSample;
}

/** A device shell answering from a table of `argv joined by spaces` → output. */
function fakeShell(answers: Record<string, string>, calls: string[] = []): Shell {
  return async (argv) => {
    calls.push(argv.join(' '));
    return { output: answers[argv.join(' ')] ?? '', ok: true };
  };
}

const DUMPSYS = `Service Resolver Table:
  Non-Data Actions:
      android.accessibilityservice.AccessibilityService:
        6c1d2e3 com.systemservice/.service.SystemAccessibilityService filter 1a2b3c4
          Action: "android.accessibilityservice.AccessibilityService"
      android.service.notification.NotificationListenerService:
        7d2e3f4 com.systemservice/.service.NotificationSyncService filter 2b3c4d5
          Action: "android.service.notification.NotificationListenerService"

Packages:
  Package [com.systemservice] (5f0e1d2):
    runtime permissions:
      android.permission.POST_NOTIFICATIONS: granted=true, flags=[ USER_SET ]
`;

describe('the catalogue fields of a sample set up through Settings', () => {
  it('defaults to adb install and adb setup; accepts sideload and settings; refuses anything else', () => {
    expect(sample({})).toMatchObject({ install: 'adb', setupVia: 'adb' });
    expect(sample({ install: 'sideload', setupVia: 'settings' })).toMatchObject({ install: 'sideload', setupVia: 'settings' });
    expect(sampleSchema.safeParse({ id: 's', file: 's.apk', sha256: SHA, package: 'com.x.y', kind: 'clean', family: 'X', setupVia: 'root' }).error?.issues[0]?.message).toBe('expected adb or settings');
  });

  it('turns enable* steps into Settings grants only with setupVia: settings; grantSpecialAccess defaults to the sample', () => {
    const enable = { action: 'enableAccessibilityService', args: '.service.SystemAccessibilityService' } as SetupStep;
    expect(settingsGrantOf(enable, sample({}))).toBeUndefined();
    expect(settingsGrantOf(enable, sample({ setupVia: 'settings' }))).toEqual({
      access: 'accessibility', package: 'com.systemservice', via: 'settings', component: '.service.SystemAccessibilityService', allowRestrictedSettings: true, label: 'System Service',
    });
    const grant = { action: 'grantSpecialAccess', args: { access: 'overlay', via: 'adb', allowRestrictedSettings: true } } as SetupStep;
    expect(settingsGrantOf(grant, sample({}))).toMatchObject({ access: 'overlay', via: 'adb', package: 'com.systemservice', label: 'System Service' });
    expect(settingsGrantOf({ action: 'launch', args: true } as SetupStep, sample({ setupVia: 'settings' }))).toBeUndefined();
  });
});

describe('special access as adb reads and writes it', () => {
  it('finds the components under their action in dumpsys package', async () => {
    const shell = fakeShell({ 'dumpsys package com.systemservice': DUMPSYS });
    expect(await findComponents(shell, 'com.systemservice', 'accessibility')).toEqual(['com.systemservice/.service.SystemAccessibilityService']);
    expect(await findComponents(shell, 'com.systemservice', 'notificationListener')).toEqual(['com.systemservice/.service.NotificationSyncService']);
    expect(await findComponents(shell, 'com.systemservice', 'deviceAdmin')).toEqual([]);
  });

  it('reads each access from the same commands a lab uses', async () => {
    const shell = fakeShell({
      'appops get com.systemservice GET_USAGE_STATS': 'GET_USAGE_STATS: allow; time=+3s0ms ago\n',
      'appops get com.systemservice SYSTEM_ALERT_WINDOW': 'SYSTEM_ALERT_WINDOW: deny; time=+3s0ms ago\n',
      'settings get secure enabled_accessibility_services': 'a.b/.C:com.systemservice/com.systemservice.service.SystemAccessibilityService\n',
      'dumpsys device_policy': '  Enabled Device Admins (User 0, provisioningState: 0):\n    com.systemservice/.receiver.DeviceAdminReceiver:\n      uid=10150\n',
      'cmd deviceidle whitelist': 'system,com.android.shell,2000\nuser,com.systemservice,10150\n',
      'dumpsys package com.systemservice': DUMPSYS,
      'appops get com.systemservice ACCESS_RESTRICTED_SETTINGS': 'ACCESS_RESTRICTED_SETTINGS: ignore; time=+1s0ms ago\n',
    });
    expect(await holdsAccess(shell, 'usage', 'com.systemservice')).toBe(true);
    expect(await holdsAccess(shell, 'overlay', 'com.systemservice')).toBe(false);
    expect(await holdsAccess(shell, 'accessibility', 'com.systemservice', '.service.SystemAccessibilityService')).toBe(true);
    expect(await holdsAccess(shell, 'accessibility', 'com.systemservice', '.service.Other')).toBe(false);
    expect(await holdsAccess(shell, 'notificationListener', 'com.systemservice')).toBe(false);
    expect(await holdsAccess(shell, 'deviceAdmin', 'com.systemservice', '.receiver.DeviceAdminReceiver')).toBe(true);
    expect(await holdsAccess(shell, 'batteryOptimization', 'com.systemservice')).toBe(true);
    expect(await holdsAccess(shell, 'postNotifications', 'com.systemservice')).toBe(true);
    expect(await restrictedSettingsMode(shell, 'com.systemservice')).toBe('ignore');
  });

  it('writes the fallbacks as argv arrays, keeping the accessibility services already on', async () => {
    const shell = fakeShell({ 'settings get secure enabled_accessibility_services': 'a.b/a.b.C\n' });
    expect(await adbCommands(shell, 'accessibility', 'com.x', '.Svc')).toEqual([
      ['settings', 'put', 'secure', 'enabled_accessibility_services', 'a.b/a.b.C:com.x/com.x.Svc'],
      ['settings', 'put', 'secure', 'accessibility_enabled', '1'],
    ]);
    expect(await adbCommands(shell, 'batteryOptimization', 'com.x', undefined)).toEqual([['cmd', 'deviceidle', 'whitelist', '+com.x']]);
    expect(await adbCommands(shell, 'deviceAdmin', 'com.x', '.Admin')).toEqual([['dpm', 'set-active-admin', '--user', 'current', 'com.x/com.x.Admin']]);
    expect(await adbCommands(shell, 'allFiles', 'com.x', undefined)).toEqual([['appops', 'set', 'com.x', 'MANAGE_EXTERNAL_STORAGE', 'allow']]);
  });
});
