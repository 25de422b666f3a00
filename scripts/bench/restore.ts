/**
 * `node bin/run-ts.js scripts/bench/restore.ts [--runs N]`: the per-case restore cost of the two
 * strategies a real emulator allows, on the virtual emulator, through the harness's own code:
 *   relaunch   (the pool's strategy) stop the `-read-only` instance, start it again with
 *              `-snapshot <clean>`, check it resumed from the snapshot, `echo ping` answers
 *   load       a writable instance (what each instance's own AVD copy would be) restored with the
 *              console's `avd snapshot load <clean>`, then the same checks
 * Prints median and p90 of each. Uses its own HOME, adb server and AVD folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAndroidEnv } from '../../harness/android/android-env.ts';
import { sendConsoleCommand } from '../../harness/android/emulator-console.ts';
import { findEmulatorPort, findFreePort } from '../../harness/android/free-ports.ts';
import { launchEmulator, type RunningEmulator } from '../../harness/android/launch-emulator.ts';
import { runAdb } from '../../harness/android/run-adb.ts';
import { markSnapshot, verifySnapshotLoaded } from '../../harness/android/snapshot-marker.ts';
import { writeVirtualSdk } from '../../simulator/sdk/index.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 8;
const AVD = 'stalkerbench_pixel_api33';
const SNAPSHOT = 'bench-clean';
const home = await mkdtemp(join(tmpdir(), 'sb-bench-restore-'));
await mkdir(join(home, '.android', 'avd'), { recursive: true });
await writeFile(join(home, '.emulator_console_auth_token'), '');
const sdk = await writeVirtualSdk({ avdHome: join(home, '.android', 'avd') });
const env = resolveAndroidEnv({
  env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TMPDIR: home, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome },
  home,
  adbServerPort: await findFreePort(12_037),
});
const port = await findEmulatorPort(12_600);
const serial = `emulator-${port}`;
const launch = (readOnly: boolean, flags: string[]): Promise<RunningEmulator> =>
  launchEmulator(env, { avd: AVD, port, readOnly, flags: ['-no-window', ...flags], ...(readOnly ? { snapshot: SNAPSHOT } : {}), bootTimeoutMs: 60_000 });
const ping = async (): Promise<void> => {
  const { stdout } = await runAdb(env, serial, ['shell', 'echo', 'ping']);
  if (stdout.trim() !== 'ping') throw new Error(`unexpected answer: ${stdout}`);
};

await runAdb(env, undefined, ['start-server'], { timeoutMs: 30_000 });
let emulator: RunningEmulator | undefined;
try {
  // The clean snapshot, as the pool prepares it.
  emulator = await launch(false, ['-wipe-data', '-no-snapshot-load', '-no-snapshot-save']);
  await markSnapshot(env, serial, SNAPSHOT);
  await sendConsoleCommand(`avd snapshot save ${SNAPSHOT}`, { port, home });
  await emulator.stop();

  const relaunch: number[] = [];
  emulator = await launch(true, []);
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await emulator.stop();
    emulator = await launch(true, []);
    await verifySnapshotLoaded(env, serial, SNAPSHOT, { timeoutMs: 30_000 });
    await ping();
    relaunch.push(performance.now() - started);
  }
  await emulator.stop();

  const load: number[] = [];
  emulator = await launch(false, ['-no-snapshot-save']);
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await sendConsoleCommand(`avd snapshot load ${SNAPSHOT}`, { port, home, timeoutMs: 60_000 });
    await verifySnapshotLoaded(env, serial, SNAPSHOT, { timeoutMs: 30_000 });
    await ping();
    load.push(performance.now() - started);
  }
  console.log(`restore by relaunch -read-only -snapshot (the pool's): median ${percentile(relaunch, 50).toFixed(0)} ms, p90 ${percentile(relaunch, 90).toFixed(0)} ms (${runs} runs)`);
  console.log(`restore by avd snapshot load on a writable copy:      median ${percentile(load, 50).toFixed(0)} ms, p90 ${percentile(load, 90).toFixed(0)} ms (${runs} runs)`);
} finally {
  await emulator?.stop().catch(() => undefined);
  await runAdb(env, undefined, ['kill-server'], { reject: false, timeoutMs: 10_000 });
  await rm(home, { recursive: true, force: true });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
