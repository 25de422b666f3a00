import { describe, expect, it } from 'vitest';
import { buildCapabilities } from './capabilities.ts';

describe('buildCapabilities', () => {
  const target = { udid: 'emulator-5600', adbPort: 6037, systemPort: 8300, preparedSnapshot: false };

  it('keeps the sample accessibility service alive and pins the device and ports', () => {
    const caps = buildCapabilities(target);
    expect(caps).toMatchObject({
      platformName: 'Android',
      'appium:automationName': 'UiAutomator2',
      'appium:udid': 'emulator-5600',
      'appium:adbPort': 6037,
      'appium:systemPort': 8300,
      'appium:disableSuppressAccessibilityService': true,
    });
    expect(caps['appium:skipServerInstallation']).toBeUndefined();
  });

  it('opens the session with a short idle wait, so that polling a changing screen stays cheap', () => {
    expect(buildCapabilities(target)['appium:settings[waitForIdleTimeout]']).toBe(100);
  });

  it('adds the shortening capabilities only on a prepared snapshot', () => {
    const caps = buildCapabilities({ ...target, preparedSnapshot: true });
    expect(caps['appium:skipServerInstallation']).toBe(true);
    expect(caps['appium:skipDeviceInitialization']).toBe(true);
  });

  it('keeps adb from restarting the shared server, and gives the preparing session budgets that grow per attempt', () => {
    expect(buildCapabilities(target)['appium:suppressKillServer']).toBe(true);
    expect(buildCapabilities(target)['appium:uiautomator2ServerInstallTimeout']).toBeUndefined();
    const first = buildCapabilities({ ...target, preparingAttempt: 1 });
    const second = buildCapabilities({ ...target, preparingAttempt: 2 });
    expect(first['appium:uiautomator2ServerInstallTimeout']).toBe(120_000);
    expect(second['appium:uiautomator2ServerInstallTimeout']).toBe(240_000);
    expect(second['appium:androidInstallTimeout']).toBeGreaterThan(first['appium:androidInstallTimeout'] as number);
  });
});
