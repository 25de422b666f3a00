/**
 * The work a freshly wiped Android image does after `sys.boot_completed=1`: package scans, dexopt
 * of every APK, first-run jobs. On a real Google image it lasts minutes; `cmd package bg-dexopt-job`
 * runs the background dexopt job at once and returns when it is done (PackageManagerShellCommand
 * `runBackgroundDexoptJob`, printing "Success"). Until then the phone answers more slowly. The virtual
 * device does the same over a short time (FIRST_BOOT_WORK_MS), carried in snapshots: a clean snapshot
 * taken while the work runs restores into a busy phone every case.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** How long the virtual image's first-boot work lasts (minutes on a real image). */
export const FIRST_BOOT_WORK_MS = 2_000;
/** Extra time every shell command takes while the work runs. */
export const BUSY_SHELL_DELAY_MS = 20;

export class FirstBootWork {
  #until = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Starts the work (a boot with wiped data). */
  begin(ms = FIRST_BOOT_WORK_MS): void {
    this.#until = this.#now() + ms;
  }

  remainingMs(): number {
    return Math.max(0, this.#until - this.#now());
  }

  /** Runs the rest of it now (bg-dexopt-job): resolves when it is done. */
  async finish(signal?: AbortSignal): Promise<void> {
    const remaining = this.remainingMs();
    if (remaining > 0) await delay(remaining, undefined, signal ? { signal } : {});
    this.#until = 0;
  }

  /** For snapshots: what is left, restarted from the moment the snapshot is loaded. */
  toJSON(): number {
    return this.remainingMs();
  }

  load(remainingMs: number | undefined): void {
    this.#until = remainingMs ? this.#now() + remainingMs : 0;
  }
}
