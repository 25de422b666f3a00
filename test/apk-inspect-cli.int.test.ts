import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { main } from '../harness/cli/main.ts';
import { buildZip } from './support/apk-zip-builder.ts';

/** `stalkerbench inspect-apk` through main(), in process, with captured output. */

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(argv: string[], cwd: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env: {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function findSettingsApk(): string {
  const require = createRequire(import.meta.url);
  const requireFromDriver = createRequire(require.resolve('appium-uiautomator2-driver/package.json'));
  return join(dirname(requireFromDriver.resolve('io.appium.settings/package.json')), 'apks', 'settings_apk-debug.apk');
}

describe('stalkerbench inspect-apk', () => {
  const settingsApk = findSettingsApk();
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-inspect-apk-'));
    await writeFile(join(dir, 'page.apk'), '<html>Not Found</html>');
    const whole = await readFile(settingsApk);
    await writeFile(join(dir, 'truncated.apk'), whole.subarray(0, 100_000));
    await writeFile(join(dir, 'no-manifest.apk'), buildZip([{ name: 'classes.dex', data: 'dex\n035' }]));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints a JSON array of identities, with relative paths resolved against the io cwd', async () => {
    const result = await runCli(['inspect-apk', '--json', 'settings_apk-debug.apk'], dirname(settingsApk));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const parsed: unknown = JSON.parse(result.stdout);
    expect(parsed).toEqual([
      expect.objectContaining({
        path: settingsApk,
        packageName: 'io.appium.settings',
        label: 'Appium Settings',
        launchableActivity: 'io.appium.settings.Settings',
        signing: {
          schemes: [2],
          certificates: [
            expect.objectContaining({
              sha256: '05EE28FA5928913FCBDA0B2534E1456966FDD97B08B65059261B17123ADCB180',
              subject: 'C=US, O=Android, CN=Android Debug',
            }),
          ],
        },
      }),
    ]);
    // Absent values are explicit nulls, so every identity has the same keys.
    expect((parsed as Array<Record<string, unknown>>)[0]).toHaveProperty('components.0.targetActivity', null);
  });

  it('prints a readable block with components grouped by kind', async () => {
    const result = await runCli(['inspect-apk', settingsApk], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  package      io.appium.settings\n');
    expect(result.stdout).toMatch(/ {4}notification-listener \(1\)\n {6}io\.appium\.settings\.NLService/);
    expect(result.stdout).toContain('SHA-256  05EE28FA5928913FCBDA0B2534E1456966FDD97B08B65059261B17123ADCB180');
  });

  it('runs as `node bin/stalkerbench.js inspect-apk`', () => {
    const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
    const stdout = execFileSync(process.execPath, [join(repoRoot, 'bin', 'stalkerbench.js'), 'inspect-apk', '--json', settingsApk], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toHaveLength(1);
  });

  it.each([
    ['page.apk', 'APK_INVALID', 'is not an APK'],
    ['truncated.apk', 'APK_INVALID', 'is truncated'],
    ['no-manifest.apk', 'APK_NO_MANIFEST', 'has no AndroidManifest.xml'],
    ['missing.apk', 'FILE_NOT_FOUND', 'does not exist'],
  ])('exits 2 for %s with %s', async (file, code, text) => {
    const result = await runCli(['inspect-apk', file], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error ${code}: `);
    expect(result.stderr).toContain(join(dir, file));
    expect(result.stderr).toContain(text);
    expect(result.stderr).toMatch(/\nhint: /);
  });

  it('reads every APK even when one fails, and still exits 2', async () => {
    const result = await runCli(['inspect-apk', '--json', 'missing.apk', settingsApk], dir);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    expect(result.stderr).toContain('FILE_NOT_FOUND');
  });

  it('exits 2 with USAGE for no APK or an unknown option', async () => {
    for (const argv of [['inspect-apk'], ['inspect-apk', '--jsn', 'x.apk']]) {
      const result = await runCli(argv, dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('error USAGE: ');
    }
  });

  it('documents its exit codes in --help', async () => {
    const result = await runCli(['inspect-apk', '--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage: stalkerbench inspect-apk <apk…> [--json]');
    expect(result.stdout).toMatch(/0 {2}every APK was read/);
    expect(result.stdout).toMatch(/2 {2}bad input/);
  });
});
