import { HarnessError, isHarnessError } from '../errors/index.ts';
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
  /** A phone that leaves the round ('dead', with the reason). */
  onState?(serial: string, state: 'dead', detail: string): void;
}

/**
 * Physical phones attached to the adb server. They have no snapshot, so the round's packages are
 * uninstalled before and after every case, and the phone is checked to be free of them. A phone
 * that cannot be cleaned (typically: Android refuses to remove a sample's device admin over adb
 * unless the app is test-only, and an active admin blocks the uninstall) or that went offline
 * leaves the round: no case runs on a phone that still carries an earlier case's spyware.
 */
export class PhysicalDevices implements DeviceProvider {
  readonly preparedSnapshot = false;
  readonly #options: PhysicalDevicesOptions;
  readonly #idle: string[];
  readonly #leased = new Set<string>();
  readonly #retired = new Map<string, string>();
  readonly #waiters: Array<{ resolve: (serial: string) => void; reject: (error: unknown) => void }> = [];
  #stopped = false;

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
    for (;;) {
      const serial = await this.#take();
      // Also here, not only on release: a crashed run may have left a case's apps behind.
      const problem = await this.#cleanUp(serial);
      if (problem === undefined) return { serial, profile: 'physical', avd: '', consolePort: 0 };
      this.#retire(serial, problem);
    }
  }

  /** A phone is never handed back (or left after the round) with the round's spyware on it. */
  async release(lease: DeviceLease): Promise<void> {
    const problem = await this.#cleanUp(lease.serial);
    if (problem !== undefined) {
      this.#retire(lease.serial, problem);
      return;
    }
    this.#leased.delete(lease.serial);
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#leased.add(lease.serial);
      waiter.resolve(lease.serial);
    } else {
      this.#idle.push(lease.serial);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new HarnessError('CANCELLED', 'the round stopped'));
  }

  #take(): Promise<string> {
    if (this.#stopped) return Promise.reject(new HarnessError('CANCELLED', 'the round stopped'));
    const serial = this.#idle.shift();
    if (serial !== undefined) {
      this.#leased.add(serial);
      return Promise.resolve(serial);
    }
    const stranded = this.#strandedError();
    if (stranded) return Promise.reject(stranded);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #retire(serial: string, reason: string): void {
    this.#leased.delete(serial);
    this.#retired.set(serial, reason);
    this.#options.onState?.(serial, 'dead', reason);
    const stranded = this.#strandedError();
    if (stranded) for (const waiter of this.#waiters.splice(0)) waiter.reject(stranded);
  }

  /** When no phone is idle or leased, nothing can be waited for: the round stops (resumable). */
  #strandedError(): HarnessError | undefined {
    if (this.#idle.length > 0 || this.#leased.size > 0) return undefined;
    const reasons = [...this.#retired].map(([serial, reason]) => `${serial}: ${reason}`).join('; ');
    return new HarnessError('DEVICE_LOST', `no phone is left in the round: ${reasons}`, {
      hint: 'clean or reconnect the phone as said, then continue with `stalkerbench run --resume`',
    });
  }

  /** Removes the round's packages; says what is wrong when the phone is offline, hung or keeps one. */
  async #cleanUp(serial: string): Promise<string | undefined> {
    try {
      return await this.#cleanUpOnce(serial);
    } catch (error) {
      if (this.#options.signal.aborted || isHarnessError(error, 'CANCELLED')) throw error;
      return `adb failed while removing the round's apps: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async #cleanUpOnce(serial: string): Promise<string | undefined> {
    const { env, signal } = this.#options;
    const state = await runAdb(env, serial, ['get-state'], { reject: false, timeoutMs: 15_000, signal });
    if (state.stdout.trim() !== 'device') {
      return `it is not online (adb get-state: ${(state.stdout.trim() || state.stderr.trim() || 'no answer').slice(0, 200)})`;
    }
    const refusals = new Map<string, string>();
    for (const { packageName, deviceAdmins } of this.#options.cleanupPackages) {
      for (const admin of deviceAdmins) {
        const removed = await runAdb(env, serial, ['shell', 'dpm', 'remove-active-admin', '--user', '0', `${packageName}/${admin}`], { reject: false, timeoutMs: 30_000, signal });
        const refusal = /SecurityException: [^\n]*/.exec(`${removed.stdout}\n${removed.stderr}`)?.[0];
        if (refusal !== undefined) refusals.set(packageName, refusal);
      }
      await runAdb(env, serial, ['uninstall', packageName], { reject: false, timeoutMs: 60_000, signal });
    }
    const { stdout } = await runAdb(env, serial, ['shell', 'pm', 'list', 'packages'], { timeoutMs: 30_000, signal });
    const installed = new Set(stdout.split('\n').map((line) => line.trim().replace(/^package:/, '')));
    const left = this.#options.cleanupPackages.map((p) => p.packageName).filter((name) => installed.has(name));
    if (left.length === 0) return undefined;
    return left.map((name) => {
      const admin = refusals.get(name);
      return admin === undefined
        ? `${name} is still installed and could not be uninstalled over adb; uninstall it by hand`
        : `${name} is still installed: its device admin cannot be removed over adb (${admin}); deactivate it in Settings › Security › Device admin apps, then uninstall it`;
    }).join('; ');
  }
}
