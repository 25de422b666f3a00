import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';

/** The file a round holds in the AVD folder for as long as its pool runs. */
export const ROUND_LOCK_FILE = 'stalkerbench-round.lock';

interface RoundLockContent {
  owner: string;
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes the AVD for one round. A pool wipes the AVD's userdata and saves over its clean snapshot
 * while preparing, and its read-only instances take no emulator lock (the real emulator's
 * `main.cpp` skips the lock for `-read-only`), so a second round on the same AVD would destroy the
 * first one's devices: it fails at once instead, naming the round that holds the AVD. A lock whose
 * process is gone (a killed round) is taken over. Returns the release function.
 */
export function lockAvdForRound(avdDir: string, avd: string, owner: string): () => void {
  const path = join(avdDir, ROUND_LOCK_FILE);
  const mine: RoundLockContent = { owner, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(path, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return () => {
        const current = readLock(path);
        if (current?.pid === mine.pid && current.owner === mine.owner) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(path);
      if (holder && (holder.host !== mine.host || isProcessAlive(holder.pid))) {
        throw new HarnessError('ROUND_RUNNING', `AVD ${avd} is in use by round ${holder.owner} (pid ${holder.pid} on ${holder.host}, since ${holder.since}); two rounds on one AVD would wipe each other's devices`, {
          hint: `wait for that round to finish, or give this round its own AVD (a copy made with avdmanager) in its device profile; a stale lock is ${path}`,
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new HarnessError('ROUND_RUNNING', `could not take the round lock ${path} for AVD ${avd}`, { hint: 'another round is starting on the same AVD; try again' });
}

function readLock(path: string): RoundLockContent | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<RoundLockContent>;
    if (typeof value.pid !== 'number' || typeof value.owner !== 'string') return undefined;
    return { owner: value.owner, pid: value.pid, host: String(value.host ?? ''), since: String(value.since ?? '') };
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Before a writable launch: removes the emulator's own lock files (`hardware-qemu.ini.lock`,
 * `multiinstance.lock`, any `*.lock` but the round's) that a hard-killed emulator left behind —
 * only when no running emulator process names this AVD (read from /proc on Linux; elsewhere
 * nothing is removed). Returns the paths removed.
 */
export function clearStaleEmulatorLocks(avdDir: string, avd: string): string[] {
  if (emulatorRunningFor(avd) !== false) return [];
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(avdDir);
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!entry.endsWith('.lock') || entry === ROUND_LOCK_FILE) continue;
    rmSync(join(avdDir, entry), { recursive: true, force: true });
    removed.push(join(avdDir, entry));
  }
  return removed;
}

/** Whether some process runs `emulator … -avd <avd>` (or `@<avd>`); undefined when it cannot tell. */
function emulatorRunningFor(avd: string): boolean | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const named = argv.some((arg, index) => arg === `@${avd}` || (arg === '-avd' && argv[index + 1] === avd));
    if (named && argv.some((arg) => /emulator|qemu-system/.test(arg))) return true;
  }
  return false;
}
