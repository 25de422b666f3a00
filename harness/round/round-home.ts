import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessIdentity } from './process-identity.ts';

/** Every round HOME is a folder `stalkerbench-home-<pid>-<start time>-XXXXXX` in TMPDIR. */
export const ROUND_HOME_PREFIX = 'stalkerbench-home-';

/** TMPDIR of the run (from the run's environment): where its round HOME goes and killed runs left theirs. */
export function roundTmpDir(env: NodeJS.ProcessEnv): string {
  return env['TMPDIR'] || tmpdir();
}

/**
 * Creates the round's HOME in `tmpDir`, named for the run that owns it, so that a later run can
 * tell a HOME whose run is gone (kill -9) from one still in use, even before any record was written.
 */
export async function createRoundHome(tmpDir: string, owner: Pick<ProcessIdentity, 'pid' | 'startTime'>): Promise<string> {
  return await mkdtemp(join(tmpDir, `${ROUND_HOME_PREFIX}${owner.pid}-${owner.startTime}-`));
}

/** The run a round HOME's name records, or undefined for a folder of another form. */
export function parseRoundHomeOwner(name: string): Pick<ProcessIdentity, 'pid' | 'startTime'> | undefined {
  const match = /^stalkerbench-home-(\d+)-(\d+|unknown)-[^-]+$/.exec(name);
  if (!match?.[1] || !match[2]) return undefined;
  return { pid: Number(match[1]), startTime: match[2] };
}

/** Round HOMEs in `tmpDir` with the run that owns each. */
export async function listRoundHomes(tmpDir: string): Promise<Array<{ path: string; owner: Pick<ProcessIdentity, 'pid' | 'startTime'> }>> {
  const names = await readdir(tmpDir).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const owner = parseRoundHomeOwner(name);
    return owner ? [{ path: join(tmpDir, name), owner }] : [];
  });
}
