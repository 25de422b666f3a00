import type { AdbServer } from './adb-server.ts';
import { pollFor } from './poll.ts';

/**
 * Polls the real adb until `serial` is listed as `device` and `getprop sys.boot_completed` is 1.
 * Returns the time it took.
 */
export async function waitForDevice(server: AdbServer, serial: string, budgetMs = 30_000): Promise<number> {
  const started = Date.now();
  await pollFor(
    `${serial} to be listed as a device`,
    async () => {
      const result = await server.adb(['devices'], { timeoutMs: 5_000 });
      return String(result.stdout).split('\n').some((line) => line.trim() === `${serial}\tdevice`) ? true : undefined;
    },
    { budgetMs },
  );
  await pollFor(
    `${serial} to finish booting`,
    async () => {
      const result = await server.adb(['-s', serial, 'shell', 'getprop', 'sys.boot_completed'], { timeoutMs: 5_000 });
      return String(result.stdout).trim() === '1' ? true : undefined;
    },
    { budgetMs: Math.max(1_000, budgetMs - (Date.now() - started)) },
  );
  return Date.now() - started;
}
