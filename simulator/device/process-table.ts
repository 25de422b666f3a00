/**
 * Processes and running services. Native daemons and the persistent system apps exist from boot;
 * an app process appears when one of its activities, services or its instrumentation starts, and
 * goes away with `am force-stop`/`am kill`. Pids only grow, as on Linux.
 */

export interface ProcessEntry {
  pid: number;
  ppid: number;
  uid: number;
  /** What `ps` shows in NAME: the package for app processes, the binary for daemons. */
  name: string;
  /** The owning package for app processes. */
  packageName: string | undefined;
  vsz: number;
  rss: number;
  wchan: string;
  state: 'S' | 'R';
  startTime: number;
}

export interface ServiceEntry {
  packageName: string;
  /** Fully qualified class name. */
  className: string;
  isForeground: boolean;
  /** Notification id of the foreground service, 0 when none. */
  foregroundId: number;
  createTime: number;
  pid: number;
}

export interface ProcessTableJson {
  processes: ProcessEntry[];
  services: ServiceEntry[];
  nextPid: number;
}

/** [name, uid, parent] of the daemons an emulator runs from boot. Parent 0 = kernel, 1 = init. */
const NATIVE_PROCESSES: ReadonlyArray<[string, number, number]> = [
  ['init', 0, 0], ['[kthreadd]', 0, 0], ['[ksoftirqd/0]', 0, 2], ['[kworker/0:0H]', 0, 2],
  ['ueventd', 0, 1], ['logd', 1036, 1], ['lmkd', 1069, 1], ['servicemanager', 1000, 1],
  ['hwservicemanager', 1000, 1], ['vold', 0, 1], ['netd', 0, 1], ['zygote64', 0, 1], ['zygote', 0, 1],
  ['android.hardware.audio.service', 1041, 1], ['surfaceflinger', 1000, 1], ['audioserver', 1041, 1],
  ['cameraserver', 1047, 1], ['keystore2', 1017, 1], ['statsd', 1066, 1], ['adbd', 2000, 1],
  ['installd', 0, 1], ['mediaserver', 1013, 1], ['gpuservice', 1000, 1], ['logcat', 1036, 1],
];

/** Persistent app processes started by system_server at boot: [name, uid, package]. */
const SYSTEM_APP_PROCESSES: ReadonlyArray<[string, number, string | undefined]> = [
  ['system_server', 1000, undefined],
  ['com.android.systemui', 10_090, 'com.android.systemui'],
  ['com.android.phone', 1001, 'com.android.phone'],
  ['com.android.inputmethod.latin', 10_100, 'com.android.inputmethod.latin'],
  ['com.android.launcher3', 10_098, 'com.android.launcher3'],
  ['com.google.android.gms.persistent', 10_114, 'com.google.android.gms'],
  ['android.process.acore', 10_064, 'com.android.providers.contacts'],
  ['com.android.bluetooth', 1002, 'com.android.bluetooth'],
];

const PID_MAX = 32_768;
const FIRST_WRAPPED_PID = 1_000;

export class ProcessTable {
  #processes: ProcessEntry[] = [];
  #services: ServiceEntry[] = [];
  #nextPid = 1;
  #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The processes of a freshly booted device. */
  boot(): void {
    this.#processes = [];
    this.#services = [];
    this.#nextPid = 1;
    const pidOf = new Map<string, number>();
    for (const [name, uid, parent] of NATIVE_PROCESSES) {
      // Early daemons get pids after the kernel threads, the zygotes a little later, as in a real boot.
      if (name === 'ueventd') this.#nextPid = 148;
      if (name === 'zygote64') this.#nextPid = 312;
      if (name === 'android.hardware.audio.service') this.#nextPid = 331;
      const ppid = parent === 0 || parent === 1 ? parent : (pidOf.get('[kthreadd]') ?? 2);
      const kernelThread = name.startsWith('[');
      const entry = this.#spawn(name, uid, ppid, undefined, kernelThread ? 0 : undefined);
      pidOf.set(name, entry.pid);
    }
    this.#nextPid = 520;
    for (const [name, uid, packageName] of SYSTEM_APP_PROCESSES) this.#spawn(name, uid, this.zygotePid(), packageName);
    this.#nextPid = 1_800;
  }

  zygotePid(): number {
    return this.#processes.find((entry) => entry.name === 'zygote64')?.pid ?? 300;
  }

  list(): readonly ProcessEntry[] {
    return this.#processes;
  }

  services(): readonly ServiceEntry[] {
    return this.#services;
  }

  byPackage(packageName: string): ProcessEntry | undefined {
    return this.#processes.find((entry) => entry.packageName === packageName && entry.name === packageName)
      ?? this.#processes.find((entry) => entry.packageName === packageName);
  }

  byPid(pid: number): ProcessEntry | undefined {
    return this.#processes.find((entry) => entry.pid === pid);
  }

  /** Starts the package's main process if not running; returns it and whether it was started now. */
  ensureAppProcess(packageName: string, uid: number, processName = packageName): { entry: ProcessEntry; started: boolean } {
    const existing = this.#processes.find((entry) => entry.name === processName);
    if (existing !== undefined) return { entry: existing, started: false };
    return { entry: this.#spawn(processName, uid, this.zygotePid(), packageName), started: true };
  }

  /** A short-lived process (the shell, a command it runs); remove it with `exit`. */
  spawnTransient(name: string, uid: number, ppid: number): ProcessEntry {
    const entry = this.#spawn(name, uid, ppid, undefined);
    entry.rss = 3_000 + (entry.pid % 900);
    entry.vsz = 10_800_000 + entry.pid;
    return entry;
  }

  exit(pid: number): void {
    this.#processes = this.#processes.filter((entry) => entry.pid !== pid);
  }

  /** Kills every process and service of a package; returns the pids that were running. */
  killPackage(packageName: string): number[] {
    const pids = this.#processes.filter((entry) => entry.packageName === packageName).map((entry) => entry.pid);
    this.#processes = this.#processes.filter((entry) => entry.packageName !== packageName);
    this.#services = this.#services.filter((service) => service.packageName !== packageName);
    return pids;
  }

  startService(service: Omit<ServiceEntry, 'createTime'>): ServiceEntry {
    const existing = this.#services.find((entry) => entry.packageName === service.packageName && entry.className === service.className);
    if (existing !== undefined) {
      existing.isForeground = existing.isForeground || service.isForeground;
      if (service.foregroundId !== 0) existing.foregroundId = service.foregroundId;
      return existing;
    }
    const entry: ServiceEntry = { ...service, createTime: this.#now() };
    this.#services.push(entry);
    return entry;
  }

  /**
   * Whether a notification the package posts (id, tag) is one of its foreground services'
   * (ActiveServices.applyForegroundServiceNotificationLocked: tag null, the service's foreground id).
   * A service started in the foreground that has no notification yet takes this one: a virtual app
   * posts its ongoing notification right after `startForegroundService`, which is its
   * `startForeground(id, notification)` (Android gives it 10 s before it fails the service).
   */
  claimForegroundNotification(packageName: string, id: number, tag: string | null): boolean {
    if (tag !== null) return false;
    const foreground = this.#services.filter((entry) => entry.packageName === packageName && entry.isForeground);
    if (foreground.some((entry) => entry.foregroundId === id)) return true;
    const waiting = foreground.find((entry) => entry.foregroundId === 0);
    if (waiting === undefined) return false;
    waiting.foregroundId = id;
    return true;
  }

  stopService(packageName: string, className: string): boolean {
    const before = this.#services.length;
    this.#services = this.#services.filter((entry) => !(entry.packageName === packageName && entry.className === className));
    return this.#services.length !== before;
  }

  toJSON(): ProcessTableJson {
    return {
      processes: this.#processes.map((entry) => ({ ...entry })),
      services: this.#services.map((entry) => ({ ...entry })),
      nextPid: this.#nextPid,
    };
  }

  load(json: ProcessTableJson): void {
    this.#processes = json.processes.map((entry) => ({ ...entry }));
    this.#services = json.services.map((entry) => ({ ...entry }));
    this.#nextPid = json.nextPid;
  }

  /** The next free pid; like Linux with pid_max 32768, numbers wrap around and skip live processes. */
  #allocatePid(): number {
    for (;;) {
      if (this.#nextPid >= PID_MAX) this.#nextPid = FIRST_WRAPPED_PID;
      const pid = this.#nextPid++;
      if (!this.#processes.some((entry) => entry.pid === pid)) return pid;
    }
  }

  #spawn(name: string, uid: number, ppid: number, packageName: string | undefined, size?: number): ProcessEntry {
    const pid = this.#allocatePid();
    const isApp = packageName !== undefined || name === 'system_server';
    const entry: ProcessEntry = {
      pid,
      ppid,
      uid,
      name,
      packageName,
      vsz: size ?? (isApp ? 13_800_000 + ((pid * 7919) % 900_000) : 10_700_000 + ((pid * 104_729) % 400_000)),
      rss: size ?? (isApp ? 90_000 + ((pid * 7919) % 90_000) : 2_500 + ((pid * 104_729) % 8_000)),
      wchan: size === 0 ? '0' : isApp ? 'do_epoll_wait' : 'do_sys_poll',
      state: 'S',
      startTime: this.#now(),
    };
    this.#processes.push(entry);
    return entry;
  }
}
