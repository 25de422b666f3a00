/**
 * Bad input the harness must refuse as bad input (exit 2, a HarnessError code, a hint, no stack
 * trace, nothing written), before any device, adb server or Appium starts: unusable output folders,
 * configuration files that are not small regular YAML files, and product references that are not
 * product ids or profile files. Runs the CLI in-process on a private copy of the demo scenario; no
 * emulator, so no ports.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZipBomb } from './support/apk-zip-builder.ts';
import { copyDemoScenario, editFile as edit, REPO_ROOT_DIR, runCli as run, snapshotTree } from './support/cli-in-process.ts';

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

  describe('APKs', () => {
    const GiB = 1024 * 1024 * 1024;
    let bomb: Buffer;
    beforeEach(async () => {
      bomb ??= await buildZipBomb('AndroidManifest.xml', GiB, [{ name: 'classes.dex', data: 'dex\n035' }]);
    }, 120_000);

    it('refuses a sample whose manifest inflates to 1 GiB (a ZIP bomb), naming the file, before inflating it', async () => {
      const apk = path.join(dir, 'scenarios/apks/stalkerware-mspy.apk');
      await writeFile(apk, bomb);
      const sha256 = createHash('sha256').update(bomb).digest('hex');
      await edit(path.join(dir, 'scenarios/samples/demo-catalogue.yaml'), (text) =>
        text.replace(/(file: \.\.\/apks\/stalkerware-mspy\.apk\n\s+sha256: )[0-9a-f]{64}/, `$1${sha256}`));
      const stderr = await expectRefused(['validate', ROUND], 'APK_INVALID');
      expect(stderr).toContain('stalkerware-mspy.apk!AndroidManifest.xml is too large to read: it inflates to 1073741824 bytes');
    });

    // The memory a bomb costs is only visible from outside the process: the CLI runs as a child with a
    // preload that records its peak resident set size on exit.
    it('reads a ZIP bomb with inspect-apk in well under 200 MB of memory, exit 2, no stack trace', async () => {
      const apk = path.join(dir, 'bomb.apk');
      await writeFile(apk, bomb);
      const rssFile = path.join(dir, 'max-rss.txt');
      const preload = path.join(dir, 'record-rss.cjs');
      await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
      const result = await promisify(execFile)(process.execPath, ['--require', preload, path.join(REPO_ROOT_DIR, 'bin', 'stalkerbench.js'), 'inspect-apk', apk], { cwd: dir })
        .then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error APK_INVALID: .*bomb\.apk!AndroidManifest\.xml is too large to read/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      const maxRssKiB = Number(await readFile(rssFile, 'utf8'));
      expect(maxRssKiB).toBeGreaterThan(0);
      expect(maxRssKiB).toBeLessThan(200 * 1024);
    }, 120_000);
  });
});
