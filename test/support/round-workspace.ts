import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { REPO_ROOT, writeVirtualSdk, type VirtualSdk } from '../../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './test-home.ts';

/** The device setting that zeroes every delay of the virtual apps (simulator/apps/app-delays.ts). */
export const FAST_APPS_SETTING = 'stalkerbench_fast_apps';

export interface RoundWorkspaceOptions {
  /** Round id and file name. @default 'test' */
  id?: string;
  /** Product ids from scenarios/products. @default the demo round's */
  products?: readonly string[];
  /** Sample ids from the demo catalogue. @default all */
  samples?: readonly string[] | 'all';
  /** @default the demo round's */
  modes?: ReadonlyArray<'on-demand' | 'real-time' | 'false-positive'>;
  /** Emulator instances of the pixel-api33 profile; the round's concurrency follows. @default 2 */
  instances?: number;
  /** Put `stalkerbench_fast_apps=1` into the clean snapshot (the products' own delays become zero). @default true */
  fastApps?: boolean;
  /**
   * Keep the demo round's `appDelayScale` (0.1: the virtual apps' delays and the watch budgets at a
   * tenth, as `npm run demo` runs). @default false: the apps' real delays, or zero with fastApps
   */
  demoDelayScale?: boolean;
  /** Overrides every product's `expectedDelays` (the harness's watch budgets). */
  expectedDelays?: Partial<Record<'firstStartMs' | 'updateMs' | 'scanMs' | 'realTimeAlertMs', number>>;
  /** Fields merged into the round (e.g. `{ retries: { infra: 1 } }`). */
  round?: Record<string, unknown>;
  /** Sets STALKERBENCH_PORT_BASE for the runner, so parallel test files never race for ports. */
  portBase: number;
}

/**
 * A private copy of the demo scenarios (products, catalogue, APKs, device profiles) with its own
 * round file and output folder, a temp HOME with this workspace's own AVDs (snapshots never meet
 * another test's), and the environment to run `stalkerbench run` in it.
 */
export interface RoundWorkspace {
  dir: string;
  roundFile: string;
  outputDir: string;
  home: TestHome;
  sdk: VirtualSdk;
  /** For runCommand's io.env or a child process: HOME, TMPDIR, ANDROID_*, STALKERBENCH_PORT_BASE, CI. */
  env: Record<string, string>;
  /** Rewrites one copied file (e.g. a catalogue pin), relative to the workspace. */
  edit(relativePath: string, change: (text: string) => string): Promise<void>;
  remove(): Promise<void>;
}

export async function createRoundWorkspace(options: RoundWorkspaceOptions): Promise<RoundWorkspace> {
  const home = await createTestHome();
  const dir = join(home.home, 'workspace');
  const id = options.id ?? 'test';
  for (const folder of ['scenarios/products', 'scenarios/samples', 'scenarios/apks', 'emulator-configs']) {
    await mkdir(join(dir, folder), { recursive: true });
    await cp(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  }
  await mkdir(join(dir, 'scenarios/rounds'), { recursive: true });

  const instances = options.instances ?? 2;
  await patchYaml(join(dir, 'emulator-configs/pixel-api33.yaml'), { instances });
  if (options.expectedDelays) {
    for (const file of await readdir(join(dir, 'scenarios/products'))) {
      const path = join(dir, 'scenarios/products', file);
      const text = await readFile(path, 'utf8');
      const document = parseDocument(text);
      for (const [key, value] of Object.entries(options.expectedDelays)) document.setIn(['expectedDelays', key], value);
      await writeFile(path, document.toString());
    }
  }

  const demo = parseDocument(await readFile(join(REPO_ROOT, 'scenarios/rounds/demo.yaml'), 'utf8'));
  demo.set('id', id);
  demo.set('title', `Test round ${id}`);
  if (options.products) demo.set('products', [...options.products]);
  if (options.samples && options.samples !== 'all') demo.setIn(['samples', 0, 'select'], [...options.samples]);
  if (options.modes) demo.set('modes', [...options.modes]);
  // The profile's patched count, not a count the shipped demo may set for itself ({ profile, instances }).
  demo.set('devices', ['pixel-api33']);
  demo.set('concurrency', instances);
  if (options.fastApps ?? true) demo.set('deviceSettings', { global: { [FAST_APPS_SETTING]: '1' } });
  // Real delays (zero with fastApps), unless the test runs the demo's delays as `npm run demo` does.
  if (!(options.demoDelayScale ?? false)) demo.delete('appDelayScale');
  for (const [key, value] of Object.entries(options.round ?? {})) demo.set(key, value);
  demo.set('output', { dir: `../../out/${id}` });
  const roundFile = join(dir, 'scenarios/rounds', `${id}.yaml`);
  await writeFile(roundFile, demo.toString());

  const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home.home,
    TMPDIR: home.tmp,
    ANDROID_HOME: sdk.androidHome,
    ANDROID_AVD_HOME: sdk.avdHome,
    STALKERBENCH_PORT_BASE: String(options.portBase),
    CI: '1',
  };
  return {
    dir,
    roundFile,
    outputDir: join(dir, 'out', id),
    home,
    sdk,
    env,
    async edit(relativePath, change) {
      const path = join(dir, relativePath);
      await writeFile(path, change(await readFile(path, 'utf8')));
    },
    remove: () => home.remove(),
  };
}

async function patchYaml(file: string, fields: Record<string, unknown>): Promise<void> {
  const document = parseDocument(await readFile(file, 'utf8'));
  for (const [key, value] of Object.entries(fields)) document.set(key, value);
  await writeFile(file, document.toString());
}

export interface ProcessInfo {
  pid: number;
  argv: string[];
  env: Map<string, string>;
}

/** Every process of this user whose command line and environment can be read (Linux /proc). */
export async function listProcesses(): Promise<ProcessInfo[]> {
  const processes: ProcessInfo[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').filter((part) => part !== '');
      const env = new Map<string, string>();
      for (const pair of (await readFile(`/proc/${entry}/environ`, 'utf8')).split('\0')) {
        const index = pair.indexOf('=');
        if (index > 0) env.set(pair.slice(0, index), pair.slice(index + 1));
      }
      processes.push({ pid: Number(entry), argv, env });
    } catch {
      // Gone between readdir and read, or not ours to read.
    }
  }
  return processes;
}

/**
 * Processes a run in this workspace started: the runner gives them the round's own HOME, created
 * under the workspace's TMPDIR, and the workspace's AVD folder (emulators, Appium, the adb server).
 */
export async function findRoundProcesses(workspace: Pick<RoundWorkspace, 'home'>): Promise<ProcessInfo[]> {
  return (await listProcesses()).filter((info) => info.pid !== process.pid
    && ((info.env.get('HOME') ?? '').startsWith(`${workspace.home.tmp}/`) || info.env.get('ANDROID_AVD_HOME') === workspace.home.avdHome));
}

/** SIGKILLs what a killed run left behind (orphaned emulators, Appium, adb server), by pid. */
export async function killRoundProcesses(workspace: Pick<RoundWorkspace, 'home'>): Promise<number[]> {
  const pids = (await findRoundProcesses(workspace)).map((info) => info.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids;
}
