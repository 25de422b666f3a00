import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import PQueue from 'p-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isHarnessError } from '../harness/errors/index.ts';
import { buildAllFixtures, type BuildAllResult } from '../scripts/fixtures/build-all-fixtures.ts';
import type { BuiltFixture } from '../scripts/fixtures/build-fixture.ts';
import { FIXTURE_PATHS } from '../scripts/fixtures/fixture-paths.ts';
import { listFixtures, type FixtureSource } from '../scripts/fixtures/list-fixtures.ts';
import { parseApksignerVerify, type VerifyReport } from '../scripts/fixtures/parse-apksigner-verify.ts';
import { runTool } from '../scripts/fixtures/run-tool.ts';

// Builds the real fixture sources twice into private temp folders (never scenarios/apks, which
// other test files read) and checks what the sample catalogue relies on.
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const IOC_FILE = join(REPO_ROOT, '..', 'shared', 'data', 'stalkerware-indicators', 'ioc.yaml');

const scratch: string[] = [];
let fixtures: FixtureSource[] = [];
let first: BuiltFixture[] = [];
let second: BuiltFixture[] = [];
const reports = new Map<string, VerifyReport>();

async function makeScratch(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `stalkerbench-${prefix}-`));
  scratch.push(dir);
  return dir;
}

function builtOnly(result: BuildAllResult): BuiltFixture[] {
  if (result.status !== 'built') throw new Error(`expected a build, got ${result.status}`);
  return result.fixtures;
}

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

function manifestPackage(manifest: string): string | undefined {
  return /<manifest\b[^>]*\bpackage="([^"]+)"/s.exec(manifest)?.[1];
}

async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the build to fail');
}

beforeAll(async () => {
  fixtures = await listFixtures(FIXTURE_PATHS.fixturesDir, FIXTURE_PATHS.keysDir);
  first = builtOnly(await buildAllFixtures({ outDir: await makeScratch('apks-a') }));
  second = builtOnly(await buildAllFixtures({ outDir: await makeScratch('apks-b') }));
  const queue = new PQueue({ concurrency: 2 });
  await Promise.all(first.map((apk) => queue.add(async () => {
    const { stdout } = await runTool('apksigner', ['verify', '-v', '--print-certs', apk.file]);
    reports.set(apk.id, parseApksignerVerify(stdout));
  })));
  // Two full builds of every fixture (38 APKs with the real-shapes products, ShapeGuard, ShapeGuard Plus and QuietGuard's split set), each APK signed and verified.
}, 600_000);

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('fixture APK build', () => {
  it('has the fixtures the brief asks for', () => {
    const count = (kind: string): number => fixtures.filter((fixture) => fixture.config.kind === kind).length;
    expect(count('stalkerware')).toBeGreaterThanOrEqual(8);
    expect(count('watchware')).toBe(2);
    expect(count('clean')).toBe(2);
    // The five demo products, the six trust products of test/fixtures/trust/, FullList (longlist),
    // WatchTower (overlay) and Beacon Shield (silentnotify), and the five real-shapes products
    // (Brightwall, Pinecrest, Quietbell, Labelwise, Keystone: scenarios/rounds/real-shapes.yaml), and
    // ShapeGuard (shape-product-shapeguard: the results-shapes and remediation tests), its PUA variant ShapeGuard
    // Plus (shape-product-shapeguard-pua: several threats in one dialog / notifications), and QuietGuard as a
    // split APK set (product-quietguard-split: base + config.de, and the .apks; issue 15).
    expect(count('product')).toBe(22);
    expect(fixtures.filter((fixture) => fixture.config.kind === 'product' && fixture.id.startsWith('trust-'))).toHaveLength(9);
    expect(first.map((apk) => apk.id).sort()).toEqual(fixtures.map((fixture) => fixture.id).sort());
  });

  it('is byte-identical when built twice', async () => {
    const byId = new Map(second.map((apk) => [apk.id, apk]));
    for (const apk of first) {
      const again = byId.get(apk.id);
      expect(again, apk.id).toBeDefined();
      if (!again) continue;
      expect(again.sha256, apk.id).toBe(apk.sha256);
      expect(await sha256Of(again.file), apk.id).toBe(await sha256Of(apk.file));
    }
    // A split fixture's split APK and .apks archive are reproducible too.
    const split = first.find((apk) => apk.id === 'product-quietguard-split')!;
    const splitAgain = byId.get('product-quietguard-split')!;
    for (const name of ['product-quietguard-split.apks', 'splits/product-quietguard-split/split_config.de.apk']) {
      expect(await sha256Of(join(splitAgain.file, '..', name)), name).toBe(await sha256Of(join(split.file, '..', name)));
    }
  });

  it('signs every APK so that apksigner verify accepts it with the schemes of fixture.yaml', () => {
    for (const fixture of fixtures) {
      const report = reports.get(fixture.id);
      expect(report?.verified, fixture.id).toBe(true);
      // Without --min-sdk-version apksigner skips v1 from minSdkVersion 24, so only v2/v3 are exact here.
      expect(report?.schemes[2] ?? false, fixture.id).toBe(fixture.config.v2);
      expect(report?.schemes[3] ?? false, fixture.id).toBe(fixture.config.v3);
    }
  });

  it('builds a v2-only fixture that verifies with v1=false, v2=true, v3=false', () => {
    const v2Only = fixtures.filter(({ config }) => !config.v1 && config.v2 && !config.v3);
    expect(v2Only.length).toBeGreaterThanOrEqual(1);
    for (const fixture of v2Only) {
      expect(reports.get(fixture.id)?.schemes, fixture.id).toMatchObject({ 1: false, 2: true, 3: false });
    }
  });

  it('reports an EC P-256 signer exactly for the fixtures with an EC test key', async () => {
    let ecFixtures = 0;
    for (const fixture of fixtures) {
      const certificate = new X509Certificate(await readFile(fixture.key.certificate));
      const isEc = certificate.publicKey.asymmetricKeyType === 'ec';
      const signer = reports.get(fixture.id)?.signers[0];
      expect(signer?.keyAlgorithm, fixture.id).toBe(isEc ? 'EC' : 'RSA');
      if (isEc) {
        ecFixtures += 1;
        expect(signer?.keySize, fixture.id).toBe(256);
      }
      expect(signer?.certificateSha256, fixture.id).toBe(certificate.fingerprint256.replaceAll(':', '').toLowerCase());
    }
    expect(ecFixtures).toBeGreaterThanOrEqual(1);
  });

  it('gives every APK the package name of its source manifest (aapt dump badging) and no code', async () => {
    for (const apk of first) {
      const fixture = fixtures.find((candidate) => candidate.id === apk.id);
      const expected = manifestPackage(await readFile(join(fixture?.dir ?? '', 'AndroidManifest.xml'), 'utf8'));
      expect(expected, apk.id).toBeDefined();
      const { stdout } = await runTool('aapt', ['dump', 'badging', apk.file]);
      expect(/^package: name='([^']+)'/m.exec(stdout)?.[1], apk.id).toBe(expected);
      // Benign by construction: no code at all.
      const { stdout: entries } = await runTool('aapt', ['list', apk.file]);
      expect(entries.split('\n').filter((entry) => entry.endsWith('.dex')), apk.id).toEqual([]);
      expect(entries, apk.id).toContain('AndroidManifest.xml');
    }
  });

  it.skipIf(!existsSync(IOC_FILE))('uses real stalkerware-indicators package names, one family twice', async () => {
    const families = parseYaml(await readFile(IOC_FILE, 'utf8')) as Array<{ name: string; packages?: string[] | null }>;
    const familyOf = new Map<string, string>();
    for (const family of families) for (const name of family.packages ?? []) familyOf.set(name, family.name);
    const seen = new Map<string, number>();
    for (const fixture of fixtures) {
      const name = manifestPackage(await readFile(join(fixture.dir, 'AndroidManifest.xml'), 'utf8')) ?? '';
      const family = familyOf.get(name);
      if (fixture.config.kind === 'stalkerware') {
        expect(family, `${fixture.id} (${name})`).toBeDefined();
        if (family) seen.set(family, (seen.get(family) ?? 0) + 1);
      } else {
        expect(family, `${fixture.id} (${name}) must not be listed as stalkerware`).toBeUndefined();
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
    expect([...seen.values()].some((fixturesOfFamily) => fixturesOfFamily >= 2)).toBe(true);
  });
});

describe('fixture build edge cases', () => {
  it('skips a fresh build with --if-stale, silently, and rebuilds after a source change', async () => {
    const fixturesDir = await makeScratch('fixtures-stale');
    const outDir = await makeScratch('apks-stale');
    await cp(join(FIXTURE_PATHS.fixturesDir, 'product-quietguard'), join(fixturesDir, 'product-quietguard'), { recursive: true });
    const built = builtOnly(await buildAllFixtures({ fixturesDir, outDir, ifStale: true }));
    expect(built.map((apk) => apk.id)).toEqual(['product-quietguard']);
    expect((await buildAllFixtures({ fixturesDir, outDir, ifStale: true })).status).toBe('fresh');

    const strings = join(fixturesDir, 'product-quietguard', 'res', 'values', 'strings.xml');
    await writeFile(strings, (await readFile(strings, 'utf8')).replace('QuietGuard Scanner', 'QuietGuard Scanner Beta'));
    const rebuilt = builtOnly(await buildAllFixtures({ fixturesDir, outDir, ifStale: true }));
    expect(rebuilt[0]?.sha256).not.toBe(built[0]?.sha256);

    await rm(join(outDir, 'product-quietguard.apk'));
    expect((await buildAllFixtures({ fixturesDir, outDir, ifStale: true })).status).toBe('built');
  });

  it('prints nothing from the CLI when --if-stale finds the APKs fresh', async () => {
    const outDir = scratch.find((dir) => dir.includes('apks-a')) ?? '';
    const result = await execa('node', ['bin/run-ts.js', 'scripts/build-fixtures.ts', '--if-stale', '--out', outDir], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('rejects a bad fixture.yaml naming file and field, before running any tool', async () => {
    const fixturesDir = await makeScratch('fixtures-bad');
    const target = join(fixturesDir, 'bad-key');
    await cp(join(FIXTURE_PATHS.fixturesDir, 'clean-pocket-notes'), target, { recursive: true });
    await writeFile(join(target, 'fixture.yaml'), 'key: testkey-does-not-exist\nv1: "yes"\nv2: true\nv3: false\nkind: clean\n');
    const error = await expectRejection(buildAllFixtures({ fixturesDir, outDir: await makeScratch('apks-bad') }));
    expect(isHarnessError(error, 'CONFIG_INVALID')).toBe(true);
    if (!isHarnessError(error)) return;
    expect(error.message).toContain(join('bad-key', 'fixture.yaml'));
    expect(error.message).toMatch(/\bkey\b/);
    expect(error.message).toMatch(/\bv1\b/);
    expect(error.details.some((detail) => /fixture\.yaml:1 key: unknown key id/.test(detail))).toBe(true);
    expect(error.details.some((detail) => /fixture\.yaml:2 v1:/.test(detail))).toBe(true);
  });

  it('leaves no half-written APK and no stamp when a fixture fails to build', async () => {
    const fixturesDir = await makeScratch('fixtures-broken');
    const outDir = await makeScratch('apks-broken');
    const target = join(fixturesDir, 'broken-manifest');
    await cp(join(FIXTURE_PATHS.fixturesDir, 'clean-pocket-notes'), target, { recursive: true });
    const manifest = join(target, 'AndroidManifest.xml');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('@string/app_name', '@string/no_such_string'));
    const error = await expectRejection(buildAllFixtures({ fixturesDir, outDir }));
    expect(isHarnessError(error, 'FIXTURE_BUILD_FAILED')).toBe(true);
    expect(await readdir(outDir)).toEqual([]);
  });
});
