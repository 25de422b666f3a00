import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSharedFolder, claimFromSharedFolder, markSharedFolder, placeInSharedFolder, sharedEvidencePath, sharedRoundDir, sweepSharedFolder } from './shared-folder.ts';

const sha = (bytes: string): string => createHash('sha256').update(bytes).digest('hex');

describe('shared-folder evidence transfer', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('moves a placed file into staging only with its announced SHA-256, and never leaves a temp name behind', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-shared-'));
    const source = join(dir, 'local.png');
    await writeFile(source, 'png-bytes');
    const shared = sharedEvidencePath(join(dir, 'mount'), 'r1', 'k1', 'evidence/c1/1/01-screen.png');
    await placeInSharedFolder(source, shared);
    expect(await readdir(join(dir, 'mount', 'stalkerbench-r1', 'k1', 'evidence', 'c1', '1'))).toEqual(['01-screen.png']);
    const staged = join(dir, 'round', '.incoming', 'k1', 'evidence/c1/1/01-screen.png');
    expect(await claimFromSharedFolder(shared, sha('png-bytes'), staged, 1_000)).toBeUndefined();
    expect(await readFile(staged, 'utf8')).toBe('png-bytes');
    await expect(readFile(shared)).rejects.toThrow();
  });

  it('refuses a missing or altered file and stages nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-shared-'));
    const staged = join(dir, 'round', 'staged.txt');
    expect(await claimFromSharedFolder(join(dir, 'absent.txt'), sha('x'), staged, 1_000)).toBe('did not arrive in the shared folder');
    const altered = join(dir, 'altered.txt');
    await writeFile(altered, 'tampered');
    expect(await claimFromSharedFolder(altered, sha('original'), staged, 1_000)).toMatch(/^arrived in the shared folder with SHA-256 [0-9a-f]{64}, announced as /);
    await expect(readFile(staged)).rejects.toThrow();
    expect(await readdir(join(dir, 'round'))).toEqual([]);
    await writeFile(altered, 'too large');
    expect(await claimFromSharedFolder(altered, sha('too large'), staged, 3)).toBe('is larger than 3 bytes');
  });

  it('checks the worker sees the coordinator\'s mark, and sweeps only old orphans', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-shared-'));
    const root = join(dir, 'mount');
    const nonce = await markSharedFolder(root, 'r1');
    await expect(checkSharedFolder(root, 'r1', nonce)).resolves.toBeUndefined();
    await expect(checkSharedFolder(join(dir, 'elsewhere'), 'r1', nonce)).rejects.toThrow(/--shared-folder .*is not the mark of the coordinator serving round r1/);
    const attemptDir = join(sharedRoundDir(root, 'r1'), 'k2', 'evidence', 'c1', '1');
    await mkdir(attemptDir, { recursive: true });
    const orphan = join(attemptDir, '01-screen.png.part-123-abcd');
    const fresh = join(attemptDir, '02-ui.xml');
    await writeFile(orphan, 'half');
    await writeFile(fresh, 'new');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(orphan, old, old);
    expect(await sweepSharedFolder(root, 'r1', 600_000)).toBe(1);
    expect(await readdir(attemptDir)).toEqual(['02-ui.xml']);
    // Later everything is old: the attempt's folders go, the mark stays.
    expect(await sweepSharedFolder(root, 'r1', 0, Date.now() + 1_000)).toBe(1);
    expect(await readdir(sharedRoundDir(root, 'r1'))).toEqual(['coordinator.json']);
  });
});
