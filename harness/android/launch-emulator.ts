import { execa } from 'execa';
import { createInterface } from 'node:readline';
import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import { sendConsoleCommand } from './emulator-console.ts';
import { waitForBoot, waitForDeviceOnline } from './wait-for-boot.ts';

export interface LaunchEmulatorOptions {
  avd: string;
  /** Even console port; adb uses port + 1. The serial is `emulator-<port>`. */
  port: number;
  /** Extra flags from the device profile (e.g. -no-window, -gpu swiftshader_indirect). */
  flags?: readonly string[];
  /** Boot from this snapshot (`-snapshot NAME`). */
  snapshot?: string;
  /** Several instances of one AVD need -read-only. @default true */
  readOnly?: boolean;
  bootTimeoutMs: number;
  signal?: AbortSignal;
  /** Receives each line the emulator prints, for the per-round log. */
  onOutput?: (line: string) => void;
}

export interface RunningEmulator {
  serial: string;
  consolePort: number;
  avd: string;
  /** Resolves when the emulator process exits, with its exit code. */
  exited: Promise<number | undefined>;
  /** Whether the process is still running. */
  isAlive(): boolean;
  /** `kill` over the console, then SIGTERM, then SIGKILL; resolves when the process is gone. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts `$ANDROID_HOME/emulator/emulator -avd NAME -port N …` — the same command for the SDK's
 * emulator and the project's virtual one — and waits, by polling adb, until it is online and
 * booted. On failure the process is stopped before the error is thrown.
 */
export async function launchEmulator(env: AndroidEnv, options: LaunchEmulatorOptions): Promise<RunningEmulator> {
  const serial = `emulator-${options.port}`;
  const args = ['-avd', options.avd, '-port', String(options.port), ...(options.flags ?? [])];
  if (options.readOnly ?? true) args.push('-read-only');
  if (options.snapshot) args.push('-snapshot', options.snapshot, '-no-snapshot-save');
  const child = execa(env.emulatorPath, args, {
    env: env.childEnv,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    cleanup: true,
    // SIGTERM lets the emulator shut down cleanly (release its AVD lock, flush its disks); one that
    // is still there after the grace period is SIGKILLed.
    forceKillAfterDelay: SIGTERM_GRACE_MS,
  });
  const onAbort = (): void => void child.kill('SIGTERM');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let alive = true;
  const exited = child.then((result) => {
    alive = false;
    options.signal?.removeEventListener('abort', onAbort);
    return result.exitCode;
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => options.onOutput?.(line));
  }
  const emulator: RunningEmulator = {
    serial,
    consolePort: options.port,
    avd: options.avd,
    exited,
    isAlive: () => alive,
    stop: (timeoutMs = 10_000) => stopEmulator(env, emulator, (sig) => child.kill(sig), timeoutMs),
  };
  const started = performance.now();
  try {
    const failure = exited.then((code) => {
      throw new HarnessError('EMULATOR_LAUNCH_FAILED', `${env.emulatorPath} -avd ${options.avd} -port ${options.port} exited with ${code} before booting`, {
        hint: 'read the emulator output in the round log; check the AVD exists (`emulator -list-avds`) and the port is free',
      });
    });
    const budget = options.bootTimeoutMs;
    await Promise.race([
      (async () => {
        await waitForDeviceOnline(env, serial, { timeoutMs: budget, ...(options.signal ? { signal: options.signal } : {}) });
        const remaining = Math.max(1_000, budget - (performance.now() - started));
        await waitForBoot(env, serial, { timeoutMs: remaining, ...(options.signal ? { signal: options.signal } : {}) });
      })(),
      failure,
    ]);
    failure.catch(() => undefined);
    return emulator;
  } catch (error) {
    await emulator.stop(5_000).catch(() => undefined);
    throw error;
  }
}

/** How long an emulator gets after SIGTERM before SIGKILL. */
const SIGTERM_GRACE_MS = 5_000;

/**
 * `kill` over the console, then SIGTERM with a grace period, then SIGKILL: a hard kill can leave
 * the AVD's lock files behind (`hardware-qemu.ini.lock`, `multiinstance.lock`).
 */
async function stopEmulator(env: AndroidEnv, emulator: RunningEmulator, kill: (signal: NodeJS.Signals) => boolean, timeoutMs: number): Promise<void> {
  if (!emulator.isAlive()) return;
  const exitedWithin = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const gone = await Promise.race([emulator.exited.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
    clearTimeout(timer);
    return gone;
  };
  await sendConsoleCommand('kill', { port: emulator.consolePort, home: env.home, timeoutMs: Math.min(timeoutMs, 3_000) }).catch(() => undefined);
  if (await exitedWithin(timeoutMs / 2)) return;
  kill('SIGTERM');
  if (await exitedWithin(Math.max(timeoutMs / 2, SIGTERM_GRACE_MS))) return;
  kill('SIGKILL');
  await emulator.exited;
}
