import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import type { Identification } from '../harness/cli/identify.ts';
import { main } from '../harness/cli/main.ts';
import { readApkIdentity } from '../harness/apk/index.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const apks = path.join(repoRoot, 'scenarios/apks');
const realIoc = path.join(repoRoot, '../shared/data/stalkerware-indicators/ioc.yaml');
const realWatchware = path.join(repoRoot, '../shared/data/stalkerware-indicators/watchware.yaml');

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, cwd, env: {} };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('stalkerbench identify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sb-identify-'));
    // Indicators in the real format, written here: the family lists only the main package, and
    // the certificate of the demo TheTruthSpy fixtures, so the renamed one is found by certificate.
    const signer = (await readApkIdentity(path.join(apks, 'stalkerware-thetruthspy.apk'))).signing.certificates[0]?.sha1;
    if (signer === undefined) throw new Error('the thetruthspy fixture has no signer certificate');
    await writeFile(path.join(dir, 'ioc.yaml'), [
      '- name: TheTruthSpy',
      '  names: [TheTruthSpy]',
      '  type: stalkerware',
      '  packages: [com.systemservice]',
      `  certificates: [${signer.toLowerCase()}]`,
      '  websites: [thetruthspy.com]',
      '  c2: { domains: [example.invalid] }',
      '',
    ].join('\n'));
    await writeFile(path.join(dir, 'watchware.yaml'), '- name: Life360\n  type: watchware\n  packages: [com.life360.android.safetymapd]\n');
    await writeFile(path.join(dir, 'broken.yaml'), '- name: X\n  type: stalkerware\n  packages: [a.b\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('matches by package and by certificate, prints JSON in argument order', async () => {
    const files = ['stalkerware-thetruthspy.apk', 'stalkerware-thetruthspy-renamed.apk', 'watchware-life360.apk', 'clean-pocket-notes.apk']
      .map((name) => path.join(apks, name));
    const result = await run(['identify', ...files, '--indicators', 'ioc.yaml', '--watchware', 'watchware.yaml', '--json'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as Identification[];
    expect(parsed.map((item) => [item.packageName, item.matches])).toEqual([
      ['com.systemservice', [
        { family: 'TheTruthSpy', type: 'stalkerware', matchedBy: 'package' },
        { family: 'TheTruthSpy', type: 'stalkerware', matchedBy: 'certificate' },
      ]],
      ['com.apspy.app', [{ family: 'TheTruthSpy', type: 'stalkerware', matchedBy: 'certificate' }]],
      ['com.life360.android.safetymapd', [{ family: 'Life360', type: 'watchware', matchedBy: 'package' }]],
      ['org.example.pocketnotes', []],
    ]);
    expect(parsed[1]?.label).toBe('Wi-Fi');
  });

  it('prints a readable block per APK', async () => {
    const result = await run(['identify', path.join(apks, 'clean-sky-weather.apk'), '--indicators', 'ioc.yaml'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('package      org.example.skyweather');
    expect(result.stdout).toContain('no match in the indicators');
  });

  it('bad input exits 2 with a code and writes nothing', async () => {
    const before = (await readdir(dir)).sort();
    const apk = path.join(apks, 'clean-sky-weather.apk');
    const cases: Array<[string[], string]> = [
      [['identify', apk], 'USAGE'],
      [['identify', '--indicators', 'ioc.yaml'], 'USAGE'],
      [['identify', apk, '--indicators', 'missing.yaml'], 'CONFIG_NOT_FOUND'],
      [['identify', apk, '--indicators', 'broken.yaml'], 'INDICATORS_INVALID'],
      [['identify', 'no-such.apk', '--indicators', 'ioc.yaml'], 'FILE_NOT_FOUND'],
      [['identify', 'ioc.yaml', '--indicators', 'ioc.yaml'], 'APK_INVALID'],
    ];
    for (const [argv, code] of cases) {
      const result = await run(argv, dir);
      expect(result.stderr, argv.join(' ')).toMatch(new RegExp(`^error ${code}: `));
      expect(result.code, argv.join(' ')).toBe(2);
    }
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('documents options and exit codes in --help', async () => {
    const help = await run(['identify', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--indicators <file>');
    expect(help.stdout).toMatch(/exit codes:\n {2}0 .*\n {2}2 .*\n {2}3 /);
  });

  it.skipIf(!existsSync(realIoc))('finds every demo stalkerware sample in the real indicators, and the watchware in watchware.yaml', async () => {
    const files = (await readdir(apks)).filter((name) => /^(stalkerware|watchware)-.*\.apk$/.test(name)).sort();
    const result = await run(['identify', ...files.map((name) => path.join(apks, name)), '--indicators', realIoc, '--watchware', realWatchware, '--json'], dir);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as Identification[];
    expect(parsed).toHaveLength(files.length);
    for (const [index, item] of parsed.entries()) {
      const expectedType = files[index]?.startsWith('watchware-') ? 'watchware' : 'stalkerware';
      expect(item.matches, item.packageName).toContainEqual(expect.objectContaining({ type: expectedType, matchedBy: 'package' }));
    }
  });
});
