import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One writable instance per AVD, like the real emulator's `hardware-qemu.ini.lock`: the lock holds
 * the owner's pid, and a lock whose process is gone is taken over. `-read-only` instances skip it.
 * Returns a release function, or undefined when another live instance holds the AVD.
 */
export function lockAvd(avdDir: string): (() => void) | undefined {
  const path = join(avdDir, 'hardware-qemu.ini.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
    } catch {
      const owner = Number(readFileSafely(path));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) return undefined;
      try {
        unlinkSync(path);
      } catch {
        // Another instance removed it first; try again.
      }
    }
  }
  return undefined;
}

function readFileSafely(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
