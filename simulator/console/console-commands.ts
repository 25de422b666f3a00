import type { ConsoleFault, FaultContext } from './faults.ts';
import { SnapshotStore, type SnapshotInfo } from './snapshot-store.ts';

/** What console commands act on: the running emulator. */
export interface ConsoleTarget {
  avdName: string;
  snapshots: SnapshotStore;
  /** ms the device has been running (the snapshot list's VM CLOCK). */
  uptimeMs(): number;
  saveState(): unknown;
  loadState(state: unknown): void;
  /** `kill`: shut the emulator down after the reply was sent. */
  kill(): void;
  /** `stalkerbench fault <name>`: the faults on offer and what they act on. */
  faults: readonly ConsoleFault[];
  faultContext: FaultContext;
}

export interface ConsoleReply {
  /** Lines before the status line. */
  lines: string[];
  /** `OK`, `OK: …` or `KO: …`; undefined for `quit` (the connection just closes). */
  status: string | undefined;
  after?: 'quit' | 'kill';
}

const UNKNOWN = "KO: unknown command, try 'help'";

const HELP = [
  'Android console commands:',
  '',
  '    help|h|?         Prints a list of commands',
  '    kill             Kill the emulator instance',
  '    quit|exit        quit control session',
  '    ping             Check if the emulator is alive',
  '    avd              control virtual device execution',
  '',
  "try 'help <command>' for command-specific help",
];

const HELP_UNAUTHENTICATED = [
  'Android console command help:',
  '',
  '    help|h|?         print a list of commands',
  '    auth             user authentication for the emulator console',
  '    quit|exit        quit control session',
  '',
  "try 'help <command>' for command-specific help",
];

const AVD_HELP = [
  'allows you to control (e.g. start/stop) the execution of the virtual device',
  '',
  'available sub-commands:',
  '    avd stop             stop the virtual device',
  '    avd start            start/restart the virtual device',
  '    avd status           query virtual device status',
  '    avd name             query virtual device name',
  '    avd snapshot         state snapshot commands',
  '    avd path             query AVD path',
];

/** Commands before `auth`: only help, auth and quit exist. */
export function runUnauthenticatedCommand(line: string, token: string): ConsoleReply & { authenticated?: boolean } {
  const [command = '', ...args] = line.trim().split(/\s+/);
  switch (command) {
    case 'help':
    case 'h':
    case '?':
      return { lines: HELP_UNAUTHENTICATED, status: 'OK' };
    case 'auth':
      if (args.join(' ') === token) {
        return { lines: ["Android Console: type 'help' for a list of commands"], status: 'OK', authenticated: true };
      }
      return { lines: [], status: 'KO: authentication token does not match ~/.emulator_console_auth_token' };
    case 'quit':
    case 'exit':
      return { lines: [], status: undefined, after: 'quit' };
    default:
      return { lines: [], status: UNKNOWN };
  }
}

export async function runConsoleCommand(line: string, target: ConsoleTarget): Promise<ConsoleReply> {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [command = '', sub = '', ...rest] = words;
  switch (command) {
    case '':
      return { lines: [], status: 'OK' };
    case 'help':
    case 'h':
    case '?':
      return { lines: sub === 'avd' ? AVD_HELP : HELP, status: 'OK' };
    case 'ping':
      return { lines: ['I am alive!'], status: 'OK' };
    case 'quit':
    case 'exit':
      return { lines: [], status: undefined, after: 'quit' };
    case 'kill':
      return { lines: [], status: 'OK: killing emulator, bye bye', after: 'kill' };
    case 'auth':
      return { lines: [], status: 'OK' };
    case 'avd':
      return await runAvdCommand(sub, rest, target);
    case 'stalkerbench':
      return await runFaultCommand(sub, rest, target);
    default:
      return { lines: [], status: UNKNOWN };
  }
}

async function runFaultCommand(sub: string, args: string[], target: ConsoleTarget): Promise<ConsoleReply> {
  const [name = 'list', ...rest] = args;
  if (sub !== 'fault') return { lines: [], status: "KO: usage: stalkerbench fault list | stalkerbench fault <name> [args]" };
  if (name === 'list') return { lines: target.faults.map((fault) => `${fault.name.padEnd(16)} ${fault.description}`), status: 'OK' };
  const fault = target.faults.find((candidate) => candidate.name === name);
  if (!fault) return { lines: [], status: `KO: unknown fault '${name}', try 'stalkerbench fault list'` };
  try {
    return { lines: (await fault.run(rest, target.faultContext)) ?? [], status: 'OK' };
  } catch (error) {
    return { lines: [], status: `KO: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function runAvdCommand(sub: string, args: string[], target: ConsoleTarget): Promise<ConsoleReply> {
  switch (sub) {
    case 'name':
      return { lines: [target.avdName], status: 'OK' };
    case 'status':
      return { lines: ['virtual device is running'], status: 'OK' };
    case 'snapshot':
      return await runSnapshotCommand(args[0] ?? '', args[1], target);
    case '':
      return { lines: AVD_HELP, status: 'OK' };
    default:
      return { lines: [], status: `KO: bad sub-command '${sub}', try 'help avd'` };
  }
}

async function runSnapshotCommand(action: string, name: string | undefined, target: ConsoleTarget): Promise<ConsoleReply> {
  if (action === 'list') return { lines: formatSnapshotList(await target.snapshots.list()), status: 'OK' };
  if (action === 'del') action = 'delete';
  if (!['save', 'load', 'delete'].includes(action)) {
    return { lines: [], status: "KO: bad sub-command, try 'help avd snapshot'" };
  }
  // The real console checks -read-only before anything else (console.cpp, do_snapshot_save /
  // do_snapshot_load / do_snapshot_del); a read-only instance can only start from a snapshot.
  if (target.snapshots.readOnly) {
    const verb = action === 'save' ? 'save' : action === 'load' ? 'load' : 'delete';
    return { lines: [], status: `KO: Snapshot ${verb} is disabled because "-read-only" was specified` };
  }
  if (!name) return { lines: [], status: `KO: 'avd snapshot ${action}' needs a snapshot name` };
  if (!SnapshotStore.isValidName(name)) return { lines: [], status: `KO: invalid snapshot name '${name}'` };
  try {
    if (action === 'save') {
      await target.snapshots.save(name, target.saveState(), target.uptimeMs());
      return { lines: [], status: 'OK' };
    }
    if (action === 'load') {
      const state = await target.snapshots.load(name);
      if (state === undefined) return { lines: [], status: `KO: snapshot '${name}' does not exist` };
      target.loadState(state);
      return { lines: [], status: 'OK' };
    }
    return (await target.snapshots.delete(name))
      ? { lines: [], status: 'OK' }
      : { lines: [], status: `KO: snapshot '${name}' does not exist` };
  } catch (error) {
    return { lines: [], status: `KO: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The listing in the real emulator's (qemu's) column layout. */
export function formatSnapshotList(snapshots: readonly SnapshotInfo[]): string[] {
  const lines = ['List of snapshots present on all disks:', `${'ID'.padEnd(10)}${'TAG'.padEnd(20)}${'VM SIZE'.padStart(7)}${'DATE'.padStart(20)}${'VM CLOCK'.padStart(15)}`];
  for (const snapshot of snapshots) {
    lines.push(
      `${'--'.padEnd(10)}${snapshot.name.padEnd(20)}${formatSize(snapshot.sizeBytes).padStart(7)}${formatDate(snapshot.savedAt).padStart(20)}${formatClock(snapshot.uptimeMs).padStart(15)}`,
    );
  }
  return lines;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}K`;
  return `${Math.round(bytes / (1024 * 1024))}M`;
}

function formatDate(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function formatClock(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  const millis = Math.floor(ms % 1000);
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(millis).padStart(3, '0')}`;
}
