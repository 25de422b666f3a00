import { findFreePort, pollUntil, resolveAndroidEnv, runAdb, sendConsoleCommand } from '../android/index.ts';
import { hasProcFs } from './process-identity.ts';
import { findProcessesByHome, stopProcesses, waitForExit, type RoundProcess } from './round-processes.ts';

/** What a run started, as its runtime record names it. */
export interface RunProcesses {
  /** The round HOME every child of the run got. */
  home: string;
  /** The round's own adb server, when it had one (emulator rounds). */
  adbServerPort?: number | undefined;
  emulatorConsolePorts?: readonly number[];
}

export interface StopRunProcessesOptions {
  /** Environment of the run that cleans up: ANDROID_HOME (for adb) and the user's ANDROID_ADB_SERVER_PORT. */
  env: NodeJS.ProcessEnv;
  /**
   * Ask first (`adb kill-server`, the emulator console's `kill`, SIGTERM) and wait a few seconds,
   * or stop at once (`adb kill-server`, then SIGKILL) when the user pressed Ctrl+C twice.
   * @default true
   */
  graceful?: boolean;
}

/** `adb -L tcp:<port> fork-server server …`: the server `adb start-server` leaves running on its own. */
function adbServerPortOf(candidate: RoundProcess): number | undefined {
  if (!candidate.argv.includes('fork-server')) return undefined;
  for (const arg of candidate.argv) {
    const match = /^tcp:(?:[\w.]+:)?(\d+)$/.exec(arg);
    if (match?.[1]) return Number(match[1]);
  }
  return undefined;
}

/** `emulator -avd NAME -port N …` (the SDK's emulator and the virtual one take the same flags). */
function consolePortOf(candidate: RoundProcess): number | undefined {
  const index = candidate.argv.indexOf('-port');
  const port = index >= 0 && candidate.argv.includes('-avd') ? Number(candidate.argv[index + 1]) : Number.NaN;
  return Number.isInteger(port) ? port : undefined;
}

async function killAdbServer(env: NodeJS.ProcessEnv, home: string, port: number, timeoutMs: number): Promise<void> {
  try {
    await runAdb(resolveAndroidEnv({ env, home, adbServerPort: port }), undefined, ['kill-server'], { reject: false, timeoutMs });
  } catch {
    // No adb here (ANDROID_HOME unset): the server is stopped by signal below.
  }
}

/**
 * Stops every process a run started — found by the run's HOME in their environment (Linux), so a
 * process that only reused a recorded pid or port is never touched: the adb server through
 * `adb kill-server` on its own port, emulators through their console's `kill`, then whatever is left
 * (Appium, adb clients) by SIGTERM and SIGKILL. Where /proc is missing it falls back to the recorded
 * adb server and console ports. Never stops an adb server on the user's own port (a round on phones
 * shares the user's server). Returns a description of what it stopped and what survived.
 */
export async function stopRunProcesses(run: RunProcesses, options: StopRunProcessesOptions): Promise<{ stopped: string[]; survivors: RoundProcess[] }> {
  const graceful = options.graceful ?? true;
  const userAdbPort = Number(options.env['ANDROID_ADB_SERVER_PORT'] || 5037);
  if (!(await hasProcFs())) return { stopped: await stopByRecordedPorts(run, options.env, userAdbPort), survivors: [] };

  const found = (await findProcessesByHome(new Set([run.home]))).filter((candidate) => adbServerPortOf(candidate) !== userAdbPort);
  const stopped: string[] = [];
  const asked: RoundProcess[] = [];
  for (const server of found) {
    const port = adbServerPortOf(server);
    if (port === undefined) continue;
    await killAdbServer(options.env, run.home, port, graceful ? 10_000 : 3_000);
    stopped.push(`adb server on port ${port}`);
    asked.push(server);
  }
  for (const emulator of found) {
    const port = consolePortOf(emulator);
    if (port === undefined) continue;
    if (graceful) {
      await sendConsoleCommand('kill', { port, home: run.home, timeoutMs: 3_000 }).catch(() => undefined);
      asked.push(emulator);
    }
    stopped.push(`emulator-${port}`);
  }
  if (asked.length > 0) await waitForExit(asked, graceful ? 5_000 : 1_000);
  const others = found.filter((candidate) => adbServerPortOf(candidate) === undefined && consolePortOf(candidate) === undefined);
  if (others.length > 0) stopped.push(`${others.length} other process(es) (${[...new Set(others.map(describe))].join(', ')})`);
  const survivors = await stopProcesses(found, graceful ? 5_000 : 0);
  for (const port of new Set(found.map(adbServerPortOf).filter((port) => port !== undefined))) {
    // kill-server returns before the server has closed its socket; the port is the proof.
    await pollUntil(async () => ((await findFreePort(port)) === port ? true : undefined), { timeoutMs: 5_000, intervalMs: 50 });
  }
  return { stopped, survivors };
}

async function stopByRecordedPorts(run: RunProcesses, env: NodeJS.ProcessEnv, userAdbPort: number): Promise<string[]> {
  const stopped: string[] = [];
  if (run.adbServerPort !== undefined && run.adbServerPort !== userAdbPort) {
    await killAdbServer(env, run.home, run.adbServerPort, 10_000);
    stopped.push(`adb server on port ${run.adbServerPort}`);
  }
  for (const port of run.emulatorConsolePorts ?? []) {
    // The console asks for the token in the run's HOME: an emulator of another run refuses the kill.
    const killed = await sendConsoleCommand('kill', { port, home: run.home, timeoutMs: 3_000 }).then(() => true, () => false);
    if (killed) stopped.push(`emulator-${port}`);
  }
  return stopped;
}

function describe(candidate: RoundProcess): string {
  const script = candidate.argv.find((arg, index) => index > 0 && !arg.startsWith('-')) ?? candidate.argv[0] ?? '?';
  return script.split('/').slice(-2).join('/');
}
