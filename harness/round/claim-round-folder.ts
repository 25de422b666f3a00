import { mkdir } from 'node:fs/promises';
import { HarnessError } from '../errors/index.ts';
import { identifySelf, isStillRunning } from './process-identity.ts';
import { roundTmpDir } from './round-home.ts';
import { reapDeadRun, removeStaleTempFiles, sweepRoundHomes } from './reap-dead-run.ts';
import { createRuntimeRecord, readRuntimeRecord, retireRuntimeRecord, RUNTIME_FILE, type RuntimeRecordFile } from './runtime-record.ts';

export interface ClaimedRoundFolder {
  record: RuntimeRecordFile;
  /** What was cleaned up after earlier runs that were killed, one line each (for the log). */
  cleaned: string[];
}

/**
 * Makes this run the only one using a round folder. A run still running there (its pid alive and
 * started when it recorded) is left alone and this one refused; a run that is gone (kill -9, a
 * crash, a second Ctrl+C that could not finish) is cleaned up first: its adb server, emulators and
 * Appium stopped, its HOME and the temp files of its unfinished writes removed. Then round HOMEs of
 * other killed runs in TMPDIR are swept the same way.
 */
export async function claimRoundFolder(folder: string, options: { env: NodeJS.ProcessEnv; displayDir: string }): Promise<ClaimedRoundFolder> {
  await mkdir(folder, { recursive: true });
  const self = await identifySelf();
  const cleaned: string[] = [];
  const deadPids = new Set<number>();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const record = await createRuntimeRecord(folder, self);
    if (record) {
      const temps = await removeStaleTempFiles(folder, deadPids);
      if (temps > 0) cleaned.push(`removed ${temps} temp file(s) of an unfinished write in ${options.displayDir}`);
      cleaned.push(...(await sweepRoundHomes(roundTmpDir(options.env), { env: options.env })));
      return { record, cleaned };
    }
    const existing = await readRuntimeRecord(folder);
    if (existing === undefined) continue;
    const runner = existing.record?.runner;
    if (!existing.record || !runner) {
      throw new HarnessError('USAGE', `${options.displayDir}/${RUNTIME_FILE} is not a runtime record this version of stalkerbench can read`, {
        hint: `if no run uses ${options.displayDir} any more, delete ${RUNTIME_FILE} there and run again`,
      });
    }
    if (await isStillRunning(runner)) {
      throw new HarnessError('ROUND_RUNNING', `${options.displayDir} is in use: a run of this round is still running (pid ${runner.pid} on ${runner.hostname}, started ${runner.startedAt})`, {
        hint: 'wait for it to finish, or stop it (Ctrl+C in its terminal) and continue with `stalkerbench run --resume`',
      });
    }
    const line = await reapDeadRun(existing.record, { env: options.env });
    cleaned.push(`cleaned up after a run that is no longer running (pid ${runner.pid}, started ${runner.startedAt})${line === undefined ? '' : `: ${line}`}`);
    deadPids.add(runner.pid);
    await retireRuntimeRecord(folder, existing.text);
  }
  throw new HarnessError('INTERNAL', `could not take over ${options.displayDir}: its ${RUNTIME_FILE} kept changing`, {
    hint: 'another run may be starting in the same folder at the same time; run again',
  });
}
