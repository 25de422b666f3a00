import { HarnessError, isHarnessError } from '../errors/index.ts';
import type { DeviceProvider } from './device-provider.ts';
import type { AndroidEnv } from './android-env.ts';
import { findAvdDir } from './avd-dir.ts';
import { lockAvdForRound } from './avd-locks.ts';
import { findEmulatorPort } from './free-ports.ts';
import { launchEmulator, type RunningEmulator } from './launch-emulator.ts';
import { pollUntil } from './poll.ts';
import { prepareCleanSnapshot } from './prepare-snapshot.ts';
import { runAdb } from './run-adb.ts';
import { verifySnapshotLoaded } from './snapshot-marker.ts';

/** One emulator profile as the pool needs it (from emulator-configs/<profile>.yaml). */
export interface PoolProfile {
  name: string;
  avd: string;
  instances: number;
  /** Name of the clean snapshot the pool saves once and restores before every case. */
  snapshot: string;
  flags: readonly string[];
  bootTimeoutMs: number;
}

export type PoolDeviceState = 'launching' | 'preparing' | 'idle' | 'busy' | 'restoring' | 'replacing' | 'dead' | 'stopped';

export interface DeviceLease {
  serial: string;
  profile: string;
  avd: string;
  consolePort: number;
}

export interface DevicePoolOptions {
  env: AndroidEnv;
  profiles: readonly PoolProfile[];
  /**
   * Makes a freshly wiped device ready before its clean snapshot is saved: the round installs
   * Appium's server APKs (by opening one session) and turns off adb-install verification. A real
   * image's first minutes are slow: give this session long install timeouts. A failed preparation
   * is tried again on a fresh wipe (`context.attempt` counts from 1).
   */
  prepare(device: DeviceLease, signal: AbortSignal, context?: { attempt: number }): Promise<void>;
  /**
   * Who holds the AVDs while the pool runs (the round id), named in the error a second round on
   * the same AVD gets. @default `process <pid>`
   */
  owner?: string;
  /** First console port to try; instances get the next free even ports. @default 5600 */
  firstPort?: number;
  /** Budget for restoring a snapshot and seeing the device ready again. @default 60_000 */
  restoreTimeoutMs?: number;
  signal: AbortSignal;
  onState?(serial: string, state: PoolDeviceState, detail?: string): void;
  /** Every line an emulator prints, with its serial. */
  onOutput?(serial: string, line: string): void;
}

interface Slot {
  profile: PoolProfile;
  port: number;
  emulator: RunningEmulator | undefined;
  busy: boolean;
  /** Booted from the clean snapshot and not leased since: the next lease needs no restore. */
  fresh: boolean;
}

/**
 * A pool of emulators: one clean snapshot per profile saved once (sample-free, Appium ready), then
 * `instances` read-only emulators per profile booted from it. Every lease restores the snapshot
 * first and checks the device answers; a device that fails is replaced by a fresh one.
 *
 * Restoring relaunches the instance with `-read-only -snapshot <clean>`: the real emulator refuses
 * `avd snapshot load` on a read-only instance (console.cpp, `do_snapshot_load`) but resumes one
 * from a named snapshot at launch. Every resume is checked (a snapshot that fails validation
 * cold-boots silently). While the pool runs it holds each AVD for its round (avd-locks.ts).
 */
export class DevicePool implements DeviceProvider {
  readonly preparedSnapshot = true;
  readonly #options: DevicePoolOptions;
  readonly #slots: Slot[] = [];
  readonly #waiters: Array<{ profile: string; resolve: (slot: Slot) => void; reject: (error: unknown) => void }> = [];
  #stopped = false;
  readonly #avdLocks: Array<() => void> = [];
  /** Why the last device left the round, for the error when none is left. */
  #lastFailure: string | undefined;

  constructor(options: DevicePoolOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#slots.length;
  }

  /**
   * Takes each profile's AVD for this round, prepares its clean snapshot, then boots all instances.
   * Boots are all-settled: an instance that cannot boot leaves the round with its reason and the
   * others carry it; only a profile left with no instance fails the start.
   */
  async start(): Promise<void> {
    try {
      this.#lockAvds();
      const taken = new Set<number>();
      let nextPort = this.#options.firstPort ?? 5600;
      for (const profile of this.#options.profiles) {
        await prepareCleanSnapshot({
          env: this.#options.env, avd: profile.avd, avdDir: findAvdDir(this.#options.env, profile.avd), snapshot: profile.snapshot,
          flags: profile.flags, bootTimeoutMs: profile.bootTimeoutMs, fromPort: nextPort, signal: this.#options.signal,
          prepare: (device, signal, context) => this.#options.prepare({ serial: device.serial, profile: profile.name, avd: profile.avd, consolePort: device.consolePort }, signal, context),
          onState: (serial, detail) => this.#options.onState?.(serial, 'preparing', detail),
          onStopped: (serial, detail) => this.#options.onState?.(serial, 'stopped', detail),
          onOutput: (serial, line) => this.#options.onOutput?.(serial, line),
        });
        for (let index = 0; index < profile.instances; index += 1) {
          const port = await findEmulatorPort(nextPort, taken);
          taken.add(port);
          nextPort = port + 2;
          this.#slots.push({ profile, port, emulator: undefined, busy: false, fresh: false });
        }
      }
      const boots = await Promise.allSettled(this.#slots.map((slot) => this.#boot(slot)));
      if (this.#cancelled()) throw new HarnessError('CANCELLED', 'the device pool stopped while booting');
      for (const [index, boot] of boots.entries()) {
        const slot = this.#slots[index];
        if (boot.status === 'rejected' && slot) await this.#retire(slot, boot.reason);
      }
      for (const profile of this.#options.profiles) {
        if (this.#slots.some((slot) => slot.profile === profile && slot.emulator !== undefined)) continue;
        throw new HarnessError('DEVICE_LOST', `no instance of profile '${profile.name}' (${profile.avd}) could boot${this.#lastFailure === undefined ? '' : ` (last failure: ${this.#lastFailure})`}`, {
          hint: 'read the emulator output in the round log; on a real SDK check `emulator -accel-check`, free memory and disk',
        });
      }
    } catch (error) {
      this.#releaseAvds();
      throw error;
    }
  }

  #lockAvds(): void {
    const owner = this.#options.owner ?? `process ${process.pid}`;
    for (const avd of new Set(this.#options.profiles.map((profile) => profile.avd))) {
      const dir = findAvdDir(this.#options.env, avd);
      // An AVD that cannot be found fails at launch, with the emulator's own message.
      if (dir) this.#avdLocks.push(lockAvdForRound(dir, avd, owner));
    }
  }

  #releaseAvds(): void {
    for (const release of this.#avdLocks.splice(0)) release();
  }

  /**
   * Waits for an idle device of the profile, restores its clean snapshot and hands it out. A device
   * that can neither restore nor be replaced leaves the round and the lease goes to another
   * instance; only when no instance of the profile is left does the lease fail (DEVICE_LOST).
   */
  async acquire(profileName: string): Promise<DeviceLease> {
    if (!this.#slots.some((slot) => slot.profile.name === profileName)) {
      throw new HarnessError('CONFIG_INVALID', `no device of profile '${profileName}' in the pool`, { hint: 'list the profile under devices in the round' });
    }
    for (;;) {
      const slot = await this.#takeSlot(profileName);
      try {
        await this.#restoreOrReplace(slot);
        return this.#lease(slot);
      } catch (error) {
        if (this.#cancelled()) {
          slot.busy = false;
          throw error;
        }
        await this.#retire(slot, error);
      }
    }
  }

  /** Restores the clean snapshot; a device that cannot is replaced once, and is not trusted again. */
  async #restoreOrReplace(slot: Slot): Promise<void> {
    try {
      await this.#restore(slot);
      return;
    } catch (error) {
      if (this.#cancelled()) throw error;
      this.#lastFailure = `emulator-${slot.port}: ${error instanceof Error ? error.message : String(error)}`;
    }
    await this.#replace(slot, 'snapshot restore failed');
    await this.#restore(slot);
  }

  #cancelled(): boolean {
    return this.#stopped || this.#options.signal.aborted;
  }

  /** Gives a device back; an unhealthy one (infra failure during the case) is replaced first. */
  async release(lease: DeviceLease, options: { healthy: boolean }): Promise<void> {
    const slot = this.#slots.find((candidate) => candidate.port === lease.consolePort);
    if (!slot) return;
    slot.fresh = false;
    if (!options.healthy || !slot.emulator?.isAlive()) {
      await this.#replace(slot, options.healthy ? 'emulator exited' : 'unhealthy after an infrastructure error').catch((error: unknown) => {
        this.#lastFailure = `${lease.serial}: ${error instanceof Error ? error.message : String(error)}`;
        this.#options.onState?.(lease.serial, 'dead', error instanceof Error ? error.message : String(error));
      });
    }
    slot.busy = false;
    if (slot.emulator) this.#options.onState?.(lease.serial, 'idle');
    this.#failStrandedWaiters();
    this.#handOut();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new HarnessError('CANCELLED', 'the device pool stopped'));
    await Promise.all(this.#slots.map(async (slot) => {
      await slot.emulator?.stop().catch(() => undefined);
      this.#options.onState?.(`emulator-${slot.port}`, 'stopped');
    }));
    this.#releaseAvds();
  }

  /** Takes a device out of the round for good; waiting leases go to the other instances. */
  async #retire(slot: Slot, cause: unknown): Promise<void> {
    const serial = `emulator-${slot.port}`;
    await slot.emulator?.stop().catch(() => undefined);
    slot.emulator = undefined;
    slot.busy = false;
    this.#lastFailure = `${serial}: ${cause instanceof Error ? cause.message : String(cause)}`;
    this.#options.onState?.(serial, 'dead', cause instanceof Error ? cause.message : String(cause));
    this.#failStrandedWaiters();
    this.#handOut();
  }

  #lease(slot: Slot): DeviceLease {
    return { serial: `emulator-${slot.port}`, profile: slot.profile.name, avd: slot.profile.avd, consolePort: slot.port };
  }

  async #boot(slot: Slot): Promise<void> {
    this.#options.onState?.(`emulator-${slot.port}`, 'launching', slot.profile.avd);
    await this.#launchFromSnapshot(slot, slot.profile.bootTimeoutMs);
    this.#options.onState?.(`emulator-${slot.port}`, 'idle');
    this.#handOut();
  }

  /**
   * Starts the slot's read-only instance resumed from the clean snapshot (`-snapshot <clean>`) and
   * checks that it really resumed from it.
   */
  async #launchFromSnapshot(slot: Slot, budgetMs: number): Promise<void> {
    const serial = `emulator-${slot.port}`;
    const started = performance.now();
    const emulator = await launchEmulator(this.#options.env, {
      avd: slot.profile.avd,
      port: slot.port,
      flags: slot.profile.flags,
      snapshot: slot.profile.snapshot,
      readOnly: true,
      bootTimeoutMs: budgetMs,
      signal: this.#options.signal,
      onOutput: (line) => this.#options.onOutput?.(serial, line),
    });
    try {
      await verifySnapshotLoaded(this.#options.env, serial, slot.profile.snapshot, {
        timeoutMs: Math.max(5_000, budgetMs - (performance.now() - started)), signal: this.#options.signal,
      });
    } catch (error) {
      await emulator.stop().catch(() => undefined);
      throw error;
    }
    slot.emulator = emulator;
    slot.fresh = true;
    void emulator.exited.then(() => this.#onExit(slot, emulator));
  }

  /**
   * An emulator that exits while idle is replaced at once, so that the next lease does not pay for
   * it. One that exits while leased is left to the case (its failure releases it as unhealthy), and
   * the pool's own stops happen while the slot is busy or the pool is stopping.
   */
  async #onExit(slot: Slot, emulator: RunningEmulator): Promise<void> {
    if (this.#stopped || slot.busy || slot.emulator !== emulator) return;
    slot.busy = true;
    try {
      await this.#replace(slot, 'emulator exited while idle');
      slot.busy = false;
      this.#handOut();
    } catch (error) {
      if (this.#stopped) return;
      await this.#retire(slot, error);
    }
  }

  /**
   * A device fresh from the snapshot is only checked; any other is relaunched from the clean
   * snapshot. Then a health check that polls within the budget: right after a resume the adb
   * transport may still be resetting (`error: closed`), which is not a dead device.
   */
  async #restore(slot: Slot): Promise<void> {
    const serial = `emulator-${slot.port}`;
    const budget = this.#options.restoreTimeoutMs ?? 60_000;
    const started = performance.now();
    this.#options.onState?.(serial, 'restoring');
    if (!slot.emulator?.isAlive()) throw new HarnessError('DEVICE_LOST', `${serial} is not running`);
    if (!slot.fresh) {
      await slot.emulator.stop();
      slot.emulator = undefined;
      await this.#launchFromSnapshot(slot, budget);
    }
    slot.fresh = false;
    const answered = await pollUntil(async (remaining) => {
      const { stdout } = await runAdb(this.#options.env, serial, ['shell', 'echo', 'ping'], { timeoutMs: Math.min(remaining, 10_000), reject: false, signal: this.#options.signal })
        .catch((error: unknown) => {
          if (isHarnessError(error, 'CANCELLED')) throw error;
          return { stdout: '' };
        });
      return stdout.trim() === 'ping' ? true : undefined;
    }, { timeoutMs: Math.max(1_000, budget - (performance.now() - started)), intervalMs: 250, maxIntervalMs: 2_000, signal: this.#options.signal });
    if (!answered) throw new HarnessError('DEVICE_LOST', `${serial} did not answer a health check within ${budget} ms after restoring its snapshot`);
    this.#options.onState?.(serial, 'busy');
  }

  async #replace(slot: Slot, reason: string): Promise<void> {
    const serial = `emulator-${slot.port}`;
    this.#options.onState?.(serial, 'replacing', reason);
    await slot.emulator?.stop().catch(() => undefined);
    slot.emulator = undefined;
    if (this.#stopped) return;
    await this.#boot(slot);
    slot.busy = true;
  }

  #takeSlot(profile: string): Promise<Slot> {
    if (this.#stopped) return Promise.reject(new HarnessError('CANCELLED', 'the device pool stopped'));
    return new Promise((resolve, reject) => {
      this.#waiters.push({ profile, resolve, reject });
      this.#handOut();
      this.#failStrandedWaiters();
    });
  }

  /**
   * A lease can only wait for a device that is running or leased out. When every instance of its
   * profile died and could not be replaced, waiting would hang the round: fail it instead.
   */
  #failStrandedWaiters(): void {
    for (const waiter of [...this.#waiters]) {
      const hope = this.#slots.some((slot) => slot.profile.name === waiter.profile && (slot.busy || slot.emulator !== undefined));
      if (hope) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      const last = this.#lastFailure === undefined ? '' : ` (last failure: ${this.#lastFailure})`;
      waiter.reject(new HarnessError('DEVICE_LOST', `no device of profile '${waiter.profile}' is left: every instance died and could not be replaced${last}`, {
        hint: 'read the emulator output in the round log; fix the cause and continue with `stalkerbench run --resume`',
      }));
    }
  }

  #handOut(): void {
    for (const waiter of [...this.#waiters]) {
      const slot = this.#slots.find((candidate) => !candidate.busy && candidate.emulator !== undefined && candidate.profile.name === waiter.profile);
      if (!slot) continue;
      slot.busy = true;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(slot);
    }
  }
}
