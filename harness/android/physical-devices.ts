import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import type { DeviceLease } from './device-pool.ts';
import type { DeviceProvider } from './device-provider.ts';
import { parseDevices } from './parse-devices.ts';
import { runAdb } from './run-adb.ts';

export interface PhysicalDevicesOptions {
  env: AndroidEnv;
  serials: readonly string[];
  /** Packages the round installs; removed before a phone is handed out again (no snapshots on phones). */
  cleanupPackages: readonly string[];
  signal: AbortSignal;
}

/** Physical phones attached to the adb server: no snapshot, so each lease starts by uninstalling the round's packages. */
export class PhysicalDevices implements DeviceProvider {
  readonly preparedSnapshot = false;
  readonly #options: PhysicalDevicesOptions;
  readonly #idle: string[];
  readonly #waiters: Array<(serial: string) => void> = [];

  constructor(options: PhysicalDevicesOptions) {
    this.#options = options;
    this.#idle = [...options.serials];
  }

  get size(): number {
    return this.#options.serials.length;
  }

  async start(): Promise<void> {
    const { stdout } = await runAdb(this.#options.env, undefined, ['devices', '-l'], { signal: this.#options.signal });
    const online = new Set(parseDevices(stdout).filter((d) => d.state === 'device').map((d) => d.serial));
    const missing = this.#options.serials.filter((serial) => !online.has(serial));
    if (missing.length > 0) {
      throw new HarnessError('DEVICE_LOST', `physical device(s) not online: ${missing.join(', ')}`, {
        hint: 'connect them, accept the USB debugging prompt, and check `adb devices`',
      });
    }
  }

  async acquire(): Promise<DeviceLease> {
    const serial = this.#idle.shift() ?? (await new Promise<string>((resolve) => this.#waiters.push(resolve)));
    for (const pkg of this.#options.cleanupPackages) {
      await runAdb(this.#options.env, serial, ['uninstall', pkg], { reject: false, signal: this.#options.signal, timeoutMs: 60_000 });
    }
    return { serial, profile: 'physical', avd: '', consolePort: 0 };
  }

  async release(lease: DeviceLease): Promise<void> {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(lease.serial);
    else this.#idle.push(lease.serial);
  }

  async stop(): Promise<void> {
    this.#waiters.splice(0);
  }
}
