import type { VirtualDevice } from '../device/contracts.ts';

/**
 * Fault injection for reliability tests: `stalkerbench fault <name> [args…]` on the console. The
 * emulator-level faults (crash, adb drops the device) are built in; the Android model and apps add
 * theirs through CONSOLE_FAULTS in console-fault-registry.ts.
 */
export interface ConsoleFault {
  /** The word after `stalkerbench fault`, e.g. `ui-hang`. */
  name: string;
  /** One line for `stalkerbench fault list`. */
  description: string;
  /** Returns reply lines; throwing answers `KO: <message>`. */
  run(args: readonly string[], context: FaultContext): Promise<string[] | void> | string[] | void;
}

export interface FaultContext {
  device: VirtualDevice;
  emulator: EmulatorFaultControls;
}

/** What only the emulator process can do. */
export interface EmulatorFaultControls {
  /**
   * Closes every adb transport. The device comes back as soon as the adb server reconnects, or
   * after `offlineMs` (no connection is accepted until then), or never with `Infinity`.
   */
  dropAdb(offlineMs: number): void;
  /** Ends the process at once, as a crashed emulator does: no snapshot save, no clean close. */
  crash(): void;
}

export const BUILT_IN_FAULTS: readonly ConsoleFault[] = [
  {
    name: 'crash',
    description: 'the emulator process dies at once (killed by SIGKILL, sockets reset)',
    run: (_args, context) => context.emulator.crash(),
  },
  {
    name: 'drop-adb',
    description: "drop-adb [seconds|forever]: adb loses the device; it comes back at once, after the delay, or never",
    run: (args, context) => {
      const [when = '0'] = args;
      const offlineMs = when === 'forever' ? Number.POSITIVE_INFINITY : Number(when) * 1000;
      if (!Number.isFinite(offlineMs) && when !== 'forever') throw new Error(`bad delay '${when}', use seconds or 'forever'`);
      if (Number.isNaN(offlineMs) || offlineMs < 0) throw new Error(`bad delay '${when}', use seconds or 'forever'`);
      context.emulator.dropAdb(offlineMs);
    },
  },
];
