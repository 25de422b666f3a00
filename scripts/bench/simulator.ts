/**
 * `node bin/run-ts.js scripts/bench/simulator.ts [--runs N] [--quick]`: how fast the virtual emulator is,
 * measured the way the harness uses it — through the real adb and the console.
 *   boot        process start → `sys.boot_completed` = 1 seen through adb
 *   shell echo  median and p90 of `adb -s <serial> shell echo ok`
 *   snapshot    median of console `avd snapshot load` (after one save; a writable instance, as the
 *               real console refuses both on `-read-only`)
 * Uses its own HOME, adb server port and AVD folder; prints one line per measure, and the boot as a
 * `row |` line for `npm run bench`'s table. `--quick`: 5 runs instead of 30.
 */
import { execa } from 'execa';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendConsoleCommand } from '../../harness/android/emulator-console.ts';
import { writeVirtualSdk } from '../../simulator/sdk/index.ts';
// @ts-expect-error bin/entry.js is plain JavaScript without declarations
import { buildIsFresh } from '../../bin/entry.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || (process.argv.includes('--quick') ? 5 : 30);
const home = await mkdtemp(join(tmpdir(), 'sb-bench-'));
await mkdir(join(home, '.android', 'avd'), { recursive: true });
await writeFile(join(home, '.emulator_console_auth_token'), '');
const sdk = await writeVirtualSdk({ avdHome: join(home, '.android', 'avd') });
const serverPort = await freePort(false);
const consolePort = await freePort(true);
const serial = `emulator-${consolePort}`;
const env = { ...process.env, HOME: home, TMPDIR: home, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome, ANDROID_ADB_SERVER_PORT: String(serverPort) };
const adb = (...args: string[]) => execa('adb', ['-P', String(serverPort), ...args], { env, reject: false, timeout: 30_000 });

let bootRow: string | undefined;
await adb('start-server');
const started = performance.now();
const emulator = execa(join(sdk.androidHome, 'emulator', 'emulator'), ['-avd', 'stalkerbench_pixel_api33', '-port', String(consolePort), '-no-window', '-no-snapshot'], { env, reject: false, stdin: 'ignore' });
try {
  for (;;) {
    const result = await adb('-s', serial, 'shell', 'getprop', 'sys.boot_completed');
    if (result.stdout.trim() === '1') break;
    if (performance.now() - started > 60_000) throw new Error('no boot within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const bootMs = performance.now() - started;
  console.log(`boot (process start → boot_completed via adb): ${bootMs.toFixed(0)} ms`);
  const fromBuild = buildIsFresh() ? 'precompiled build' : 'TypeScript through tsx (build/js is stale: npm run build)';
  bootRow = `row | virtual emulator boot (process start → sys.boot_completed via adb) | ${(bootMs / 1000).toFixed(2)} s (${fromBuild}) | ≤ 1 s`;

  const echo: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const t = performance.now();
    const result = await adb('-s', serial, 'shell', 'echo', 'ok');
    if (result.stdout.trim() !== 'ok') throw new Error(`unexpected echo output: ${result.stdout}`);
    echo.push(performance.now() - t);
  }
  console.log(`adb shell echo: median ${percentile(echo, 50).toFixed(1)} ms, p90 ${percentile(echo, 90).toFixed(1)} ms (${runs} runs)`);

  await sendConsoleCommand('avd snapshot save bench', { port: consolePort, home });
  const loads: number[] = [];
  for (let run = 0; run < Math.min(runs, 10); run += 1) {
    const t = performance.now();
    await sendConsoleCommand('avd snapshot load bench', { port: consolePort, home });
    loads.push(performance.now() - t);
  }
  console.log(`console snapshot load: median ${percentile(loads, 50).toFixed(1)} ms (${loads.length} runs)`);
} finally {
  if (bootRow !== undefined) console.log(bootRow);
  emulator.kill('SIGTERM');
  await emulator;
  await adb('kill-server');
  await rm(home, { recursive: true, force: true });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A free port (an even one with a free successor for an emulator), outside adb's 5555–5585 scan. */
async function freePort(emulatorPair: boolean): Promise<number> {
  for (;;) {
    // Below Linux's ephemeral range (32768+), where outgoing connections take their local ports.
    const port = 10_000 + 2 * Math.floor(Math.random() * 10_000) + (emulatorPair ? 0 : 1);
    if ((await isFree(port)) && (!emulatorPair || (await isFree(port + 1)))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
