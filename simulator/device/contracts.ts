/**
 * The seams between the simulator's parts, so that each can be built and tested on its own:
 *
 *   adb/ (transport, services)  ──►  VirtualDevice  ◄──  console/ (snapshots, kill, faults)
 *                                        │
 *                 shell/ (sh + commands) ┤ device/ (state: props, settings, packages, fs, logcat…)
 *                                        │
 *                 ui/ (screens, system UI, layout, PNG)  ◄──  uiautomator2/ (HTTP server on :6790)
 *
 * `adb/` knows nothing of Android; it turns adb services into calls on VirtualDevice.
 */
import type { Duplex } from 'node:stream';
import type { DeviceUi } from '../ui/contracts.ts';

/** I/O of one shell command run over `shell,v2,…:<cmd>`, `shell:<cmd>` or `exec:<cmd>`. */
export interface ShellIo {
  /** Bytes the host sends on stdin (install via `exec:cmd package install -S <size>` streams the APK here). */
  stdin: AsyncIterable<Buffer>;
  stdout(chunk: string | Buffer): void;
  stderr(chunk: string | Buffer): void;
  /** Aborted when the host closes the stream (e.g. Ctrl+C on `adb logcat`, Appium ending instrumentation). */
  signal: AbortSignal;
}

/** A stat result for the sync protocol (`STAT`, `STA2`, `LST2`). */
export interface FileStat {
  /** POSIX mode with type bits (0o100644 regular file, 0o040755 directory, 0o120777 link). */
  mode: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

/** The device's file system as the sync service and the shell see it. Paths are absolute. */
export interface VirtualFs {
  stat(path: string): FileStat | undefined;
  /** Entries of a directory (names only, no '.' or '..'), or undefined when not a directory. */
  list(path: string): string[] | undefined;
  read(path: string): Buffer | undefined;
  /** Creates parent directories as needed (adb's `fixed_push_mkdir` feature). */
  write(path: string, data: Buffer, mode?: number, mtime?: number): void;
  mkdir(path: string): void;
  remove(path: string, options?: { recursive?: boolean }): boolean;
}

export interface InstallOptions {
  /** -r: replace an existing package. */
  replace: boolean;
  /** -g: grant all runtime permissions. */
  grantRuntimePermissions: boolean;
  /** -d: allow a version downgrade. */
  allowDowngrade: boolean;
  /** -t: allow test packages. */
  allowTest: boolean;
}

/** The result of an install, formatted by callers as Android does: `Success` or `Failure [CODE: message]`. */
export type InstallResult = { ok: true; packageName: string } | { ok: false; code: string; message: string };

/** A server listening on a device-side TCP port (what `adb forward tcp:X tcp:<port>` reaches). */
export type DeviceTcpHandler = (stream: Duplex) => void;

/** One logcat entry; formatted by the `logcat` command (`-v threadtime` and brief). */
/** logd's buffers (`logcat -b`): apps log to main, system_server to system, uncaught exceptions to crash, EventLog to events. */
export type LogBufferId = 'main' | 'system' | 'crash' | 'events' | 'radio';

export interface LogEntry {
  /** The buffer it went to; when absent, system for init and early daemons (pid < 600), else main. */
  buffer?: LogBufferId;
  /** ms since the epoch */
  time: number;
  pid: number;
  tid: number;
  priority: 'V' | 'D' | 'I' | 'W' | 'E' | 'F';
  tag: string;
  message: string;
}

/** The static profile a virtual device boots with, read from the AVD's config.ini. */
export interface DeviceProfile {
  avdName: string;
  apiLevel: number;
  /** ro.build.version.release, e.g. "13" */
  release: string;
  manufacturer: string;
  model: string;
  /** ro.product.device / ro.product.name */
  device: string;
  screenWidth: number;
  screenHeight: number;
  /** dpi, e.g. 420 */
  density: number;
  /**
   * The system image's tag (config.ini `tag.id`): `google_apis` images are userdebug builds
   * (ro.debuggable=1, `adb root` works), `google_apis_playstore` images are user builds.
   * @default 'google_apis'
   */
  imageTag?: string;
}

/** The Android model: the one object every part of the simulator talks to. */
export interface VirtualDevice {
  readonly profile: DeviceProfile;
  /** The adb serial the host sees, e.g. `emulator-5554` or `127.0.0.1:6555`. */
  readonly serial: string;
  readonly fs: VirtualFs;
  /** What is on screen; UiAutomator2 and `input`/`screencap`/`uiautomator dump` go through it. */
  readonly ui: DeviceUi;

  /** Runs one command line in the device shell (`/system/bin/sh -c`); resolves to the exit status. */
  runShell(commandLine: string, io: ShellIo): Promise<number>;

  /** Installs an APK from its bytes (all three adb install paths end here). */
  installApk(apk: Buffer, options: InstallOptions): Promise<InstallResult>;

  /** Opens a connection to a device-side TCP server, or returns undefined when nothing listens there. */
  connectTcp(port: number): Duplex | undefined;
  /** Starts listening on a device-side TCP port; returns a function that stops listening. */
  listenTcp(port: number, handler: DeviceTcpHandler): () => void;

  /** Appends to the log buffer (apps, system services, the simulator itself). */
  log(entry: Omit<LogEntry, 'time'> & { time?: number }): void;
  /** Current log buffer contents and a subscription to new entries (returns unsubscribe). */
  readLog(): readonly LogEntry[];
  onLog(listener: (entry: LogEntry) => void): () => void;
  clearLog(): void;

  /** A boot with wiped data: the image's first-boot work starts (device/first-boot-work.ts). */
  beginFirstBootWork?(): void;

  /** Whole-device state as a JSON-serialisable value, for console snapshots. */
  saveState(): unknown;
  /** Restores a value produced by saveState(); running instrumentation and apps are stopped. */
  loadState(state: unknown): void;

  /** Stops background work (timers, servers); called when the emulator process exits. */
  shutdown(): Promise<void>;
}

/** The UiAutomator2 server's lifecycle, owned by `am instrument` (see uiautomator2/index.ts). */
export interface InstrumentationOptions {
  /** `-e DISABLE_SUPPRESS_ACCESSIBILITY_SERVICES true` */
  disableSuppressAccessibilityServices: boolean;
}
