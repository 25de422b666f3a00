import { Duplex, PassThrough } from 'node:stream';
import type {
  DeviceProfile, DeviceTcpHandler, FileStat, InstallOptions, InstallResult, LogEntry, ShellIo, VirtualDevice, VirtualFs,
} from '../../simulator/device/contracts.ts';
import type { DeviceUi } from '../../simulator/ui/contracts.ts';

/**
 * A small real implementation of the VirtualDevice contract for transport tests that must not
 * depend on the Android model: a map file system, a handful of shell commands (echo, printf-free
 * `echoerr`, cat, exit, getprop, sleep-until-closed `logcat`, setprop), installs that record the bytes.
 */
export class TestDevice implements VirtualDevice {
  readonly profile: DeviceProfile;
  readonly serial: string;
  readonly fs = new MapFs();
  readonly installs: Array<{ apk: Buffer; options: InstallOptions }> = [];
  readonly props = new Map<string, string>([['sys.boot_completed', '1']]);
  #log: LogEntry[] = [];
  #logListeners = new Set<(entry: LogEntry) => void>();
  #tcp = new Map<number, DeviceTcpHandler>();

  constructor(profile: DeviceProfile, serial: string) {
    this.profile = profile;
    this.serial = serial;
    this.props.set('ro.build.version.sdk', String(profile.apiLevel));
    this.props.set('ro.product.model', profile.model);
  }

  get ui(): DeviceUi {
    throw new Error('the transport test device has no screen');
  }

  async runShell(commandLine: string, io: ShellIo): Promise<number> {
    // adb logcat sends `export ANDROID_LOG_TAGS="''"; exec logcat …`: run the last command of a list.
    const last = commandLine.split(';').at(-1) ?? '';
    const [command = '', ...args] = last.trim().replace(/^exec\s+/, '').split(/\s+/);
    switch (command) {
      case 'echo':
        io.stdout(`${args.join(' ')}\n`);
        return 0;
      case 'echoerr':
        io.stderr(`${args.join(' ')}\n`);
        return 0;
      case 'exit':
        return Number(args[0] ?? 0);
      case 'getprop':
        io.stdout(`${this.props.get(args[0] ?? '') ?? ''}\n`);
        return 0;
      case 'setprop':
        this.props.set(args[0] ?? '', args[1] ?? '');
        return 0;
      case 'cat': {
        let total = 0;
        for await (const chunk of io.stdin) {
          total += chunk.length;
          io.stdout(chunk);
        }
        return total > 0 ? 0 : 0;
      }
      case 'logcat': {
        for (const entry of this.#log) io.stdout(`${entry.tag}: ${entry.message}\n`);
        const unsubscribe = this.onLog((entry) => io.stdout(`${entry.tag}: ${entry.message}\n`));
        await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
        unsubscribe();
        return 0;
      }
      default:
        io.stderr(`/system/bin/sh: ${command}: inaccessible or not found\n`);
        return 127;
    }
  }

  async installApk(apk: Buffer, options: InstallOptions): Promise<InstallResult> {
    if (apk.subarray(0, 2).toString('latin1') !== 'PK') {
      return { ok: false, code: 'INSTALL_FAILED_INVALID_APK', message: 'not a zip file' };
    }
    this.installs.push({ apk, options });
    return { ok: true, packageName: `test.apk${this.installs.length}` };
  }

  connectTcp(port: number): Duplex | undefined {
    const handler = this.#tcp.get(port);
    if (!handler) return undefined;
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    handler(Duplex.from({ readable: toServer, writable: toClient }));
    return Duplex.from({ readable: toClient, writable: toServer });
  }

  listenTcp(port: number, handler: DeviceTcpHandler): () => void {
    this.#tcp.set(port, handler);
    return () => this.#tcp.delete(port);
  }

  log(entry: Omit<LogEntry, 'time'> & { time?: number }): void {
    const full: LogEntry = { ...entry, time: entry.time ?? Date.now() };
    this.#log.push(full);
    for (const listener of this.#logListeners) listener(full);
  }

  readLog(): readonly LogEntry[] {
    return this.#log;
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    this.#logListeners.add(listener);
    return () => this.#logListeners.delete(listener);
  }

  /** Live log subscriptions (a running `logcat` holds one). */
  get logListenerCount(): number {
    return this.#logListeners.size;
  }

  clearLog(): void {
    this.#log = [];
  }

  saveState(): unknown {
    return { props: Object.fromEntries(this.props), files: this.fs.save() };
  }

  loadState(state: unknown): void {
    const saved = state as { props: Record<string, string>; files: Record<string, { mode: number; mtime: number; data?: Buffer }> };
    this.props.clear();
    for (const [key, value] of Object.entries(saved.props)) this.props.set(key, value);
    this.fs.load(saved.files);
  }

  async shutdown(): Promise<void> {
    this.#tcp.clear();
  }
}

class MapFs implements VirtualFs {
  #nodes = new Map<string, { mode: number; mtime: number; data?: Buffer }>([
    ['/', { mode: 0o040755, mtime: 0 }],
  ]);

  stat(path: string): FileStat | undefined {
    const node = this.#nodes.get(normalize(path));
    return node ? { mode: node.mode, size: node.data?.length ?? 4096, mtime: node.mtime } : undefined;
  }

  list(path: string): string[] | undefined {
    const dir = normalize(path);
    const node = this.#nodes.get(dir);
    if (!node || node.data) return undefined;
    const prefix = dir === '/' ? '/' : `${dir}/`;
    return [...this.#nodes.keys()].filter((key) => key.startsWith(prefix) && key !== dir && !key.slice(prefix.length).includes('/')).map((key) => key.slice(prefix.length));
  }

  read(path: string): Buffer | undefined {
    return this.#nodes.get(normalize(path))?.data;
  }

  write(path: string, data: Buffer, mode = 0o100644, mtime = Math.floor(Date.now() / 1000)): void {
    const file = normalize(path);
    this.mkdir(file.slice(0, file.lastIndexOf('/')) || '/');
    this.#nodes.set(file, { mode: 0o100000 | (mode & 0o7777), mtime, data: Buffer.from(data) });
  }

  mkdir(path: string): void {
    let current = '';
    for (const part of normalize(path).split('/').filter(Boolean)) {
      current += `/${part}`;
      if (!this.#nodes.has(current)) this.#nodes.set(current, { mode: 0o040755, mtime: Math.floor(Date.now() / 1000) });
    }
  }

  remove(path: string): boolean {
    return this.#nodes.delete(normalize(path));
  }

  save(): Record<string, { mode: number; mtime: number; data?: Buffer }> {
    return Object.fromEntries(this.#nodes);
  }

  load(files: Record<string, { mode: number; mtime: number; data?: Buffer }>): void {
    this.#nodes = new Map(Object.entries(files));
  }
}

function normalize(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return `/${parts.join('/')}`;
}

/** A profile for transport tests. */
export const TEST_PROFILE: DeviceProfile = {
  avdName: 'stalkerbench_test',
  apiLevel: 33,
  release: '13',
  manufacturer: 'Google',
  model: 'sdk_gphone64_x86_64',
  device: 'emu64x',
  screenWidth: 1080,
  screenHeight: 2400,
  density: 420,
};
