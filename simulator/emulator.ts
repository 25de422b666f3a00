import type { VirtualDevice } from './device/contracts.ts';
import { HarnessError } from '../harness/errors/index.ts';
import { createServiceRouter, formatBanner, listenForAdb, startEmulatorRegistration, type AdbListener, type Registration } from './adb/index.ts';
import { CONSOLE_FAULTS, SnapshotStore, startConsoleServer, type ConsoleServer, type EmulatorFaultControls } from './console/index.ts';

/** How long adbd is away while init restarts it after `adb root` / `adb unroot`. */
const ADBD_RESTART_MS = 1_000;

export interface VirtualEmulatorOptions {
  device: VirtualDevice;
  avdName: string;
  /** Where snapshots live (`<avd-dir>/snapshots/`). */
  avdDir: string;
  /** The store for `avdDir`, when the caller already has one (it keeps loaded snapshots cached). */
  snapshots?: SnapshotStore | undefined;
  /** Even console port; the adb transport listens on port + 1. */
  consolePort: number;
  /** The adb transport port when not console + 1 (`-ports console,adb`). */
  adbPort?: number | undefined;
  /**
   * Announce this emulator to the adb server on this port (`host:emulator:<adbport>`) when the real
   * emulator does (see emulator-registration.ts). Undefined: do not register (`adb connect` mode).
   */
  adbServerPort?: number | undefined;
  /** Also accept `adb connect 127.0.0.1:<port>` transports here. */
  connectPort?: number | undefined;
  /** HOME holding the console auth token. */
  home: string;
  /** Called after the console's `kill` has been answered; the owner shuts down and exits. */
  onKill?: () => void;
  /**
   * `stalkerbench fault crash`: the owner ends the process abruptly (the CLI SIGKILLs itself).
   * @default stops serving at once, without a snapshot
   */
  onCrash?: () => void;
  /** Protocol activity (`-verbose`). */
  log?: (line: string) => void;
}

export interface RunningVirtualEmulator {
  readonly device: VirtualDevice;
  readonly consolePort: number;
  readonly adbPort: number;
  readonly connectPort: number | undefined;
  readonly snapshots: SnapshotStore;
  /** Closes the console and every adb connection (adb drops the device at once); stops the device. */
  stop(): Promise<void>;
}

/**
 * Serves one VirtualDevice as an emulator: the console on `consolePort`, the adb transport on
 * `consolePort + 1` (registered with the adb server), and optionally an `adb connect` port.
 * Used by the `emulator` CLI and, in-process, by tests.
 */
export async function startVirtualEmulator(options: VirtualEmulatorOptions): Promise<RunningVirtualEmulator> {
  const { device } = options;
  const adbPort = options.adbPort ?? options.consolePort + 1;
  const startedAt = Date.now();
  const snapshots = options.snapshots ?? new SnapshotStore(options.avdDir);
  const log = options.log;
  const banner = formatBanner(device.profile);
  // `adb root`/`adb unroot`: init restarts adbd; the transport is gone until the new adbd's pipe is
  // announced (about a second on an emulator image).
  const route = createServiceRouter(device, { restartAdbd: () => faultControls.dropAdb(ADBD_RESTART_MS) });
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  let listener: AdbListener | undefined;
  let registration: Registration | undefined;
  let offlineTimer: NodeJS.Timeout | undefined;
  const faultControls: EmulatorFaultControls = {
    dropAdb: (offlineMs) => {
      clearTimeout(offlineTimer);
      if (offlineMs > 0) listener?.setAccepting(false);
      listener?.dropAll();
      if (Number.isFinite(offlineMs)) {
        offlineTimer = setTimeout(() => {
          listener?.setAccepting(true);
          // adbd comes back and opens a new pipe: the emulator announces itself once.
          registration?.announce();
        }, offlineMs);
      }
      log?.(`fault: adb dropped${offlineMs > 0 ? `, offline for ${Number.isFinite(offlineMs) ? `${offlineMs} ms` : 'good'}` : ''}`);
    },
    crash: () => (options.onCrash ? options.onCrash() : void stop()),
  };
  cleanups.push(() => clearTimeout(offlineTimer));
  try {
    const consoleServer: ConsoleServer = await startConsoleServer({
      port: options.consolePort,
      home: options.home,
      ...(log ? { log } : {}),
      target: {
        avdName: options.avdName,
        snapshots,
        uptimeMs: () => Date.now() - startedAt,
        saveState: () => device.saveState(),
        loadState: (state) => device.loadState(state),
        kill: () => options.onKill?.(),
        faults: CONSOLE_FAULTS,
        faultContext: { device, emulator: faultControls },
      },
    }).catch((error: unknown) => {
      throw portBusy('console', options.consolePort, error);
    });
    cleanups.push(() => consoleServer.close());
    const adbListener: AdbListener = await listenForAdb({
      port: adbPort,
      banner,
      route,
      ...(log ? { log: (line: string) => log(`adb: ${line}`) } : {}),
      // A closed transport does not re-announce (the guest already waits on its next pipe); an
      // accepted one does: adbd opens its next pipe at once (AdbGuestPipe::waitForHostConnection).
      onConnect: () => registration?.announce(),
    }).catch((error: unknown) => {
      throw portBusy('adb', adbPort, error);
    });
    listener = adbListener;
    cleanups.push(() => adbListener.close());
    if (options.adbServerPort !== undefined) {
      registration = startEmulatorRegistration({ serverPort: options.adbServerPort, adbPort, ...(log ? { log } : {}) });
      const active = registration;
      cleanups.push(() => active.stop());
    }
    if (options.connectPort !== undefined) {
      const connectListener = await listenForAdb({
        port: options.connectPort,
        banner,
        route,
        ...(log ? { log: (line: string) => log(`adb connect: ${line}`) } : {}),
      }).catch((error: unknown) => {
        throw portBusy('adb connect', options.connectPort ?? 0, error);
      });
      cleanups.push(() => connectListener.close());
    }
    cleanups.unshift(() => device.shutdown());
  } catch (error) {
    await stop();
    throw error;
  }
  return { device, consolePort: options.consolePort, adbPort, connectPort: options.connectPort, snapshots, stop };
}

function portBusy(what: string, port: number, cause: unknown): HarnessError {
  const busy = cause instanceof Error && 'code' in cause && cause.code === 'EADDRINUSE';
  return new HarnessError('EMULATOR_LAUNCH_FAILED', `cannot listen on 127.0.0.1:${port} for the ${what}${busy ? ': address already in use' : `: ${String(cause)}`}`, {
    cause,
    hint: 'pick another even -port (another emulator or program uses this one)',
  });
}
