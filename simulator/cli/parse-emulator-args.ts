/** The `emulator` options the virtual emulator understands (a subset of the real one's). */
export interface EmulatorArgs {
  avd: string | undefined;
  /** Console port (even); adb listens on port + 1. @default 5554 */
  port: number;
  /** `-ports console,adb` */
  adbPort: number | undefined;
  noWindow: boolean;
  noSnapshotSave: boolean;
  noSnapshotLoad: boolean;
  snapshot: string | undefined;
  readOnly: boolean;
  wipeData: boolean;
  verbose: boolean;
  listAvds: boolean;
  version: boolean;
  help: boolean;
  /** Simulator-specific: accept `adb connect 127.0.0.1:<port>` here instead of registering as emulator-<port>. */
  adbConnectPort: number | undefined;
  /** Accepted for compatibility and otherwise ignored: -gpu, -accel, -memory, -netdelay, … */
  ignored: string[];
}

export interface ParsedEmulatorArgs {
  args: EmulatorArgs;
  /** `WARNING | …` lines for unknown options (the emulator goes on, as the real one does). */
  warnings: string[];
  /** Fatal usage problems (bad port, missing value). */
  errors: string[];
}

/** Real emulator flags that take a value and change nothing in a virtual device. */
const IGNORED_WITH_VALUE = new Set([
  '-gpu', '-accel', '-memory', '-netdelay', '-netspeed', '-cores', '-camera-back', '-camera-front', '-skin', '-skindir',
  '-partition-size', '-dns-server', '-http-proxy', '-timezone', '-feature', '-logcat', '-logcat-output', '-shell-serial',
  '-sysdir', '-system', '-datadir', '-kernel', '-ramdisk', '-data', '-cache', '-sdcard', '-grpc', '-idle-grpc-timeout',
  '-prop', '-boot-property', '-qemu-args', '-selinux', '-qt-hide-window', '-screen', '-no-passive-gps', '-acpi-config',
  '-radio', '-ranchu', '-engine', '-fixed-scale', '-scale', '-dpi-device', '-report-console', '-snapstorage',
  '-guest-angle', '-crostini', '-modem-simulator-port', '-grpc-tls-key', '-grpc-tls-cert', '-grpc-tls-ca',
]);

const IGNORED_FLAGS = new Set([
  '-no-audio', '-no-boot-anim', '-no-accel', '-no-metrics', '-metrics-collection', '-writable-system', '-show-kernel',
  '-delay-adb', '-no-snapstorage', '-no-cache', '-nocache', '-no-jni', '-no-sim', '-no-location-ui', '-no-hidpi-scaling',
  '-no-mouse-reposition', '-no-direct-adb', '-force-32bit', '-dalvik-vm-checkjni', '-use-host-vulkan', '-quit-after-boot',
  '-no-qt', '-qt-hide-window', '-wifi-client-port', '-cold-boot',
]);

export function parseEmulatorArgs(argv: readonly string[]): ParsedEmulatorArgs {
  const args: EmulatorArgs = {
    avd: undefined, port: 5554, adbPort: undefined, noWindow: false, noSnapshotSave: false, noSnapshotLoad: false,
    snapshot: undefined, readOnly: false, wipeData: false, verbose: false, listAvds: false, version: false, help: false,
    adbConnectPort: undefined, ignored: [],
  };
  const warnings: string[] = [];
  const errors: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const raw = argv[index] ?? '';
    // The real emulator accepts both -flag and --flag.
    const flag = raw.startsWith('--') ? raw.slice(1) : raw;
    const value = (): string | undefined => {
      const next = argv[index + 1];
      if (next === undefined) {
        errors.push(`option ${raw} needs an argument`);
        return undefined;
      }
      index += 1;
      return next;
    };
    const port = (): number | undefined => {
      const text = value();
      if (text === undefined) return undefined;
      const number = Number(text);
      if (!Number.isInteger(number) || number < 1 || number > 65534) {
        errors.push(`bad port number '${text}' for ${raw}`);
        return undefined;
      }
      return number;
    };
    if (flag.startsWith('@') && flag.length > 1) {
      args.avd = flag.slice(1);
      continue;
    }
    switch (flag) {
      case '-avd': args.avd = value(); break;
      case '-port': {
        const number = port();
        if (number !== undefined) args.port = number;
        break;
      }
      case '-ports': {
        const [consoleText, adbText] = (value() ?? '').split(',');
        const consolePort = Number(consoleText);
        const adbPort = Number(adbText);
        if (Number.isInteger(consolePort) && Number.isInteger(adbPort) && consolePort > 0 && adbPort > 0) {
          args.port = consolePort;
          args.adbPort = adbPort;
        } else errors.push('-ports needs <console>,<adb>');
        break;
      }
      case '-adb-connect-port': args.adbConnectPort = port(); break;
      case '-no-window': args.noWindow = true; break;
      case '-no-snapshot-save': args.noSnapshotSave = true; break;
      case '-no-snapshot-load': args.noSnapshotLoad = true; break;
      case '-no-snapshot': args.noSnapshotSave = true; args.noSnapshotLoad = true; break;
      case '-snapshot': args.snapshot = value(); break;
      case '-read-only': args.readOnly = true; break;
      case '-wipe-data': args.wipeData = true; break;
      case '-verbose': args.verbose = true; break;
      case '-debug': {
        args.verbose = true;
        // `-debug <tags>`: the tags are optional here, but consume them when present.
        const next = argv[index + 1];
        if (next !== undefined && !next.startsWith('-')) index += 1;
        break;
      }
      case '-list-avds': args.listAvds = true; break;
      case '-version': args.version = true; break;
      case '-help': case '-h': args.help = true; break;
      case '-qemu':
        // Everything after -qemu goes to QEMU.
        args.ignored.push(...argv.slice(index));
        index = argv.length;
        break;
      default:
        if (IGNORED_WITH_VALUE.has(flag)) {
          const ignoredValue = value();
          args.ignored.push(flag, ...(ignoredValue === undefined ? [] : [ignoredValue]));
        } else if (IGNORED_FLAGS.has(flag)) {
          args.ignored.push(flag);
        } else {
          warnings.push(`WARNING | unknown option: ${raw}`);
        }
    }
  }
  if (args.adbPort === undefined && args.port % 2 !== 0) {
    errors.push(`Invalid console port ${args.port}: the -port option must be an even number`);
  }
  return { args, warnings, errors };
}

export const USAGE = `Android Emulator usage: emulator [options] [-qemu args]
  options:
    -avd <name>                    use a specific android virtual device
    -port <port>                   TCP port that will be used for the console (adb uses port + 1)
    -ports <consoleport>,<adbport> TCP ports used for the console and adb bridge
    -no-window                     disable graphical window display
    -no-audio                      disable audio support
    -no-boot-anim                  disable animation for faster boot
    -no-snapshot-save              do not auto-save to snapshot on exit
    -no-snapshot-load              do not auto-start from snapshot: perform a full boot
    -no-snapshot                   perform a full boot and do not auto-save
    -snapshot <name>               name of snapshot within storage file for auto-start and auto-save
    -read-only                     allow running multiple instances of the same AVD (no snapshot save)
    -wipe-data                     reset the user data image
    -list-avds                     list available AVDs
    -verbose / -debug <tags>       log protocol activity to stderr
    -adb-connect-port <port>       (virtual emulator) serve adb for 'adb connect 127.0.0.1:<port>'
                                   instead of registering as emulator-<port>
    -gpu, -accel, -memory, -netdelay, -netspeed, …  accepted and ignored
`;
