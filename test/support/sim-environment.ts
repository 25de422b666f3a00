import type { VirtualSdk } from '../../simulator/sdk/index.ts';
import { startAdbServer, stopAdbServer, type AdbServer } from './adb-server.ts';
import { allocateEmulatorPort, allocatePort } from './ports.ts';
import { createTestHome, type TestHome, type TestHomeOptions } from './test-home.ts';
import { launchVirtualEmulator, type LaunchedEmulator } from './virtual-emulator.ts';
import { prepareVirtualSdk } from './virtual-sdk.ts';
import { waitForDevice } from './wait-for-device.ts';

/** A temp HOME, the virtual SDK with this test's AVDs, and a real adb server on a free port. */
export interface SimEnvironment {
  home: TestHome;
  sdk: VirtualSdk;
  server: AdbServer;
  /** HOME, PATH, ANDROID_HOME, ANDROID_AVD_HOME, ANDROID_ADB_SERVER_PORT for the emulator and other child processes. */
  env: Record<string, string>;
  /** Launches the virtual emulator on a free port pair (tracked; `dispose` stops it). */
  launch(options?: { avd?: string; flags?: readonly string[]; port?: number }): Promise<LaunchedEmulator>;
  /** Launches and waits until adb sees it booted. */
  boot(options?: { avd?: string; flags?: readonly string[]; port?: number }): Promise<LaunchedEmulator>;
  /** Stops every emulator launched here, the adb server, and removes HOME. */
  dispose(): Promise<void>;
}

export const DEFAULT_AVD = 'stalkerbench_pixel_api33';

export async function createSimEnvironment(options: TestHomeOptions & { adbServerPort?: number } = {}): Promise<SimEnvironment> {
  const { adbServerPort, ...homeOptions } = options;
  const home = await createTestHome(homeOptions);
  const sdk = await prepareVirtualSdk(home);
  const server = await startAdbServer({ port: adbServerPort ?? (await allocatePort()), home });
  // No TMPDIR of its own for the emulators: tsx keeps its compile cache in the shared temp folder,
  // which saves each emulator process about half a second.
  const { TMPDIR: _adbTmp, ...serverEnv } = server.env;
  const env: Record<string, string> = {
    ...serverEnv,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    ANDROID_HOME: sdk.androidHome,
    ANDROID_AVD_HOME: sdk.avdHome,
  };
  const launched: LaunchedEmulator[] = [];
  const launch = async (launchOptions: { avd?: string; flags?: readonly string[]; port?: number } = {}): Promise<LaunchedEmulator> => {
    const port = launchOptions.port ?? (await allocateEmulatorPort()).consolePort;
    const emulator = launchVirtualEmulator({
      avd: launchOptions.avd ?? DEFAULT_AVD,
      port,
      env,
      ...(launchOptions.flags ? { flags: launchOptions.flags } : {}),
    });
    launched.push(emulator);
    return emulator;
  };
  return {
    home,
    sdk,
    server,
    env,
    launch,
    async boot(launchOptions = {}) {
      const emulator = await launch(launchOptions);
      try {
        await waitForDevice(server, emulator.serial);
      } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\nemulator output:\n${emulator.output()}`);
      }
      return emulator;
    },
    async dispose() {
      await Promise.all(launched.map((emulator) => emulator.stop()));
      await stopAdbServer(server);
      await home.remove();
    },
  };
}
