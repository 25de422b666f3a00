/**
 * A running virtual device for the authoring-tool tests (inspect-ui, try-flow): its own HOME, the
 * virtual SDK, a real adb server and one virtual emulator on ports the test gives (its port block),
 * and the environment a user's shell would have for `stalkerbench` (ANDROID_HOME, the adb server's
 * port, STALKERBENCH_PORT_BASE for the tool's own Appium ports).
 */
import type { CliRun } from './cli-in-process.ts';
import { runCli } from './cli-in-process.ts';
import { startAdbServer, stopAdbServer, type AdbServer } from './adb-server.ts';
import { createTestHome, type TestHome } from './test-home.ts';
import { launchVirtualEmulator, type LaunchedEmulator } from './virtual-emulator.ts';
import { prepareVirtualSdk } from './virtual-sdk.ts';
import { waitForDevice } from './wait-for-device.ts';
import { DEFAULT_AVD } from './sim-environment.ts';

export interface AuthoringDevice {
  home: TestHome;
  server: AdbServer;
  emulator: LaunchedEmulator;
  serial: string;
  /** The environment `stalkerbench` runs with. */
  env: Record<string, string>;
  /** `adb -s <serial> <args>`; throws on a non-zero exit. */
  adb(args: readonly string[], timeoutMs?: number): Promise<string>;
  /** The CLI in process, in `cwd`, with `env` (and `extraEnv`). */
  cli(argv: string[], cwd: string, extraEnv?: Record<string, string>): Promise<CliRun>;
  dispose(): Promise<void>;
}

export interface AuthoringDevicePorts {
  /** The adb server. */
  adbServer: number;
  /** The emulator's console port (even; adb is the next one). */
  emulator: number;
  /** STALKERBENCH_PORT_BASE: the tool's Appium at base+201, its systemPort from base+300. */
  portBase: number;
}

export async function startAuthoringDevice(ports: AuthoringDevicePorts): Promise<AuthoringDevice> {
  const home = await createTestHome();
  let server: AdbServer | undefined;
  let emulator: LaunchedEmulator | undefined;
  try {
    const sdk = await prepareVirtualSdk(home);
    server = await startAdbServer({ port: ports.adbServer, home });
    const { TMPDIR: _tmp, ...serverEnv } = server.env;
    const emulatorEnv = { ...serverEnv, PATH: process.env['PATH'] ?? '/usr/bin:/bin', ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome };
    emulator = launchVirtualEmulator({ avd: DEFAULT_AVD, port: ports.emulator, env: emulatorEnv, flags: ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot'] });
    await waitForDevice(server, emulator.serial);
    const env = { ...emulatorEnv, TMPDIR: home.tmp, STALKERBENCH_PORT_BASE: String(ports.portBase) };
    const adbServer = server;
    const device = emulator;
    return {
      home, server: adbServer, emulator: device, serial: device.serial, env,
      async adb(args, timeoutMs = 60_000) {
        const result = await adbServer.adb(['-s', device.serial, ...args], { timeoutMs });
        if (result.exitCode !== 0) throw new Error(`adb ${args.join(' ')} exited ${String(result.exitCode)}: ${result.stderr}${result.stdout}`);
        return result.stdout;
      },
      cli: (argv, cwd, extraEnv = {}) => runCli(argv, cwd, { ...env, ...extraEnv }),
      async dispose() {
        await device.stop();
        await stopAdbServer(adbServer);
        await home.remove();
      },
    };
  } catch (error) {
    await emulator?.stop();
    await stopAdbServer(server);
    await home.remove();
    throw error;
  }
}
