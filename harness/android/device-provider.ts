import type { DeviceLease } from './device-pool.ts';

/**
 * Where a round's devices come from: the emulator pool, or physical phones. Kept small so that a
 * distributed back end (several Appium hosts behind a Selenium Grid router, or workers pulling cases
 * from a queue) can stand behind it without touching the case protocol.
 */
export interface DeviceProvider {
  /** Devices come back from a snapshot that already has Appium's APKs (sessions can skip installs). */
  readonly preparedSnapshot: boolean;
  readonly size: number;
  start(): Promise<void>;
  acquire(profile: string): Promise<DeviceLease>;
  release(lease: DeviceLease, options: { healthy: boolean }): Promise<void>;
  stop(): Promise<void>;
}
