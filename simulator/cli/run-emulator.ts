import type { VirtualDevice } from '../device/contracts.ts';
import { isHarnessError } from '../../harness/errors/index.ts';
import { SnapshotStore } from '../console/index.ts';
import { startVirtualEmulator, type RunningVirtualEmulator } from '../emulator.ts';
import { lockAvd } from './avd-lock.ts';
import { parseEmulatorArgs, USAGE } from './parse-emulator-args.ts';
import { listAvds, readAvd, readEmulatorEnv } from './read-avd.ts';
import type { DeviceProfile } from '../device/contracts.ts';

/** The snapshot the real emulator boots from and saves to on exit ("Quick Boot"). */
const QUICKBOOT_SNAPSHOT = 'default_boot';
const EMULATOR_VERSION = '32.1.15.0 (build_id 10696886) (CL:N/A)';

export interface EmulatorProcess {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Builds the device model for the AVD (the CLI passes createVirtualDevice). */
  createDevice: (options: { profile: DeviceProfile; serial: string }) => Promise<VirtualDevice>;
  /** Ends the process; the CLI passes process.exit. */
  exit: (code: number) => void;
  /** Ends the process abruptly (`stalkerbench fault crash`); the CLI SIGKILLs itself. */
  crash: () => void;
  /** Subscribes to SIGINT/SIGTERM. */
  onSignal: (listener: (signal: string) => void) => void;
}

/**
 * The `emulator` command: parses the real emulator's flags, reads the AVD, boots a virtual device
 * (from its quick-boot or named snapshot when there is one), serves it on the console and adb ports
 * until `kill`, SIGTERM or SIGINT, then saves the quick-boot snapshot unless told not to.
 * Resolves with an exit code when it ends before serving (usage, unknown AVD, busy port).
 */
export async function runEmulator(proc: EmulatorProcess): Promise<number | undefined> {
  const { args, warnings, errors } = parseEmulatorArgs(proc.argv);
  const info = (line: string): void => proc.stdout(`INFO    | ${line}\n`);
  for (const warning of warnings) proc.stdout(`${warning}\n`);
  if (errors.length > 0) {
    for (const error of errors) proc.stderr(`ERROR   | ${error}\n`);
    return 1;
  }
  if (args.help) {
    proc.stdout(USAGE);
    return 0;
  }
  if (args.version) {
    proc.stdout(`Android emulator version ${EMULATOR_VERSION}\n(stalkerbench virtual emulator)\n`);
    return 0;
  }
  const env = readEmulatorEnv(proc.env);
  if (args.listAvds) {
    for (const name of listAvds(env)) proc.stdout(`${name}\n`);
    return 0;
  }
  if (!args.avd) {
    proc.stderr("ERROR   | No AVD specified. Use '@foo' or '-avd foo' to launch a virtual device named 'foo'\n");
    return 1;
  }
  let avd;
  try {
    avd = readAvd(args.avd, env);
  } catch (error) {
    if (!isHarnessError(error, 'EMULATOR_LAUNCH_FAILED')) throw error;
    for (const line of error.message.split('\n')) proc.stderr(`PANIC: ${line}\n`);
    return 1;
  }
  const releaseLock = args.readOnly ? () => undefined : lockAvd(avd.dir);
  if (!releaseLock) {
    proc.stderr('ERROR   | Running multiple emulators with the same AVD is an experimental feature.\n');
    proc.stderr('ERROR   | Please use -read-only flag to enable this feature.\n');
    return 1;
  }
  const started = Date.now();
  const consolePort = args.port;
  const adbPort = args.adbPort ?? args.port + 1;
  const serial = args.adbConnectPort === undefined ? `emulator-${adbPort - 1}` : `127.0.0.1:${args.adbConnectPort}`;
  const log = args.verbose ? (line: string): void => proc.stderr(`VERBOSE | ${line}\n`) : undefined;
  info(`Android emulator version ${EMULATOR_VERSION}`);
  info(`Found systemPath ${avd.systemDir.endsWith('/') ? avd.systemDir : `${avd.systemDir}/`}`);
  info(`Virtual device ${avd.name}: ${avd.profile.manufacturer} ${avd.profile.model}, Android ${avd.profile.release} (API ${avd.profile.apiLevel}), ${avd.profile.screenWidth}x${avd.profile.screenHeight} @ ${avd.profile.density} dpi`);
  for (const flag of args.ignored.filter((item) => item.startsWith('-'))) info(`option ${flag} has no effect on a virtual device`);

  const device = await proc.createDevice({ profile: avd.profile, serial });
  let emulator: RunningVirtualEmulator | undefined;
  let shuttingDown = false;
  const quickboot = args.snapshot ?? QUICKBOOT_SNAPSHOT;
  const saveOnExit = !args.noSnapshotSave && !args.readOnly;
  const shutdown = async (reason: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    info(`Shutting down (${reason})`);
    if (emulator && saveOnExit) {
      await emulator.snapshots
        .save(quickboot, device.saveState(), Date.now() - started)
        .then(() => info(`Saved snapshot '${quickboot}' on exit`))
        .catch((error: unknown) => proc.stderr(`WARNING | could not save snapshot '${quickboot}': ${String(error)}\n`));
    }
    await emulator?.stop().catch(() => undefined);
    releaseLock();
    proc.exit(0);
  };
  proc.onSignal((signal) => {
    if (shuttingDown) {
      releaseLock();
      proc.exit(130);
      return;
    }
    void shutdown(signal);
  });

  // Restore before listening, so adb never sees the cold-booting device first.
  const snapshots = new SnapshotStore(avd.dir, { readOnly: args.readOnly });
  await bootFromSnapshot(device, snapshots, args, quickboot, info).catch((error: unknown) => {
    proc.stdout(`WARNING | Failed to load snapshot '${quickboot}' (${error instanceof Error ? error.message : String(error)}); cold boot\n`);
  });
  try {
    emulator = await startVirtualEmulator({
      device,
      avdName: avd.name,
      avdDir: avd.dir,
      snapshots,
      consolePort,
      adbPort,
      adbServerPort: args.adbConnectPort === undefined ? env.adbServerPort : undefined,
      connectPort: args.adbConnectPort,
      home: env.home,
      onKill: () => void shutdown('console kill'),
      onCrash: () => proc.crash(),
      ...(log ? { log } : {}),
    });
  } catch (error) {
    releaseLock();
    await device.shutdown().catch(() => undefined);
    if (!isHarnessError(error)) throw error;
    proc.stderr(`ERROR   | ${error.message}\n`);
    return 1;
  }
  info(`Console on port ${consolePort}, adb on port ${adbPort}${args.adbConnectPort === undefined ? ` (serial ${serial}, adb server port ${env.adbServerPort})` : ''}`);
  if (args.adbConnectPort !== undefined) info(`Waiting for 'adb connect 127.0.0.1:${args.adbConnectPort}'`);

  const booted = await waitForBootCompleted(device, 60_000);
  info(booted ? `Boot completed in ${Date.now() - started} ms` : 'Boot did not complete within 60000 ms');
  return undefined;
}

async function bootFromSnapshot(
  device: VirtualDevice,
  snapshots: SnapshotStore,
  args: { wipeData: boolean; noSnapshotLoad: boolean; snapshot: string | undefined },
  quickboot: string,
  info: (line: string) => void,
): Promise<void> {
  if (args.wipeData) {
    await snapshots.delete(QUICKBOOT_SNAPSHOT);
    info('Cold boot: wipe-data requested');
    // A freshly wiped image scans and compiles its packages for a while after it has booted.
    device.beginFirstBootWork?.();
    return;
  }
  if (args.noSnapshotLoad) {
    info('Cold boot: requested by the user');
    return;
  }
  const state = await snapshots.load(quickboot);
  if (state === undefined) {
    info(`Cold boot: snapshot '${quickboot}' doesn't exist`);
    return;
  }
  device.loadState(state);
  info(`Successfully loaded snapshot '${quickboot}'`);
}

/** Polls the device's own `sys.boot_completed` (the model decides how long booting takes). */
async function waitForBootCompleted(device: VirtualDevice, budgetMs: number): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    let output = '';
    const controller = new AbortController();
    await device
      .runShell('getprop sys.boot_completed', {
        stdin: { async *[Symbol.asyncIterator]() {} },
        stdout: (chunk) => (output += chunk.toString()),
        stderr: () => undefined,
        signal: controller.signal,
      })
      .catch(() => 1);
    if (output.trim() === '1') return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}
