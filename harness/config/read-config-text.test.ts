import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HarnessError } from '../errors/index.ts';
import { loadYamlFile } from './load-yaml-file.ts';
import { MAX_CONFIG_BYTES } from './read-config-text.ts';

const schema = z.object({ name: z.string() }).loose();

async function rejection(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${error instanceof Error ? error.stack : String(error)}`);
  return error;
}

describe('configuration files are read with a size cap', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sb-config-read-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a small regular file', async () => {
    await writeFile(path.join(dir, 'ok.yaml'), 'name: fine\n');
    expect((await loadYamlFile('ok.yaml', schema, 'round', { cwd: dir })).value).toEqual({ name: 'fine' });
  });

  it('refuses an endless device file as not a regular file, naming it', async () => {
    const error = await rejection(loadYamlFile('/dev/zero', schema, 'round', { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('/dev/zero');
    expect(error.message).toContain('not a regular file');
    expect(error.hint).toContain('4 MiB');
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = path.join(dir, 'round.yaml');
    execFileSync('mkfifo', [fifo]);
    const error = await rejection(loadYamlFile('round.yaml', schema, 'round', { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('round.yaml is not a regular file (a FIFO)');
  });

  it('refuses a file past the cap, saying the cap', async () => {
    const big = path.join(dir, 'big.yaml');
    await writeFile(big, 'name: x\n');
    await truncate(big, MAX_CONFIG_BYTES + 1);
    const error = await rejection(loadYamlFile('big.yaml', schema, 'sample catalogue', { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^sample catalogue big\.yaml is too large \(4194305 bytes, more than the 4 MiB/);
  });

  it('reads a file of exactly the cap', async () => {
    const file = path.join(dir, 'edge.yaml');
    await writeFile(file, `name: edge\n${'#'.repeat(MAX_CONFIG_BYTES - 12)}\n`);
    expect((await loadYamlFile('edge.yaml', schema, 'round', { cwd: dir })).value).toEqual({ name: 'edge' });
  });

  it('keeps a folder or a missing file CONFIG_NOT_FOUND', async () => {
    await mkdir(path.join(dir, 'folder.yaml'));
    expect((await rejection(loadYamlFile('folder.yaml', schema, 'round', { cwd: dir }))).code).toBe('CONFIG_NOT_FOUND');
    expect((await rejection(loadYamlFile('missing.yaml', schema, 'round', { cwd: dir }))).code).toBe('CONFIG_NOT_FOUND');
  });

  it('reports nested aliases ("billion laughs") as CONFIG_INVALID naming the file', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    await writeFile(path.join(dir, 'laughs.yaml'), `name: laughs\n${levels.join('\n')}\n`);
    const error = await rejection(loadYamlFile('laughs.yaml', schema, 'product profile', { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^laughs\.yaml: product profile expands its aliases/);
  });
});
