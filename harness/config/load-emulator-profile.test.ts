import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/index.ts';
import { loadEmulatorProfile, loadEmulatorProfiles } from './load-emulator-profile.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const VALID = `name: test-api33
avd: test_api33
apiLevel: 33
release: "13"
systemImage: system-images;android-33;google_apis;x86_64
device:
  manufacturer: Google
  model: sdk_gphone64_x86_64
  name: emu64x
  screen: { width: 1080, height: 2400, density: 420 }
`;

async function rejection(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${String(error)}`);
  return error;
}

describe('emulator profiles', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'sb-profile-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('loads the profiles shipped in emulator-configs/', async () => {
    const profiles = await loadEmulatorProfiles(path.join(repoRoot, 'emulator-configs'));
    expect(profiles.map((profile) => profile.name)).toEqual(['pixel-api29', 'pixel-api33']);
    const api33 = profiles[1];
    expect(api33?.apiLevel).toBe(33);
    expect(api33?.device.screen).toEqual({ width: 1080, height: 2400, density: 420 });
    expect(api33?.instances).toBe(2);
  });

  it('fills defaults', async () => {
    await writeFile(path.join(dir, 'p.yaml'), VALID);
    const profile = await loadEmulatorProfile(path.join(dir, 'p.yaml'));
    expect(profile.snapshot).toBe('stalkerbench-clean');
    expect(profile.instances).toBe(1);
    expect(profile.bootTimeoutMs).toBe(180_000);
  });

  it('reports every problem with file, line and field path', async () => {
    const text = VALID.replace('apiLevel: 33', 'apiLevel: thirty').replace('  name: emu64x\n', '  name: emu64x\n  colour: red\n')
      .replace('density: 420', 'density: -1');
    await writeFile(path.join(dir, 'p.yaml'), text);
    const error = await rejection(loadEmulatorProfile('p.yaml', { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toEqual(expect.arrayContaining([
      "p.yaml:3 apiLevel: expected a number, got string 'thirty'",
      'p.yaml:10 device.colour: unknown key (allowed here: manufacturer, model, name, screen)',
      expect.stringMatching(/^p\.yaml:11 device\.screen\.density: /),
    ]));
  });

  it('suggests the closest key for a typo and points at missing fields', async () => {
    await writeFile(path.join(dir, 'p.yaml'), VALID.replace('avd:', 'adv:'));
    const error = await rejection(loadEmulatorProfile('p.yaml', { cwd: dir }));
    expect(error.details).toContain("p.yaml:2 adv: unknown key (did you mean 'avd'?)");
    expect(error.details).toContain('p.yaml:1 avd: required field is missing');
  });

  it('checks that the system image matches the API level', async () => {
    await writeFile(path.join(dir, 'p.yaml'), VALID.replace('apiLevel: 33', 'apiLevel: 29'));
    const error = await rejection(loadEmulatorProfile(path.join(dir, 'p.yaml'), { cwd: dir }));
    expect(error.details).toEqual(['p.yaml:5 systemImage: system image is for API 33 but apiLevel is 29']);
  });

  it('reports YAML syntax errors with a line', async () => {
    await writeFile(path.join(dir, 'p.yaml'), `${VALID}extra: [unclosed\n`);
    const error = await rejection(loadEmulatorProfile('p.yaml', { cwd: dir }));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.details[0]).toMatch(/^p\.yaml:1[12] /);
  });

  it('reports a missing file and duplicate names', async () => {
    expect((await rejection(loadEmulatorProfile('nope.yaml', { cwd: dir }))).code).toBe('CONFIG_NOT_FOUND');
    await writeFile(path.join(dir, 'a.yaml'), VALID);
    await writeFile(path.join(dir, 'b.yaml'), VALID);
    const error = await rejection(loadEmulatorProfiles(dir));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain("'test-api33'");
  });
});
