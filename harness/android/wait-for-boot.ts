import { HarnessError, isHarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import { parseDevices } from './parse-devices.ts';
import { pollUntil } from './poll.ts';
import { runAdb } from './run-adb.ts';

/**
 * 200 ms at first (a snapshot resume answers within a second), growing to one probe every 2 s: a
 * cold boot of minutes costs about a hundred adb calls, not thousands.
 */
const BOOT_POLL = { intervalMs: 200, maxIntervalMs: 2_000 } as const;

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Waits until `adb devices` lists the serial in state `device`. */
export async function waitForDeviceOnline(env: AndroidEnv, serial: string, options: WaitOptions): Promise<void> {
  const started = performance.now();
  const online = await pollUntil(
    async (remaining) => {
      const { stdout } = await runAdb(env, undefined, ['devices'], { timeoutMs: Math.min(remaining, 10_000), ...(options.signal ? { signal: options.signal } : {}) });
      return parseDevices(stdout).some((d) => d.serial === serial && d.state === 'device') ? true : undefined;
    },
    { timeoutMs: options.timeoutMs, ...BOOT_POLL, ...(options.signal ? { signal: options.signal } : {}) },
  );
  if (!online) {
    throw new HarnessError('EMULATOR_BOOT_TIMEOUT', `${serial} did not come online within ${options.timeoutMs} ms (waited ${Math.round(performance.now() - started)} ms)`, {
      hint: 'check the emulator log in the round folder; raise timeouts.boot in the round for slow machines',
    });
  }
}

/**
 * Waits until Android reports a finished boot: `sys.boot_completed` = 1 and the boot animation
 * stopped — the same properties appium-adb's waitForEmulatorReady polls. Polls real state; never sleeps
 * a fixed time.
 */
export async function waitForBoot(env: AndroidEnv, serial: string, options: WaitOptions): Promise<void> {
  const started = performance.now();
  const booted = await pollUntil(
    async (remaining) => {
      try {
        const { stdout } = await runAdb(env, serial, ['shell', 'getprop sys.boot_completed; getprop init.svc.bootanim'], {
          timeoutMs: Math.min(remaining, 10_000),
          reject: false,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const [completed = '', bootanim = ''] = stdout.split('\n').map((l) => l.trim());
        return completed === '1' && (bootanim === 'stopped' || bootanim === '') ? true : undefined;
      } catch (error) {
        // While the device is still registering, adb says "device not found" / "offline".
        if (isHarnessError(error, 'ADB_FAILED')) return undefined;
        throw error;
      }
    },
    { timeoutMs: options.timeoutMs, ...BOOT_POLL, ...(options.signal ? { signal: options.signal } : {}) },
  );
  if (!booted) {
    throw new HarnessError('EMULATOR_BOOT_TIMEOUT', `${serial} did not finish booting within ${options.timeoutMs} ms (waited ${Math.round(performance.now() - started)} ms; sys.boot_completed never became 1)`, {
      hint: 'check the emulator log; on a real SDK make sure hardware acceleration works (`emulator -accel-check`)',
    });
  }
}
