import type { AndroidEnv } from './android-env.ts';
import { runAdb } from './run-adb.ts';

/**
 * Lets a freshly wiped device finish its first-boot work before its clean snapshot is taken: a real
 * image keeps compiling and scanning packages for minutes after `sys.boot_completed=1`, and every
 * case would restore into that busy state. Keeps the screen on (`svc power stayon true`) and runs
 * the background dexopt job now, which returns when it is done (`cmd package bg-dexopt-job`).
 * Failures are tolerated: an image without the job is simply not waited for.
 */
export async function settleFreshDevice(env: AndroidEnv, serial: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const signal = options.signal ? { signal: options.signal } : {};
  await runAdb(env, serial, ['shell', 'svc', 'power', 'stayon', 'true'], { timeoutMs: 20_000, reject: false, ...signal });
  await runAdb(env, serial, ['shell', 'cmd', 'package', 'bg-dexopt-job'], { timeoutMs: options.timeoutMs, reject: false, ...signal });
}
