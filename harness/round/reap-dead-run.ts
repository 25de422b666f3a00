import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTempFileWriter } from '../results/write-file-atomic.ts';
import { isAlive, isStillRunning } from './process-identity.ts';
import { listRoundHomes } from './round-home.ts';
import type { RuntimeRecord } from './runtime-record.ts';
import { stopRunProcesses, type RunProcesses, type StopRunProcessesOptions } from './stop-run-processes.ts';

/**
 * Stops what a run started and removes its HOME. The HOME stays when a process of the run survived
 * SIGKILL: the next run tries again. Returns one line saying what was cleaned, or undefined when
 * nothing was left.
 */
export async function reapRun(run: RunProcesses, options: StopRunProcessesOptions): Promise<string | undefined> {
  const { stopped, survivors } = await stopRunProcesses(run, options);
  const parts = stopped.length > 0 ? [`stopped ${stopped.join(', ')}`] : [];
  if (survivors.length > 0) {
    parts.push(`could not stop pid ${survivors.map((s) => s.pid).join(', ')}; kept ${run.home}`);
  } else if (existsSync(run.home)) {
    await rm(run.home, { recursive: true, force: true });
    parts.push(`removed its HOME ${run.home}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Cleans up after the dead run a round folder's runtime record names. */
export async function reapDeadRun(record: RuntimeRecord, options: StopRunProcessesOptions): Promise<string | undefined> {
  if (record.home === undefined) return undefined;
  return await reapRun({ home: record.home, adbServerPort: record.adbServerPort, emulatorConsolePorts: record.emulatorConsolePorts }, options);
}

/**
 * Removes temp files of atomic writes (`.<name>.<pid>.<n>.tmp`) in a round folder whose writer was
 * killed mid-write: one of `deadPids`, or any pid no longer running. Returns how many it removed.
 */
export async function removeStaleTempFiles(folder: string, deadPids: ReadonlySet<number>): Promise<number> {
  let removed = 0;
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const writer = parseTempFileWriter(name);
    if (writer === undefined || writer === process.pid) continue;
    if (!deadPids.has(writer) && isAlive(writer)) continue;
    await rm(join(folder, name), { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Round HOMEs in `tmpDir` whose run is gone (its name records the run): their processes are stopped
 * and the folders removed. A HOME whose run still runs is never touched. Returns one line per HOME.
 */
export async function sweepRoundHomes(tmpDir: string, options: StopRunProcessesOptions): Promise<string[]> {
  const lines: string[] = [];
  for (const { path, owner } of await listRoundHomes(tmpDir)) {
    if (owner.pid === process.pid || (await isStillRunning(owner))) continue;
    const { stopped, survivors } = await stopRunProcesses({ home: path }, options);
    if (survivors.length > 0) {
      lines.push(`could not stop pid ${survivors.map((s) => s.pid).join(', ')} of a killed run; kept ${path}`);
      continue;
    }
    await rm(path, { recursive: true, force: true });
    lines.push(`removed ${path} of a killed run (pid ${owner.pid})${stopped.length > 0 ? `; stopped ${stopped.join(', ')}` : ''}`);
  }
  return lines;
}
