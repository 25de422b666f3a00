import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import type { DeviceLease } from './device-pool.ts';
import type { DeviceProvider } from './device-provider.ts';
import { parseDevices } from './parse-devices.ts';
import { runAdb } from './run-adb.ts';

export interface PhysicalDevicesOptions {
  env: AndroidEnv;
  serials: readonly string[];
  /**
   * Packages the round installs, with their device-admin receivers: removed before and after every
   * case (phones have no snapshot). An active device admin cannot be uninstalled until it is removed.
   */
  cleanupPackages: ReadonlyArray<{ packageName: string; deviceAdmins: readonly string[] }>;
  signal: AbortSignal;
}

/** Physical phones attached to the adb server: no snapshot, so the round's packages are uninstalled before and after every case. */
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
    // Also here, not only on release: a crashed run may have left a case's apps behind.
    await this.#uninstallRoundPackages(serial);
    return { serial, profile: 'physical', avd: '', consolePort: 0 };
  }

  /** A phone is never handed back (or left after the round) with the round's spyware on it. */
  async release(lease: DeviceLease): Promise<void> {
    await this.#uninstallRoundPackages(lease.serial);
    const waiter = this.#waiters.shift();
    if (waiter) waiter(lease.serial);
    else this.#idle.push(lease.serial);
  }

  async #uninstallRoundPackages(serial: string): Promise<void> {
    for (const { packageName, deviceAdmins } of this.#options.cleanupPackages) {
      for (const admin of deviceAdmins) {
        await runAdb(this.#options.env, serial, ['shell', 'dpm', 'remove-active-admin', '--user', '0', `${packageName}/${admin}`], { reject: false, timeoutMs: 30_000 });
      }
      await runAdb(this.#options.env, serial, ['uninstall', packageName], { reject: false, timeoutMs: 60_000 });
    }
  }

  async stop(): Promise<void> {
    this.#waiters.splice(0);
  }
}
