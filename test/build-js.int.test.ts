/**
 * The precompiled JavaScript (scripts/build-js.ts → bin/entry.js): the CLI and the virtual emulator
 * run from the build while it matches the sources, and from the TypeScript source as soon as it does
 * not. Builds into a folder of its own under build/ (STALKERBENCH_BUILD_DIR), never into the checkout's
 * build/js that other tests' emulators are running from.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT_DIR } from './support/cli-in-process.ts';

const run = promisify(execFile);

describe('precompiled JavaScript', () => {
  let dir = '';
  let buildDir = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    // Inside the checkout: the compiled modules find node_modules by walking up, as build/js does.
    await mkdir(join(REPO_ROOT_DIR, 'build'), { recursive: true });
    dir = await mkdtemp(join(REPO_ROOT_DIR, 'build', 'test-build-js-'));
    buildDir = join(dir, 'js');
    env = { ...process.env, STALKERBENCH_BUILD_DIR: buildDir, STALKERBENCH_ENTRY_TRACE: '1', STALKERBENCH_FROM_SOURCE: '' };
    await run(process.execPath, ['bin/run-ts.js', 'scripts/build-js.ts'], { cwd: REPO_ROOT_DIR, env, timeout: 300_000 });
  }, 320_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the build and its stamp, and leaves no temporary folder', async () => {
    const stamp = JSON.parse(await readFile(join(buildDir, 'stamp.json'), 'utf8')) as { content: string; quick: string };
    expect(stamp.content).toMatch(/^[0-9a-f]{64}$/);
    expect(await readFile(join(buildDir, 'harness', 'cli', 'main.js'), 'utf8')).toMatch(/from ["']\.\/command-summaries\.js["']/);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('runs the CLI and the virtual emulator from the build while it is fresh', async () => {
    const cli = await run(process.execPath, ['bin/stalkerbench.js', '--help'], { cwd: REPO_ROOT_DIR, env });
    expect(cli.stdout).toContain('usage: stalkerbench');
    const emulator = await run(process.execPath, ['bin/emulator.js', '-version'], { cwd: REPO_ROOT_DIR, env });
    expect(emulator.stdout).toContain('Android emulator version');
    // Sources may be edited while this runs (a developer's checkout); then both must say "source".
    const fresh = JSON.parse(await readFile(join(buildDir, 'stamp.json'), 'utf8')) as { quick: string };
    const { quickSignature } = await import('../bin/build-signature.js');
    const expected = fresh.quick === quickSignature() ? 'build' : 'source';
    expect(cli.stderr).toContain(`entry: harness/cli/main.ts from ${expected}`);
    // The emulator, started once per case, runs from its one-file bundle (part of the build).
    expect(emulator.stderr).toContain(`entry: simulator/cli/emulator.ts from ${expected === 'build' ? 'bundle' : 'source'}`);
  });

  it('bundles the virtual emulator into one file that imports only node built-ins, used only with a fresh build', async () => {
    const bundle = join(buildDir, 'bundle', 'emulator.js');
    const text = await readFile(bundle, 'utf8');
    const imports = [...text.matchAll(/^import\b[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    const { quickSignature } = await import('../bin/build-signature.js');
    const stamp = JSON.parse(await readFile(join(buildDir, 'stamp.json'), 'utf8')) as { quick: string };
    const fresh = stamp.quick === quickSignature();
    // A build without its bundle (built before bundles existed) still runs, unbundled.
    const moved = `${bundle}.away`;
    await rename(bundle, moved);
    try {
      const emulator = await run(process.execPath, ['bin/emulator.js', '-version'], { cwd: REPO_ROOT_DIR, env });
      expect(emulator.stdout).toContain('Android emulator version');
      expect(emulator.stderr).toContain(`entry: simulator/cli/emulator.ts from ${fresh ? 'build' : 'source'}`);
    } finally {
      await rename(moved, bundle);
    }
  });

  it('falls back to the source when the build no longer matches, and --if-stale rebuilds only what changed', async () => {
    const stampFile = join(buildDir, 'stamp.json');
    const stamp = JSON.parse(await readFile(stampFile, 'utf8')) as { content: string; quick: string };
    await writeFile(stampFile, `${JSON.stringify({ ...stamp, quick: 'edited-since' })}\n`);
    const cli = await run(process.execPath, ['bin/stalkerbench.js', '--help'], { cwd: REPO_ROOT_DIR, env });
    expect(cli.stderr).toContain('entry: harness/cli/main.ts from source');
    // A stale build's bundle is stale too: never used.
    const emulator = await run(process.execPath, ['bin/emulator.js', '-version'], { cwd: REPO_ROOT_DIR, env });
    expect(emulator.stderr).toContain('entry: simulator/cli/emulator.ts from source');
    // Same contents, other modification times: --if-stale refreshes the stamp without compiling (in a
    // checkout being edited meanwhile, the contents differ and it compiles).
    const { contentSignature } = await import('../bin/build-signature.js');
    const unchanged = contentSignature() === stamp.content;
    const again = await run(process.execPath, ['bin/run-ts.js', 'scripts/build-js.ts', '--if-stale'], { cwd: REPO_ROOT_DIR, env, timeout: 300_000 });
    if (unchanged) expect(again.stderr).not.toContain('compiling');
    else expect(again.stderr).toContain('compiling');
    const refreshed = JSON.parse(await readFile(stampFile, 'utf8')) as { content: string; quick: string };
    expect(refreshed.quick).not.toBe('edited-since');
  }, 320_000);
});
