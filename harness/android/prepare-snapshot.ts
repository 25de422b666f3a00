import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import { clearStaleEmulatorLocks } from './avd-locks.ts';
import { sendConsoleCommand } from './emulator-console.ts';
import { findEmulatorPort } from './free-ports.ts';
import { launchEmulator } from './launch-emulator.ts';
import { markSnapshot } from './snapshot-marker.ts';
import { settleFreshDevice } from './wait-for-idle.ts';

export interface PrepareSnapshotOptions {
  env: AndroidEnv;
  avd: string;
  /** The AVD's folder (for stale lock clean-up), when it was found. */
  avdDir: string | undefined;
  snapshot: string;
  flags: readonly string[];
  bootTimeoutMs: number;
  fromPort: number;
  /** How many times the whole preparation is tried. @default 2 */
  attempts?: number;
  /** Budget for the device's first-boot work (`cmd package bg-dexopt-job`). @default 600_000 */
  settleTimeoutMs?: number;
  signal: AbortSignal;
  /** The round's own preparation (Appium's APKs, settings); `attempt` counts from 1. */
  prepare(device: { serial: string; consolePort: number }, signal: AbortSignal, context: { attempt: number }): Promise<void>;
  onState?(serial: string, detail: string): void;
  onStopped?(serial: string, detail: string): void;
  onOutput?(serial: string, line: string): void;
}

/**
 * Makes the clean snapshot: a writable instance wiped and cold-booted, the round's preparation, the
 * first-boot work finished, the snapshot marker set, `avd snapshot save`. A failed try (a real
 * image's first minutes are slow; one Appium install timing out must not stop the round) is
 * retried on a fresh wipe, with a boot budget twice as long.
 */
export async function prepareCleanSnapshot(options: PrepareSnapshotOptions): Promise<void> {
  const attempts = options.attempts ?? 2;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    options.signal.throwIfAborted();
    try {
      await prepareOnce(options, attempt);
      return;
    } catch (error) {
      if (options.signal.aborted) throw error;
      lastError = error;
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new HarnessError('SNAPSHOT_FAILED', `could not prepare the clean snapshot '${options.snapshot}' of ${options.avd} in ${attempts} attempts: ${reason}`, {
    cause: lastError,
    hint: 'read the emulator output in the round log; on a real SDK check `emulator -accel-check` and free disk space',
  });
}

async function prepareOnce(options: PrepareSnapshotOptions, attempt: number): Promise<void> {
  const { env, signal } = options;
  const port = await findEmulatorPort(options.fromPort);
  const serial = `emulator-${port}`;
  options.onState?.(serial, `clean snapshot '${options.snapshot}' of ${options.avd}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
  if (options.avdDir) {
    for (const path of clearStaleEmulatorLocks(options.avdDir, options.avd)) options.onOutput?.(serial, `stalkerbench: removed stale lock ${path} (no emulator of ${options.avd} is running)`);
  }
  const emulator = await launchEmulator(env, {
    avd: options.avd,
    port,
    flags: [...options.flags, '-wipe-data', '-no-snapshot-load', '-no-snapshot-save'],
    readOnly: false,
    bootTimeoutMs: options.bootTimeoutMs * attempt,
    signal,
    onOutput: (line) => options.onOutput?.(serial, line),
  });
  let saved = false;
  try {
    await options.prepare({ serial, consolePort: port }, signal, { attempt });
    await settleFreshDevice(env, serial, { timeoutMs: options.settleTimeoutMs ?? 600_000, signal });
    await markSnapshot(env, serial, options.snapshot, signal);
    await sendConsoleCommand(`avd snapshot save ${options.snapshot}`, { port, home: env.home, timeoutMs: 120_000 });
    saved = true;
  } finally {
    await emulator.stop();
    options.onStopped?.(serial, saved ? 'snapshot saved' : 'preparation failed');
  }
}
