import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countCases, loadProductProfile, loadRound, loadSampleCatalogue, protocolsFor } from '../harness/config/index.ts';
import { HarnessError } from '../harness/errors/index.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

async function rejection(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${String(error)}`);
  return error;
}

describe('loading rounds', () => {
  let dir: string;
  const roundFile = (): string => path.join(dir, 'scenarios/rounds/demo.yaml');
  async function writeRound(text: string, name = 'demo.yaml'): Promise<string> {
    const file = path.join(dir, 'scenarios/rounds', name);
    await writeFile(file, text);
    return file;
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sb-round-'));
    for (const part of ['scenarios/rounds', 'scenarios/products', 'scenarios/samples', 'emulator-configs']) {
      await cp(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
    }
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves the demo round into absolute paths, loaded profiles and defaults', async () => {
    const round = await loadRound(roundFile(), { cwd: dir });
    expect(round.file).toBe(roundFile());
    expect(round.products.map((product) => product.id)).toEqual(['sentinel', 'quietguard', 'namecheck', 'thoroughshield', 'overcautious']);
    expect(round.products[0]?.apk.file).toBe(path.join(dir, 'scenarios/apks/product-sentinelav.apk'));
    expect(round.samples).toHaveLength(14);
    expect(round.samples[0]?.file).toBe(path.join(dir, 'scenarios/apks/stalkerware-thetruthspy.apk'));
    expect(round.samples[0]?.catalogue).toBe(path.join(dir, 'scenarios/samples/demo-catalogue.yaml'));
    // The demo's own count of emulators (devices: [{ profile: pixel-api33, instances: 6 }]), not the profile's 2.
    expect(round.devices).toMatchObject({ kind: 'emulators', profiles: [{ name: 'pixel-api33', instances: 6 }] });
    expect(round.output.dir).toBe(path.join(dir, 'reports/demo'));
    expect(round.detection.safetyAdvicePatterns.length).toBeGreaterThan(0);
    expect(round.concurrency).toBe(6);
    // Unquoted resource ids inside flow mappings parse as one string.
    expect(round.products[0]?.flows.scan[0]).toEqual({ action: 'tap', args: { id: 'com.sentinelav.mobile:id/scan_button' } });
    expect(countCases({ ...round, deviceProfiles: 1 })).toBe(140);
  });

  it('accepts products by path, a sample subset and fills defaults', async () => {
    const file = await writeRound([
      'id: small',
      'title: Small',
      'products: [../products/quietguard.yaml]',
      'samples:',
      '  - catalogue: ../samples/demo-catalogue.yaml',
      '    select: [mspy, letmespy]',
      'devices: [pixel-api29, pixel-api33]',
      'output: { dir: out }',
      '',
    ].join('\n'), 'small.yaml');
    const round = await loadRound(file, { cwd: dir });
    expect(round.products.map((product) => product.id)).toEqual(['quietguard']);
    expect(round.samples.map((sample) => sample.id)).toEqual(['mspy', 'letmespy']);
    expect(round.modes).toEqual(['on-demand']);
    expect(round.repetitions).toBe(1);
    expect(round.timeouts).toEqual({ caseMs: 900_000, stepMs: 15_000, alertWatchMs: 60_000 });
    expect(round.appium).toBe('local');
    expect(round.output.dir).toBe(path.join(dir, 'scenarios/rounds/out'));
    expect(countCases({ ...round, deviceProfiles: 2 })).toBe(4);
  });

  it('takes a round\'s own emulator count for a profile, and refuses a profile listed twice', async () => {
    const lines = (devices: string): string => [
      'id: many', 'title: Many', 'products: [sentinel]', 'samples:', '  - catalogue: ../samples/demo-catalogue.yaml', '    select: [mspy]',
      `devices: ${devices}`, 'output: { dir: out }', '',
    ].join('\n');
    const round = await loadRound(await writeRound(lines('[pixel-api29, { profile: pixel-api33, instances: 5 }]'), 'many.yaml'), { cwd: dir });
    expect(round.devices).toMatchObject({ kind: 'emulators', profiles: [{ name: 'pixel-api29', instances: 1 }, { name: 'pixel-api33', instances: 5 }] });
    // The profile file keeps its own count for every other round.
    expect(await readFile(path.join(dir, 'emulator-configs/pixel-api33.yaml'), 'utf8')).toContain('instances: 2');

    const twice = await rejection(loadRound(await writeRound(lines('[pixel-api33, { profile: pixel-api33, instances: 3 }]'), 'twice.yaml'), { cwd: dir }));
    expect(twice.code).toBe('CONFIG_INVALID');
    expect(twice.message).toMatch(/devices\[1\]: 'pixel-api33' is listed twice/);
    expect(twice.hint).toContain('{ profile: pixel-api33, instances: N }');

    const zero = await rejection(loadRound(await writeRound(lines('[{ profile: pixel-api33, instances: 0 }]'), 'zero.yaml'), { cwd: dir }));
    expect(zero.code).toBe('CONFIG_INVALID');
    expect([zero.message, ...(zero.details ?? [])].join('\n')).toMatch(/devices/);

    const unknown = await rejection(loadRound(await writeRound(lines('[{ profile: pixel-api99, instances: 2 }]'), 'unknown.yaml'), { cwd: dir }));
    expect(unknown.code).toBe('REFERENCE_UNDEFINED');
    expect([unknown.message, ...(unknown.details ?? [])].join('\n')).toMatch(/devices\[0\]\.profile: emulator profile 'pixel-api99' is not defined/);
  });

  it('names an undefined sample id and an undefined catalogue at their lines', async () => {
    const file = await writeRound([
      'id: refs',
      'title: Refs',
      'products: [sentinel]',
      'samples:',
      '  - catalogue: ../samples/demo-catalogue.yaml',
      '    select: [mspy, nospy]',
      '  - catalogue: ../samples/other.yaml',
      'devices: [pixel-api33]',
      '',
    ].join('\n'), 'refs.yaml');
    const error = await rejection(loadRound(file, { cwd: dir }));
    expect(error.code).toBe('REFERENCE_UNDEFINED');
    expect(error.details).toEqual(expect.arrayContaining([
      expect.stringMatching(/^REFERENCE_UNDEFINED: scenarios\/rounds\/refs\.yaml:6 samples\[0\]\.select\[1\]: sample 'nospy' is not defined \(defined in scenarios\/samples\/demo-catalogue\.yaml: thetruthspy, /),
      expect.stringMatching(/^REFERENCE_UNDEFINED: scenarios\/rounds\/refs\.yaml:7 samples\[1\]\.catalogue: sample catalogue '\.\.\/samples\/other\.yaml' is not defined/),
    ]));
  });

  it('refuses to put monitoring samples on physical phones unless allowed', async () => {
    const base = [
      'id: phones',
      'title: Phones',
      'products: [sentinel]',
      'samples:',
      '  - catalogue: ../samples/demo-catalogue.yaml',
      '    select: [SELECT]',
      'devices:',
      '  physical: { serials: [R58M123ABC] ALLOW}',
      'modes: [on-demand, false-positive]',
      '',
    ].join('\n');
    const refused = await rejection(loadRound(await writeRound(base.replace('SELECT', 'mspy, pocket-notes').replace(' ALLOW', ''), 'p1.yaml'), { cwd: dir }));
    expect(refused.code).toBe('PHYSICAL_DEVICE_REFUSED');
    expect(refused.message).toContain('(mspy)');
    const cleanOnly = await loadRound(await writeRound(base.replace('SELECT', 'pocket-notes').replace(' ALLOW', ''), 'p2.yaml'), { cwd: dir });
    expect(cleanOnly.devices).toEqual({ kind: 'physical', serials: ['R58M123ABC'], allowSamples: false });
    const allowed = await loadRound(await writeRound(base.replace('SELECT', 'mspy').replace(' ALLOW', ', allowSamples: true '), 'p3.yaml'), { cwd: dir });
    expect(allowed.devices).toMatchObject({ kind: 'physical', allowSamples: true });
  });

  it('requires the false-positive mode for watchware and clean samples', async () => {
    const text = (await readFile(roundFile(), 'utf8')).replace('modes: [on-demand, real-time, false-positive]', 'modes: [on-demand, real-time]');
    const error = await rejection(loadRound(await writeRound(text), { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^scenarios\/rounds\/demo\.yaml:\d+ modes: life360 \(watchware\), qustodio \(watchware\), pocket-notes \(clean\), sky-weather \(clean\) would not run/);
  });

  it('reports schema problems of the round itself all at once', async () => {
    const text = (await readFile(roundFile(), 'utf8'))
      .replace('repetitions: 1', 'repetitions: 0')
      .replace('concurrency: 6', 'concurency: 6')
      .replace('appium: local', 'appium: remote');
    const error = await rejection(loadRound(await writeRound(text), { cwd: dir }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toHaveLength(3);
    expect(error.details).toEqual(expect.arrayContaining([
      expect.stringMatching(/^scenarios\/rounds\/demo\.yaml:\d+ repetitions: must be at least 1$/),
      expect.stringMatching(/^scenarios\/rounds\/demo\.yaml:\d+ concurency: unknown key \(did you mean 'concurrency'\?\)$/),
      expect.stringMatching(/^scenarios\/rounds\/demo\.yaml:\d+ appium: expected `local` or \{ urls: /),
    ]));
  });

  it('reads per-product licence limits and refuses a limit that is not a positive integer or names no product of the round', async () => {
    const base = [
      'id: limited',
      'title: Limited',
      'products: [sentinel, quietguard]',
      'samples:',
      '  - catalogue: ../samples/demo-catalogue.yaml',
      '    select: [mspy]',
      'devices: [pixel-api33]',
      'limits:',
      '  sentinel: { maxDevices: MAX }',
      'OTHER',
      '',
    ].join('\n');
    const fine = await loadRound(await writeRound(base.replace('MAX', '1').replace('OTHER', ''), 'l1.yaml'), { cwd: dir });
    expect(fine.limits).toEqual({ sentinel: { maxDevices: 1 } });
    const none = await loadRound(await writeRound(base.replace(/limits:\n.*\n/, '').replace('OTHER', ''), 'l2.yaml'), { cwd: dir });
    expect(none.limits).toEqual({});
    const zero = await rejection(loadRound(await writeRound(base.replace('MAX', '0').replace('OTHER', ''), 'l3.yaml'), { cwd: dir }));
    expect(zero.code).toBe('CONFIG_INVALID');
    expect(zero.details).toEqual([expect.stringMatching(/^scenarios\/rounds\/l3\.yaml:9 limits\.sentinel\.maxDevices: /)]);
    const half = await rejection(loadRound(await writeRound(base.replace('MAX', '1.5').replace('OTHER', ''), 'l4.yaml'), { cwd: dir }));
    expect(half.details).toEqual([expect.stringMatching(/^scenarios\/rounds\/l4\.yaml:9 limits\.sentinel\.maxDevices: /)]);
    const stranger = await rejection(loadRound(await writeRound(base.replace('MAX', '1').replace('OTHER', '  namecheck: { maxDevices: 2 }'), 'l5.yaml'), { cwd: dir }));
    expect(stranger.code).toBe('REFERENCE_UNDEFINED');
    expect(stranger.message).toMatch(/^scenarios\/rounds\/l5\.yaml:10 limits\.namecheck: product 'namecheck' \(limited here\) is not defined \(defined in the round's products: sentinel, quietguard\)/);
  });

  it('checks structured sample setup and product flows', async () => {
    const catalogue = path.join(dir, 'scenarios/samples/demo-catalogue.yaml');
    await writeFile(catalogue, (await readFile(catalogue, 'utf8'))
      .replace('      - grantRuntimePermissions: all\n      - launch: true\n      - type: { into: { id: "update.service.android:id/license_key" }', '      - grantRuntimePermissions: some\n      - enableAccessibilityService: "am start x; rm -rf /"\n      - type: { into: { id: "update.service.android:id/license_key" }'));
    const sampleError = await rejection(loadSampleCatalogue(catalogue, { cwd: dir }));
    expect(sampleError.details).toEqual([
      expect.stringMatching(/samples\[2\]\.setup\[0\]\.grantRuntimePermissions: expected `all` or a list of permission names/),
      expect.stringMatching(/samples\[2\]\.setup\[1\]\.enableAccessibilityService: expected a class name like .SyncService/),
    ]);
    const product = path.join(dir, 'scenarios/products/quietguard.yaml');
    await writeFile(product, (await readFile(product, 'utf8')).replace('    - tap: { desc: More options }', '    - shell: "pm clear org.quietguard.scanner"'));
    const productError = await rejection(loadProductProfile(product, { cwd: dir }));
    expect(productError.details).toEqual([expect.stringMatching(/^scenarios\/products\/quietguard\.yaml:\d+ flows\.update\[0\]\.shell: expected a list, got string/)]);
  });
});

describe('case counting', () => {
  it('runs stalkerware under each protocol and other kinds only with false-positive', () => {
    expect(protocolsFor('stalkerware', ['on-demand', 'real-time'])).toEqual(['on-demand', 'real-time']);
    expect(protocolsFor('clean', ['on-demand', 'real-time'])).toEqual([]);
    expect(protocolsFor('watchware', ['real-time', 'false-positive'])).toEqual(['real-time']);
    expect(protocolsFor('stalkerware', ['false-positive'])).toEqual(['on-demand']);
    expect(countCases({
      products: [1, 2],
      samples: [{ kind: 'stalkerware' }, { kind: 'clean' }],
      modes: ['on-demand', 'real-time', 'false-positive'],
      repetitions: 3,
      deviceProfiles: 2,
    })).toBe(2 * 2 * 3 * 4);
  });
});
