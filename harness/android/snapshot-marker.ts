import { HarnessError, isHarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import { pollUntil } from './poll.ts';
import { runAdb } from './run-adb.ts';

/**
 * A runtime system property set on the device just before its clean snapshot is saved. Runtime
 * (non-`persist.`) properties live only in RAM: a device that really resumed from the snapshot has
 * it, one that booted cold does not — and the real emulator cold-boots silently when a snapshot
 * fails validation (`Quickboot::decideFailureReport`), still reaching `sys.boot_completed=1`.
 */
export const SNAPSHOT_MARKER_PROPERTY = 'debug.stalkerbench.snapshot';

/** Sets the marker for `snapshot` (call right before `avd snapshot save <snapshot>`). */
export async function markSnapshot(env: AndroidEnv, serial: string, snapshot: string, signal?: AbortSignal): Promise<void> {
  await runAdb(env, serial, ['shell', 'setprop', SNAPSHOT_MARKER_PROPERTY, snapshot], { timeoutMs: 20_000, ...(signal ? { signal } : {}) });
}

/**
 * Checks that the device resumed from `snapshot`: polls (the adb transport may still be settling
 * after the load) until the marker answers, then compares. A device without the marker booted cold:
 * SNAPSHOT_FAILED, which the pool treats like any failed restore.
 */
export async function verifySnapshotLoaded(env: AndroidEnv, serial: string, snapshot: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const value = await pollUntil(
    async (remaining) => {
      try {
        const { stdout } = await runAdb(env, serial, ['shell', 'getprop', SNAPSHOT_MARKER_PROPERTY], { timeoutMs: Math.min(remaining, 10_000), ...(options.signal ? { signal: options.signal } : {}) });
        return stdout.trim();
      } catch (error) {
        if (isHarnessError(error, 'ADB_FAILED') || isHarnessError(error, 'ADB_TIMEOUT')) return undefined;
        throw error;
      }
    },
    { timeoutMs: options.timeoutMs, intervalMs: 250, maxIntervalMs: 1_000, ...(options.signal ? { signal: options.signal } : {}) },
  );
  if (value === undefined) {
    throw new HarnessError('DEVICE_LOST', `${serial} did not answer within ${options.timeoutMs} ms after resuming from snapshot '${snapshot}'`, {
      hint: 'the emulator may be hung; the pool replaces it',
    });
  }
  if (value !== snapshot) {
    throw new HarnessError('SNAPSHOT_FAILED', `${serial} booted cold instead of resuming from snapshot '${snapshot}' (${SNAPSHOT_MARKER_PROPERTY}=${JSON.stringify(value)})`, {
      hint: 'the snapshot failed validation (emulator or system image updated, AVD config changed, disk full); the round log has the emulator\'s reason. Delete the snapshot and run again to prepare a new one',
    });
  }
}
