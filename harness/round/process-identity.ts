import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * A process told apart from a later one that reuses its pid: the pid plus its start time since boot
 * (`/proc/<pid>/stat` field 22) and the boot it ran in. Without /proc (macOS) the start time is
 * `unknown` and only the pid is checked.
 */
export interface ProcessIdentity {
  pid: number;
  /** Clock ticks since boot, as text; `unknown` where /proc is not available. */
  startTime: string;
  /** `/proc/sys/kernel/random/boot_id`, or `unknown`. */
  bootId: string;
  hostname: string;
}

const UNKNOWN = 'unknown';

/** The start time of a running process, `undefined` when it is gone, `unknown` without /proc. */
export async function readStartTime(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT') && (await hasProcFs())) return undefined;
    return isAlive(pid) ? UNKNOWN : undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces; fields count on after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? UNKNOWN;
}

/** This process's identity, recorded so that a later run can tell whether it is still running. */
export async function identifySelf(): Promise<ProcessIdentity> {
  return {
    pid: process.pid,
    startTime: (await readStartTime(process.pid)) ?? UNKNOWN,
    bootId: (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => UNKNOWN)).trim(),
    hostname: hostname(),
  };
}

/**
 * Whether the recorded process is still the one running under its pid. A record from another host
 * cannot be checked and counts as running: a folder shared between machines is never taken over.
 */
export async function isStillRunning(identity: Pick<ProcessIdentity, 'pid' | 'startTime'> & Partial<ProcessIdentity>): Promise<boolean> {
  if (identity.hostname !== undefined && identity.hostname !== hostname()) return true;
  if (identity.bootId !== undefined && identity.bootId !== UNKNOWN) {
    const bootId = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => UNKNOWN)).trim();
    if (bootId !== UNKNOWN && bootId !== identity.bootId) return false;
  }
  const now = await readStartTime(identity.pid);
  if (now === undefined) return false;
  return now === UNKNOWN || identity.startTime === UNKNOWN || now === identity.startTime;
}

/** `kill(pid, 0)`: true while a process (of any user) has this pid. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

/** Whether this system has Linux's /proc (process start times and environments can be read). */
export async function hasProcFs(): Promise<boolean> {
  return await readFile('/proc/self/stat', 'utf8').then(() => true, () => false);
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
