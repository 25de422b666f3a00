import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentityFromBuffer } from '../harness/apk/index.ts';
import type { CliIo } from '../harness/cli/command.ts';
import { main } from '../harness/cli/main.ts';
import { finalOutcomes, readResults, readRoundFile } from '../harness/results/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { buildUnsignedApkFromFolder, createSigningKey, signApk } from './support/apk-builder.ts';
import { createRoundWorkspace, type RoundWorkspace } from './support/round-workspace.ts';

/**
 * A vendor's CI: the product profile still pins the last release, and the pipeline tests its new
 * build with `run --product <id>=<apk> --output <dir>` without editing any YAML. The build is a
 * test-only debug build, which Android installs only with `adb install -t`.
 */
describe('stalkerbench run --product / --output (a vendor testing its pre-release build)', () => {
  let workspace: RoundWorkspace;
  let build = '';
  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'vendor-ci', portBase: 9_600, instances: 1, products: ['sentinel', 'namecheck'], samples: ['mspy'], modes: ['real-time'],
      expectedDelays: { realTimeAlertMs: 3_000 },
    });
    // The profile's pin is stale (the last release); the build to test sits where CI left it.
    await workspace.edit('scenarios/products/sentinel.yaml', (text) => text.replace(/sha256: [0-9a-f]{64}/, `sha256: ${'ab'.repeat(32)}`));
    // The build is a debug build as Android Studio makes it: test-only, signed with the vendor's
    // debug key. Android installs it only with `adb install -t`, which the harness then uses.
    await mkdir(join(workspace.dir, 'build'), { recursive: true });
    build = join(workspace.dir, 'build/sentinel-4.3.0-rc1.apk');
    const scratch = join(workspace.home.tmp, 'build-debug');
    await mkdir(scratch, { recursive: true });
    const unsigned = await buildUnsignedApkFromFolder(scratch, 'sentinel-debug', join(REPO_ROOT, 'scenarios/fixtures/product-sentinelav'),
      (manifest) => manifest.replace('<application ', '<application android:testOnly="true" android:debuggable="true" '));
    await signApk(unsigned, build, await createSigningKey(scratch, { name: 'debug', algorithm: 'RSA', dname: 'CN=Android Debug, O=Android, C=US' }), { v1: true, v2: true, v3: false });
    expect(readApkIdentityFromBuffer(await readFile(build), build)).toMatchObject({ packageName: 'com.sentinelav.mobile', testOnly: true });
  }, 120_000);
  afterAll(async () => { await workspace.remove(); });

  function io(): CliIo & { text(): string } {
    let text = '';
    return { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env, text: () => text };
  }

  it('refuses a bad --product before touching any device, naming the flag and the fix (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--product', 'nope=build/sentinel-4.3.0-rc1.apk'], /--product nope=.*: the round has no product 'nope'[\s\S]*products of this round: sentinel, namecheck/],
      [['--products', 'sentinel,nope'], /--products nope: the round has no product 'nope'/],
      [['--products', 'namecheck', '--product', 'sentinel=build/sentinel-4.3.0-rc1.apk'], /'sentinel' is not among --products namecheck/],
      [['--products', 'sentinel,'], /--products sentinel,: an empty product id/],
      [['--product', 'sentinel=build/missing.apk'], /FILE_NOT_FOUND.*--product sentinel=build\/missing\.apk: no such file/],
      [['--product', 'sentinel=scenarios/apks/product-namecheck.apk'], /--product sentinel: declared com\.sentinelav\.mobile but scenarios\/apks\/product-namecheck\.apk is /],
      [['--product', 'sentinel'], /--product sentinel: expected <product id>=<apk file>/],
      [['--product', 'sentinel=build/sentinel-4.3.0-rc1.apk', '--product', 'sentinel=build/other.apk'], /--product sentinel is given twice/],
    ];
    for (const [flags, message] of cases) {
      const run = io();
      expect(await main(['run', workspace.roundFile, ...flags, '--output', 'out/refused'], run), run.text()).toBe(2);
      expect(run.text()).toMatch(message);
    }
    // Without the flag, the stale pin refuses the round as it should.
    const stale = io();
    expect(await main(['run', workspace.roundFile, '--output', 'out/refused'], stale)).toBe(2);
    expect(stale.text()).toMatch(/sentinel\.yaml:\d+ apk\.sha256/);
    expect(existsSync(join(workspace.dir, 'out/refused'))).toBe(false);
  }, 120_000);

  it('runs the round with the build, pins and records its SHA-256, and writes to --output', async () => {
    const run = io();
    const flags = ['--products', 'sentinel', '--product', 'sentinel=build/sentinel-4.3.0-rc1.apk', '--output', 'out/ci-1234'];
    expect(await main(['run', workspace.roundFile, ...flags], run), run.text()).toBe(0);
    expect(run.text()).toMatch(/product sentinel: testing build\/sentinel-4\.3\.0-rc1\.apk \(sha256 [0-9a-f]{64}\) instead of the APK its profile names/);
    const outputDir = join(workspace.dir, 'out/ci-1234');
    const round = await readRoundFile(outputDir);
    expect(round.products).toEqual([expect.objectContaining({ id: 'sentinel', apkSha256: sha256(await readFile(build)), versionName: expect.any(String) })]);
    const truth = await loadGroundTruth();
    const finals = finalOutcomes((await readResults(outputDir)).results);
    // Only the vendor's product ran: one sample × one mode.
    expect(round.plan.cases.map((c) => c.productId)).toEqual(['sentinel']);
    expect(finals.size).toBe(1);
    for (const planned of round.plan.cases) {
      const result = finals.get(planned.caseId);
      expect({ status: result?.status, ...(result ? observedOutcomeOf(result) : {}) }).toEqual({ status: 'completed', ...expectedOutcomeOf(truth, planned) });
    }
    expect(existsSync(join(outputDir, 'index.html'))).toBe(true);
    // The round's own output.dir was never used.
    expect(existsSync(workspace.outputDir)).toBe(false);

    // The same folder with another selection of products is refused: one folder, one plan.
    const other = io();
    expect(await main(['run', workspace.roundFile, '--resume', '--products', 'namecheck', '--output', 'out/ci-1234'], other)).toBe(2);
    expect(other.text()).toMatch(/out\/ci-1234 holds a run of other cases \(1 planned now were not planned then, 1 planned then are not now\)/);
    // The same selection again: already finished, nothing to run.
    const again = io();
    expect(await main(['run', workspace.roundFile, ...flags], again)).toBe(0);
    expect(again.text()).toMatch(/round already finished/);
  }, 600_000);
});
