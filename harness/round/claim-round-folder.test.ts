import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { parseTempFileWriter } from '../results/write-file-atomic.ts';
import { claimRoundFolder } from './claim-round-folder.ts';
import { identifySelf, readStartTime } from './process-identity.ts';
import { createRoundHome, parseRoundHomeOwner } from './round-home.ts';
import { findProcessesByHome } from './round-processes.ts';
import { RUNTIME_FILE } from './runtime-record.ts';

/** A process that has exited: its pid and start time, as a killed run's record holds them. */
async function deadRunner(): Promise<{ pid: number; startTime: string }> {
  const child = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { reject: false });
  const pid = child.pid ?? 0;
  const startTime = (await readStartTime(pid)) ?? 'unknown';
  child.kill('SIGKILL');
  await child;
  return { pid, startTime };
}

describe('claimRoundFolder', () => {
  let dir: string;
  let folder: string;
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-claim-'));
    folder = join(dir, 'round');
    tmp = join(dir, 'tmp');
    await mkdir(tmp, { recursive: true });
    env = { TMPDIR: tmp, PATH: process.env['PATH'] ?? '' };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records this run and refuses a second run while it lives (ROUND_RUNNING)', async () => {
    const first = await claimRoundFolder(folder, { env, displayDir: 'round' });
    const record = JSON.parse(await readFile(join(folder, RUNTIME_FILE), 'utf8')) as { runner: { pid: number } };
    expect(record.runner.pid).toBe(process.pid);
    await expect(claimRoundFolder(folder, { env, displayDir: 'round' })).rejects.toSatisfy((error) => isHarnessError(error, 'ROUND_RUNNING'));
    await first.record.remove();
    expect(existsSync(join(folder, RUNTIME_FILE))).toBe(false);
    const again = await claimRoundFolder(folder, { env, displayDir: 'round' });
    await again.record.remove();
  });

  it('stops a dead run\'s processes, removes its HOME, its temp files and killed runs\' HOMEs, keeps a live run\'s HOME', async () => {
    const dead = await deadRunner();
    const deadHome = await createRoundHome(tmp, dead);
    expect(parseRoundHomeOwner(deadHome.split('/').at(-1) ?? '')).toEqual(dead);
    const otherDeadHome = await createRoundHome(tmp, dead);
    const liveHome = await createRoundHome(tmp, await identifySelf());
    // An orphan of the dead run (as Appium or an emulator would be) and one of another killed run.
    const orphans = [deadHome, otherDeadHome].map((home) => execa(process.execPath, ['-e', 'setInterval(() => {}, 1_000)'], { env: { HOME: home }, extendEnv: false, reject: false }));
    await mkdir(folder, { recursive: true });
    const temp = `.round.json.${dead.pid}.3.tmp`;
    expect(parseTempFileWriter(temp)).toBe(dead.pid);
    await writeFile(join(folder, temp), '{"half":');
    await writeFile(join(folder, RUNTIME_FILE), JSON.stringify({
      schemaVersion: 1, runner: { ...dead, bootId: (await identifySelf()).bootId, hostname: (await identifySelf()).hostname, startedAt: new Date().toISOString() },
      home: deadHome, emulatorConsolePorts: [],
    }));
    expect((await findProcessesByHome(new Set([deadHome, otherDeadHome]))).length).toBe(2);

    const claimed = await claimRoundFolder(folder, { env, displayDir: 'round' });
    expect(await findProcessesByHome(new Set([deadHome, otherDeadHome]))).toEqual([]);
    for (const orphan of orphans) expect((await orphan).signal).toBe('SIGTERM');
    expect(existsSync(deadHome)).toBe(false);
    expect(existsSync(otherDeadHome)).toBe(false);
    expect(existsSync(liveHome)).toBe(true);
    expect(existsSync(join(folder, temp))).toBe(false);
    expect(claimed.cleaned.join('\n')).toContain(`pid ${dead.pid}`);
    const record = JSON.parse(await readFile(join(folder, RUNTIME_FILE), 'utf8')) as { runner: { pid: number } };
    expect(record.runner.pid).toBe(process.pid);
    await claimed.record.remove();
  });
});
