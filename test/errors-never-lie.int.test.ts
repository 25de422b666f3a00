/**
 * Bad input the harness must refuse as bad input (exit 2, a HarnessError code, a hint, no stack
 * trace, nothing written), before any device, adb server or Appium starts: unusable output folders,
 * configuration files that are not small regular YAML files, and product references that are not
 * product ids or profile files. Runs the CLI in-process on a private copy of the demo scenario; no
 * emulator, so no ports.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDemoScenario, editFile as edit, runCli as run, snapshotTree } from './support/cli-in-process.ts';

const ROUND = 'scenarios/rounds/demo.yaml';

describe('errors that never lie', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await copyDemoScenario('sb-never-lie-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the CLI expecting bad input with `code`: exit 2, one error line first, no stack, nothing written. */
  async function expectRefused(argv: string[], code: string): Promise<string> {
    const before = await snapshotTree(dir);
    const result = await run(argv, dir);
    expect(result.stderr).toMatch(new RegExp(`^error ${code}: `));
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toMatch(/^hint: /m);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(await snapshotTree(dir)).toEqual(before);
    return result.stderr;
  }

  describe('run --output and output.dir', () => {
    it('refuses --output naming an existing file', async () => {
      await writeFile(path.join(dir, 'results.txt'), 'not a folder\n');
      const stderr = await expectRefused(['run', ROUND, '--output', 'results.txt'], 'CONFIG_INVALID');
      expect(stderr).toContain('--output results.txt: is an existing file, not a folder');
    });

    it('refuses --output below a file', async () => {
      await writeFile(path.join(dir, 'results.txt'), 'not a folder\n');
      const stderr = await expectRefused(['run', ROUND, '--output', 'results.txt/ci'], 'CONFIG_INVALID');
      expect(stderr).toContain('--output results.txt/ci: results.txt is a file, so no folder can be created below it');
    });

    // Tests run as root, which passes every permission check; below /proc nobody can create a
    // folder, and Node's recursive mkdir there loops forever instead of failing.
    it('refuses --output that cannot be created (below /proc), without hanging', async () => {
      const stderr = await expectRefused(['run', ROUND, '--output', '/proc/stalkerbench-results'], 'CONFIG_INVALID');
      expect(stderr).toContain('--output /proc/stalkerbench-results: cannot be created (creating a folder in /proc failed with ENOENT)');
    }, 30_000);

    it('refuses a round whose output.dir is an existing file, in run and in validate', async () => {
      await writeFile(path.join(dir, 'taken'), 'a file\n');
      await edit(path.join(dir, ROUND), (text) => text.replace('dir: ../../reports/demo', 'dir: ../../taken'));
      for (const command of ['run', 'validate']) {
        const stderr = await expectRefused([command, ROUND], 'CONFIG_INVALID');
        expect(stderr).toContain(`${ROUND} output.dir taken: is an existing file, not a folder`);
      }
    });
  });

  describe('configuration files', () => {
    it('refuses a round that is /dev/zero as not a regular file', async () => {
      const stderr = await expectRefused(['validate', '/dev/zero'], 'CONFIG_INVALID');
      expect(stderr).toContain('round /dev/zero is not a regular file (a character device)');
      expect(stderr).toContain('4 MiB');
    });

    it('refuses a product profile with nested aliases ("billion laughs") naming the file and the round field', async () => {
      const laughs = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let level = 1; level < 8; level += 1) laughs.push(`lol${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ')}]`);
      await writeFile(path.join(dir, 'scenarios/products/sentinel.yaml'), `${laughs.join('\n')}\n`);
      const stderr = await expectRefused(['validate', ROUND], 'CONFIG_INVALID');
      expect(stderr).toMatch(/scenarios\/rounds\/demo\.yaml:\d+ products\[0\]: scenarios\/products\/sentinel\.yaml: product profile expands its aliases/);
    });
  });

  describe('product references', () => {
    it('refuses a reference that is neither an id nor a profile file, naming the round field', async () => {
      await edit(path.join(dir, ROUND), (text) => text.replace('products: [sentinel, quietguard, namecheck,', 'products: [sentinel, quietguard, ../samples/demo-catalogue,'));
      const stderr = await expectRefused(['validate', ROUND], 'CONFIG_INVALID');
      expect(stderr).toMatch(/scenarios\/rounds\/demo\.yaml:\d+ products\[2\]: '\.\.\/samples\/demo-catalogue' is neither a product id nor a profile file/);
      expect(stderr).not.toContain('problems in product profile');
    });

    it('names the round field in every problem of a file given by path that is not a product profile', async () => {
      await edit(path.join(dir, ROUND), (text) => text.replace('products: [sentinel, quietguard, namecheck,', 'products: [sentinel, quietguard, ../samples/demo-catalogue.yaml,'));
      const stderr = await expectRefused(['validate', ROUND], 'CONFIG_INVALID');
      expect(stderr).toMatch(/^error CONFIG_INVALID: scenarios\/rounds\/demo\.yaml:\d+ products\[2\]: scenarios\/samples\/demo-catalogue\.yaml: \d+ problems in product profile/);
    });
  });
});
