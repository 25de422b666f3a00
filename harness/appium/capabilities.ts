import { POLL_WAIT_FOR_IDLE_TIMEOUT_MS } from './idle-settings.ts';

/** What the harness knows about the device a case runs on, to build its Appium capabilities. */
export interface SessionTarget {
  udid: string;
  /** Port of the adb server the device is attached to. */
  adbPort: number;
  /** Host port for the UiAutomator2 server's forward; unique per device. */
  systemPort: number;
  /** The device was restored from a snapshot that already has Appium's server and settings APKs. */
  preparedSnapshot: boolean;
  /** AVD name, for emulators (lets appium-adb match the console's `avd name`). */
  avd?: string;
  /**
   * The session that prepares a freshly wiped device's clean snapshot: a real image is still busy
   * (dexopt, package scans) for minutes after boot, so installing Appium's server APKs gets longer
   * budgets, longer on each retry (1 = first attempt).
   */
  preparingAttempt?: number;
}

export type AppiumCapabilities = Record<string, string | number | boolean>;

/**
 * Capabilities for one case's session. The sample's accessibility service must keep running while
 * UiAutomator2 drives the phone (`disableSuppressAccessibilityService`), and a prepared snapshot lets
 * the driver skip reinstalling its server APKs and re-initialising the device.
 */
export function buildCapabilities(target: SessionTarget): AppiumCapabilities {
  const caps: AppiumCapabilities = {
    platformName: 'Android',
    'appium:automationName': 'UiAutomator2',
    'appium:udid': target.udid,
    'appium:adbPort': target.adbPort,
    'appium:systemPort': target.systemPort,
    'appium:disableSuppressAccessibilityService': true,
    'appium:newCommandTimeout': 300,
    'appium:uiautomator2ServerLaunchTimeout': 60_000,
    'appium:adbExecTimeout': 60_000,
    'appium:autoGrantPermissions': false,
    'appium:noReset': true,
    // The case collects its own logcat excerpt (`adb logcat -d`); Appium's continuous capture would
    // only keep one more adb process streaming per session.
    'appium:skipLogcatCapture': true,
    // On transient adb errors appium-adb would otherwise restart the adb server (`restartAdb` in
    // its system-calls): every session on that server loses its device, and emulators outside the
    // 5555–5585 scan come back only when they announce themselves again, which they do not.
    'appium:suppressKillServer': true,
    // Every lookup waits for the screen to settle, up to this (idle-settings.ts): polls stay cheap.
    'appium:settings[waitForIdleTimeout]': POLL_WAIT_FOR_IDLE_TIMEOUT_MS,
  };
  if (target.preparingAttempt !== undefined) {
    // The driver's defaults (20 s server install, 90 s adb install) are for a settled phone.
    const factor = Math.max(1, target.preparingAttempt);
    caps['appium:uiautomator2ServerInstallTimeout'] = 120_000 * factor;
    caps['appium:androidInstallTimeout'] = 180_000 * factor;
    caps['appium:uiautomator2ServerLaunchTimeout'] = 120_000 * factor;
  }
  if (target.preparedSnapshot) {
    caps['appium:skipServerInstallation'] = true;
    caps['appium:skipDeviceInitialization'] = true;
    caps['appium:skipUnlock'] = true;
  }
  return caps;
}
