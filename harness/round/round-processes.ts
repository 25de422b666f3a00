import { readFile, readdir } from 'node:fs/promises';
import { pollUntil } from '../android/index.ts';
import { readStartTime } from './process-identity.ts';

/** A process started by a run: every child of a run (adb server, emulators, Appium) gets the round's HOME. */
export interface RoundProcess {
  pid: number;
  /** Start time when found, so that a pid reused by another process is never signalled. */
  startTime: string;
  home: string;
  argv: string[];
}

/**
 * Processes of this user whose environment sets HOME to one of `homes`. A round HOME is a fresh
 * temp folder given only to that run's children, so this finds exactly them — including the adb
 * server, which leaves the run's process group — and never a process that merely reused a pid.
 * Linux only (/proc); elsewhere it finds nothing and the caller falls back to the recorded ports.
 */
export async function findProcessesByHome(homes: ReadonlySet<string>): Promise<RoundProcess[]> {
  if (homes.size === 0) return [];
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found: RoundProcess[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'utf8');
      const home = environ.split('\0').find((pair) => pair.startsWith('HOME='))?.slice('HOME='.length);
      if (home === undefined || !homes.has(home)) continue;
      const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').filter((part) => part !== '');
      const startTime = await readStartTime(pid);
      if (startTime !== undefined) found.push({ pid, startTime, home, argv });
    } catch {
      // Gone since readdir, or another user's process (its environ is not readable).
    }
  }
  return found;
}

/** Whether this very process (same pid and start time) still runs. */
export async function isRunning(target: Pick<RoundProcess, 'pid' | 'startTime'>): Promise<boolean> {
  return (await readStartTime(target.pid)) === target.startTime;
}

/** Waits until none of `processes` runs, within the budget; returns the ones still running. */
export async function waitForExit(processes: readonly RoundProcess[], timeoutMs: number): Promise<RoundProcess[]> {
  const stillRunning = async (): Promise<RoundProcess[]> => {
    const running: RoundProcess[] = [];
    for (const candidate of processes) if (await isRunning(candidate)) running.push(candidate);
    return running;
  };
  await pollUntil(async () => ((await stillRunning()).length === 0 ? true : undefined), { timeoutMs, intervalMs: 50 });
  return await stillRunning();
}

/**
 * Stops processes found by {@link findProcessesByHome}: SIGTERM (unless `graceMs` is 0), then
 * SIGKILL for the ones still running after `graceMs`. Each is checked to be the same process before
 * every signal. Returns the ones that survived even SIGKILL (e.g. in uninterruptible sleep).
 */
export async function stopProcesses(processes: readonly RoundProcess[], graceMs: number): Promise<RoundProcess[]> {
  let running = processes;
  if (graceMs > 0) {
    for (const candidate of running) await signalIfSame(candidate, 'SIGTERM');
    running = await waitForExit(running, graceMs);
  }
  for (const candidate of running) await signalIfSame(candidate, 'SIGKILL');
  return await waitForExit(running, 5_000);
}

async function signalIfSame(candidate: RoundProcess, signal: NodeJS.Signals): Promise<void> {
  if (!(await isRunning(candidate))) return;
  try {
    process.kill(candidate.pid, signal);
  } catch {
    // Exited in between.
  }
}
