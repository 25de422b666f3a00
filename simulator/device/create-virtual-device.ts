/**
 * `createVirtualDevice({ profile, serial })`: the Android model every part of the simulator talks
 * to. It boots like an emulator (properties flip to booted within a few hundred ms), keeps all state
 * JSON-serialisable for console snapshots, and runs shell command lines through simulator/shell.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Duplex } from 'node:stream';
import { attachAppRuntime, type AppRuntime } from '../apps/index.ts';
import { runShellCommandLine } from '../shell/index.ts';
import { createDeviceUi } from '../ui/index.ts';
import type { SimulatedDeviceUi } from '../ui/index.ts';
import type { AndroidModel, DeviceEvents, RunningInstrumentation } from './android-model.ts';
import type {
  DeviceProfile, DeviceTcpHandler, InstallOptions, InstallResult, LogEntry, ShellIo,
} from './contracts.ts';
import { BOOT_COMPLETED_PROPERTIES, createDefaultProperties, kernelRelease } from './default-properties.ts';
import { bootLogLines } from './boot-log.ts';
import { syncBoundServices } from './bound-services.ts';
import { seedFilesystem } from './default-filesystem.ts';
import { createDefaultSettings, type SettingsNamespace, type SettingsTables } from './default-settings.ts';
import { assertDeviceState, blobBytes, DEVICE_STATE_FORMAT, type DeviceStateJson } from './device-state.ts';
import { createEmptyPolicy, type DevicePolicyJson } from './device-policy.ts';
import { BUSY_SHELL_DELAY_MS, FirstBootWork } from './first-boot-work.ts';
import { LogBuffer } from './log-buffer.ts';
import { NotificationCenter } from './notification-center.ts';
import { gateNotification } from './notification-permission.ts';
import { installPackage } from './package-manager.ts';
import { PackageRegistry } from './package-registry.ts';
import { ProcessTable } from './process-table.ts';
import { createSystemPackages, systemApkPath } from './system-packages.ts';
import { TcpPorts } from './tcp-ports.ts';
import { createUiHost } from './ui-host.ts';
import { MemoryFs } from './virtual-fs.ts';

export interface CreateVirtualDeviceOptions {
  profile: DeviceProfile;
  /** The adb serial the host will see, e.g. `emulator-5554`. */
  serial: string;
  /**
   * The device clock in ms since the epoch.
   * @default Date.now
   */
  now?: () => number;
  /**
   * How long the boot takes before `sys.boot_completed=1`.
   * @default 300
   */
  bootDelayMs?: number;
}

/** Build time of the system image (system packages' install time). */
const IMAGE_BUILD_TIME_MS = Date.UTC(2023, 8, 14, 17, 31, 42);

export function createVirtualDevice(options: CreateVirtualDeviceOptions): VirtualAndroidDevice {
  return new VirtualAndroidDevice(options);
}

export class VirtualAndroidDevice implements AndroidModel {
  readonly profile: DeviceProfile;
  readonly serial: string;
  readonly fs: MemoryFs;
  readonly ui: SimulatedDeviceUi;
  readonly packages: PackageRegistry;
  readonly processes: ProcessTable;
  readonly notifications: NotificationCenter;
  readonly events = new EventEmitter<DeviceEvents>();
  readonly instrumentations = new Map<string, RunningInstrumentation>();
  policy: DevicePolicyJson = createEmptyPolicy();
  readonly firstBootWork: FirstBootWork;

  #now: () => number;
  #props: Record<string, string>;
  #settings: SettingsTables;
  #blobs = new Map<string, Buffer>();
  #log = new LogBuffer();
  #tcp = new TcpPorts();
  #bootTimer: NodeJS.Timeout | undefined;
  #apps: AppRuntime;

  constructor(options: CreateVirtualDeviceOptions) {
    this.profile = options.profile;
    this.serial = options.serial;
    this.#now = options.now ?? Date.now;
    // Wall time, not the model's clock: the work is real time the phone spends.
    this.firstBootWork = new FirstBootWork();
    this.#props = createDefaultProperties(this.profile);
    this.#settings = createDefaultSettings(this.profile);
    this.fs = new MemoryFs(this, this.#now);
    seedFilesystem(this.fs, kernelRelease(this.profile.apiLevel));
    this.packages = new PackageRegistry(this.profile.apiLevel);
    for (const record of createSystemPackages(this.profile, IMAGE_BUILD_TIME_MS)) {
      this.packages.put(record);
      this.fs.writePlaceholder(systemApkPath(record), 4_000_000 + record.uid * 37, 0o644);
    }
    this.processes = new ProcessTable(this.#now);
    this.processes.boot();
    this.notifications = new NotificationCenter(this.#now, (packageName, id, tag) => this.processes.claimForegroundNotification(packageName, id, tag),
      (packageName, uid) => gateNotification(this.profile.apiLevel, this.packages.get(packageName), uid,
        (owner) => this.events.emit('notificationChannelCreated', { packageName: owner })));
    this.ui = createDeviceUi(createUiHost(this));
    // Apps whose APK carries a behaviour file come alive (simulator/apps).
    this.#apps = attachAppRuntime(this);
    this.#logBoot();
    // Not unref'd: a script that awaits the boot must not exit before it; shutdown() clears it.
    this.#bootTimer = setTimeout(() => this.#completeBoot(), options.bootDelayMs ?? 300);
  }

  now(): number {
    return this.#now();
  }

  /** Virtual apps (behaviour files); fault injection reaches them through here. */
  get apps(): AppRuntime {
    return this.#apps;
  }

  // ── properties and settings ─────────────────────────────────────────────────────────────────
  getProp(name: string): string | undefined {
    return this.#props[name];
  }

  setProp(name: string, value: string): void {
    if (value === '') delete this.#props[name];
    else this.#props[name] = value;
  }

  listProps(): Array<[string, string]> {
    return Object.entries(this.#props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  getSetting(namespace: SettingsNamespace, key: string): string | undefined {
    return this.#settings[namespace][key];
  }

  putSetting(namespace: SettingsNamespace, key: string, value: string): void {
    this.#settings[namespace][key] = value;
    if (namespace === 'secure') syncBoundServices(this, key);
  }

  deleteSetting(namespace: SettingsNamespace, key: string): boolean {
    const existed = key in this.#settings[namespace];
    delete this.#settings[namespace][key];
    if (namespace === 'secure') syncBoundServices(this, key);
    return existed;
  }

  listSettings(namespace: SettingsNamespace): Array<[string, string]> {
    return Object.entries(this.#settings[namespace]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  // ── blobs (installed APK bytes) ─────────────────────────────────────────────────────────────
  getBlob(sha256: string): Buffer | undefined {
    return this.#blobs.get(sha256);
  }

  putBlob(sha256: string, data: Buffer): void {
    this.#blobs.set(sha256, data);
  }

  dropUnreferencedBlobs(): void {
    const used = this.fs.referencedBlobs();
    for (const sha of this.#blobs.keys()) if (!used.has(sha)) this.#blobs.delete(sha);
  }

  // ── the VirtualDevice contract ──────────────────────────────────────────────────────────────
  async runShell(commandLine: string, io: ShellIo): Promise<number> {
    // A phone still doing its first-boot work answers more slowly.
    if (this.firstBootWork.remainingMs() > 0) await delay(BUSY_SHELL_DELAY_MS);
    return runShellCommandLine(this, commandLine, io);
  }

  beginFirstBootWork(): void {
    this.firstBootWork.begin();
  }

  installApk(apk: Buffer, options: InstallOptions): Promise<InstallResult> {
    return installPackage(this, apk, options);
  }

  connectTcp(port: number): Duplex | undefined {
    return this.#tcp.connect(port);
  }

  listenTcp(port: number, handler: DeviceTcpHandler): () => void {
    return this.#tcp.listen(port, handler);
  }

  log(entry: Omit<LogEntry, 'time'> & { time?: number }): void {
    this.#log.append({ ...entry, time: entry.time ?? this.#now() });
  }

  logSystem(tag: string, message: string, priority: LogEntry['priority'] = 'I', pid?: number): void {
    const systemPid = pid ?? this.processes.list().find((entry) => entry.name === 'system_server')?.pid ?? 520;
    this.log({ buffer: 'system', pid: systemPid, tid: systemPid + 17 + (tag.length % 40), priority, tag, message });
  }

  readLog(): readonly LogEntry[] {
    return this.#log.entries();
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    return this.#log.subscribe(listener);
  }

  clearLog(): void {
    this.#log.clear();
  }

  saveState(): DeviceStateJson {
    return {
      format: DEVICE_STATE_FORMAT,
      avdName: this.profile.avdName,
      props: { ...this.#props },
      settings: structuredClone(this.#settings),
      registry: this.packages.toJSON(),
      // Bytes, not base64: the snapshot store writes Buffers as binary blob files and reads them back
      // as Buffers, so neither save nor restore spends CPU on base64 (or on multi-MB strings).
      blobs: Object.fromEntries([...this.#blobs.entries()].map(([sha, data]) => [sha, Buffer.from(data)])),
      processes: this.processes.toJSON(),
      notifications: this.notifications.toJSON(),
      policy: structuredClone(this.policy),
      fs: this.fs.toJSON(),
      log: this.#log.toJSON(),
      ui: this.ui.saveState(),
      firstBootWorkMs: this.firstBootWork.toJSON(),
    };
  }

  loadState(state: unknown): void {
    assertDeviceState(state, this.profile.avdName);
    for (const running of [...this.instrumentations.values()]) void running.stop();
    this.instrumentations.clear();
    clearTimeout(this.#bootTimer);
    this.#props = { ...state.props };
    this.#settings = structuredClone(state.settings);
    this.packages.load(state.registry);
    this.#blobs = new Map(Object.entries(state.blobs).map(([sha, data]) => [sha, blobBytes(data)]));
    this.processes.load(state.processes);
    this.notifications.load(state.notifications);
    // The contract: restoring stops running apps. Their processes, services and foreground
    // notifications go; persistent system processes stay, as after a restart of the apps.
    const running = new Set(this.processes.list().map((entry) => entry.packageName).filter((name) => name !== undefined));
    for (const packageName of running) {
      if (this.packages.get(packageName)?.system === false) {
        this.processes.killPackage(packageName);
        this.notifications.cancelPackage(packageName);
      }
    }
    this.policy = structuredClone(state.policy);
    this.fs.load(state.fs);
    this.#log.load(state.log);
    this.ui.loadState(state.ui);
    this.firstBootWork.load(state.firstBootWorkMs);
    this.events.emit('stateLoaded');
  }

  async shutdown(): Promise<void> {
    clearTimeout(this.#bootTimer);
    this.#apps.detach();
    await Promise.all([...this.instrumentations.values()].map((running) => running.stop()));
    this.instrumentations.clear();
    this.#tcp.closeAll();
    this.events.removeAllListeners();
  }

  #logBoot(): void {
    // Spread over the last seconds before "now", as a boot's log is.
    const lines = bootLogLines(this.processes.list(), this.packages.all());
    const start = this.#now() - lines.length * 37;
    lines.forEach((line, index) => this.log({ ...line, time: start + index * 37 }));
  }

  #completeBoot(): void {
    for (const [name, value] of Object.entries(BOOT_COMPLETED_PROPERTIES)) this.#props[name] = value;
    this.logSystem('ActivityManager', 'Finished processing BOOT_COMPLETED for u0');
    this.logSystem('WindowManager', 'Boot is finished');
    this.events.emit('bootCompleted');
  }
}
