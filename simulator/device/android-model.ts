/**
 * The Android model as the shell commands and the managers see it: the VirtualDevice contract plus
 * the state tables behind it. One object (created by createVirtualDevice) implements it.
 */
import type { FirstBootWork } from './first-boot-work.ts';
import type { EventEmitter } from 'node:events';
import type { InstrumentationOptions, LogEntry, VirtualDevice } from './contracts.ts';
import type { DevicePolicyJson } from './device-policy.ts';
import type { SettingsNamespace } from './default-settings.ts';
import type { NotificationCenter } from './notification-center.ts';
import type { PackageRecord } from './package-record.ts';
import type { PackageRegistry } from './package-registry.ts';
import type { ProcessTable } from './process-table.ts';
import type { MemoryFs } from './virtual-fs.ts';

/** Events later features (real-time protection, behaviour files) observe. */
export interface DeviceEvents {
  packageInstalled: [{ packageName: string; record: PackageRecord; replaced: boolean }];
  packageRemoved: [{ packageName: string; record: PackageRecord; keepData: boolean }];
  /** `alreadyFocused`: the activity was in front already, so no activity was created (no AppWarnings check). */
  activityStarted: [{ packageName: string; activity: string; alreadyFocused?: boolean }];
  /**
   * ActivityStarter replaced the start of a legacy app's activity with the permission review
   * (permission-review.ts); the system screens show it and send the original start on "Continue".
   */
  permissionReviewRequested: [{ packageName: string; activity: string; intentText: string }];
  /** An app created its first notification channel (API 33: may trigger the system notification prompt). */
  notificationChannelCreated: [{ packageName: string }];
  serviceStarted: [{ packageName: string; className: string; isForeground: boolean }];
  packageStopped: [{ packageName: string; reason: string }];
  bootCompleted: [];
  /** loadState() replaced the whole device state (console snapshot load). */
  stateLoaded: [];
  /** `am instrument` started (e.g. the UiAutomator2 server) / ended; virtual apps follow UiAutomation's suppression. */
  instrumentationStarted: [{ testPackage: string; options: InstrumentationOptions }];
  instrumentationStopped: [{ testPackage: string }];
}

export interface RunningInstrumentation {
  testPackage: string;
  targetPackage: string;
  runner: string;
  /**
   * UiAutomation connected without FLAG_DONT_SUPPRESS_ACCESSIBILITY_SERVICES: while it runs, Android
   * unbinds every other accessibility service (the secure setting keeps listing them).
   */
  suppressesAccessibilityServices: boolean;
  stopped: Promise<void>;
  stop(): Promise<void>;
}

export interface AndroidModel extends VirtualDevice {
  readonly fs: MemoryFs;
  readonly packages: PackageRegistry;
  readonly processes: ProcessTable;
  readonly notifications: NotificationCenter;
  readonly policy: DevicePolicyJson;
  /** The image's first-boot work after a wipe (cmd package bg-dexopt-job finishes it). */
  readonly firstBootWork: FirstBootWork;
  readonly events: EventEmitter<DeviceEvents>;
  /** Instrumentations running now, by test package (not part of snapshots). */
  readonly instrumentations: Map<string, RunningInstrumentation>;
  now(): number;

  getProp(name: string): string | undefined;
  setProp(name: string, value: string): void;
  listProps(): Array<[string, string]>;

  getSetting(namespace: SettingsNamespace, key: string): string | undefined;
  putSetting(namespace: SettingsNamespace, key: string, value: string): void;
  deleteSetting(namespace: SettingsNamespace, key: string): boolean;
  listSettings(namespace: SettingsNamespace): Array<[string, string]>;

  /** APK bytes by SHA-256 (installed packages). */
  getBlob(sha256: string): Buffer | undefined;
  putBlob(sha256: string, data: Buffer): void;
  /** Forgets APK bytes no file refers to any more (after uninstall or update). */
  dropUnreferencedBlobs(): void;

  /** Logs as a system service would (tag, message), from system_server's pid unless given. */
  logSystem(tag: string, message: string, priority?: LogEntry['priority'], pid?: number): void;
}
