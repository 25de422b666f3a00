/** A small in-memory UiHost for tests of ui/ and uiautomator2/ without the Android model. */
import type { DeviceProfile } from '../../device/contracts.ts';
import type { UiHost, UiNotification, UiPackageInfo } from '../contracts.ts';

export const TEST_PROFILE: DeviceProfile = {
  avdName: 'test_api33', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64',
  device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420,
};

export interface TestUiHost extends UiHost {
  readonly logs: Array<{ tag: string; message: string }>;
  addPackage(packageName: string, label: string, options?: { launchable?: boolean; hidden?: boolean }): void;
  removePackage(packageName: string): void;
}

export function createTestHost(profile: DeviceProfile = TEST_PROFILE, clock: () => number = () => Date.UTC(2026, 0, 1, 9, 41)): TestUiHost {
  const packages = new Map<string, UiPackageInfo>();
  const notifications: UiNotification[] = [];
  const logs: Array<{ tag: string; message: string }> = [];
  return {
    profile,
    logs,
    packages: () => [...packages.values()],
    notifications: () => [...notifications],
    postNotification(notification) {
      const key = `0|${notification.packageName}|${notification.id}|null|10123`;
      const posted: UiNotification = { ...notification, key, postTime: clock() };
      const existing = notifications.findIndex((n) => n.key === key);
      if (existing >= 0) notifications.splice(existing, 1);
      notifications.push(posted);
      return posted;
    },
    cancelNotification(key) {
      const index = notifications.findIndex((n) => n.key === key);
      if (index >= 0) notifications.splice(index, 1);
    },
    log(tag, message) {
      logs.push({ tag, message });
    },
    now: clock,
    addPackage(packageName, label, options = {}) {
      packages.set(packageName, {
        packageName, label, enabled: true, hiddenFromLauncher: options.hidden ?? false,
        launchableActivity: options.launchable === false ? undefined : `${packageName}.MainActivity`,
        readEntry: () => undefined,
      });
    },
    removePackage(packageName) {
      packages.delete(packageName);
    },
  };
}
