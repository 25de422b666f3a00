/**
 * Issue 15: products installed as split APK sets in a real round — QuietGuard's base + config.de split
 * (each pinned, test/fixtures/split/quietguard-split.yaml) and the same set as an .apks archive
 * (quietguard-apks.yaml) — installed with `adb install-multiple` through the real adb, Appium 3 +
 * UiAutomator2 and the virtual emulator, against TheTruthSpy's stand-in; verdicts as
 * scenarios/ground-truth.yaml gives them for QuietGuard. A tampered split refuses the round before any
 * device is touched (exit 2, the pin's file and line named, no case result at all).
 * Port block 14100–14199 (STALKERBENCH_PORT_BASE).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCommand } from '../harness/cli/run.ts';
import { exitCodeFor } from '../harness/errors/index.ts';
import { readRoundFile } from '../harness/results/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createRoundHome, runOneSampleRound, type RoundHome } from './support/one-sample-round.ts';

const SPLIT_PROFILE = join(REPO_ROOT, 'test/fixtures/split/quietguard-split.yaml');
const APKS_PROFILE = join(REPO_ROOT, 'test/fixtures/split/quietguard-apks.yaml');

describe('split APK sets in a round', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(14100); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('installs each product set with install-multiple and reaches the ground-truth verdict, recording every file', async () => {
    const truth = parseYaml(await readFile(join(REPO_ROOT, 'scenarios/ground-truth.yaml'), 'utf8')) as { products: Record<string, Record<string, Record<string, { detected: boolean; detectedBy: string[]; alerted: boolean }>>> };
    const expected = truth.products['quietguard']!['thetruthspy']!['on-demand']!;
    const { text, output, outcomes } = await runOneSampleRound(roundHome, {
      id: 'split-apks', title: 'Products as split APK sets', products: [SPLIT_PROFILE, APKS_PROFILE], modes: ['on-demand'], setup: false,
    });
    for (const id of ['quietguard-split', 'quietguard-apks']) {
      const outcome = outcomes.get(`${id}/on-demand`);
      expect(outcome, text).toBeDefined();
      expect({ status: outcome!.status, error: outcome!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
      expect({ detected: outcome!.detected, detectedBy: outcome!.detectedBy, alerted: outcome!.alerted }).toEqual(expected);
      const evidence = outcome!.evidence.find((item) => item.path.includes('product-apk-set'));
      expect(evidence, JSON.stringify(outcome!.evidence)).toBeDefined();
      const listed = await readFile(join(output, evidence!.path), 'utf8');
      expect(listed).toMatch(/ [0-9a-f]{64} +\d+ bytes +config\.de$/m);
    }
    const round = await readRoundFile(output);
    const split = round.products.find((p) => p.id === 'quietguard-split')!;
    expect(split.apkFiles?.map((file) => [file.name, file.split ?? 'base'])).toEqual([['product-quietguard-split.apk', 'base'], ['split_config.de.apk', 'config.de']]);
    expect(split.apkFiles?.[0]?.sha256).toBe(split.apkSha256);
    const archive = round.products.find((p) => p.id === 'quietguard-apks')!;
    expect(archive.apkFiles?.map((file) => [file.name, file.split ?? 'base'])).toEqual([['base-master.apk', 'base'], ['base-de.apk', 'config.de']]);
    // The archive's inner base is the same APK as the listed base: one hash per installed file.
    expect(archive.apkFiles?.[0]?.sha256).toBe(split.apkSha256);
  }, 600_000);

  it('refuses a round whose split does not match its pin, before any device, naming the pin', async () => {
    const dir = join(roundHome.home.home, 'tampered');
    await mkdir(join(dir, 'splits'), { recursive: true });
    const split = join(dir, 'splits/split_config.de.apk');
    await copyFile(join(REPO_ROOT, 'scenarios/apks/splits/product-quietguard-split/split_config.de.apk'), split);
    await writeFile(split, Buffer.from('tampered'), { flag: 'a' });
    const profile = (await readFile(SPLIT_PROFILE, 'utf8'))
      .replace('../../../scenarios/apks/product-quietguard-split.apk', join(REPO_ROOT, 'scenarios/apks/product-quietguard-split.apk'))
      .replace('../../../scenarios/apks/splits/product-quietguard-split/split_config.de.apk', split);
    await writeFile(join(dir, 'quietguard-split.yaml'), profile);
    const roundFile = join(dir, 'round.yaml');
    await writeFile(roundFile, [
      'id: tampered-split', 'title: A tampered split', `products: [${join(dir, 'quietguard-split.yaml')}]`,
      'samples:', `  - catalogue: ${join(REPO_ROOT, 'scenarios/samples/demo-catalogue.yaml')}`, '    select: [thetruthspy]',
      'devices: [pixel-api33]', 'modes: [on-demand]', 'repetitions: 1', 'appium: local', 'detection: { categories: [], namePatterns: [] }', '',
    ].join('\n'));
    let text = '';
    const error: unknown = await runCommand([roundFile, '--output', join(dir, 'out')], {
      stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: REPO_ROOT, env: roundHome.env,
    }).then(() => undefined, (thrown: unknown) => thrown);
    // The CLI's main prints it and exits 2 (exitCodeFor).
    expect(exitCodeFor(error), text).toBe(2);
    expect(error).toMatchObject({ code: 'SAMPLE_HASH_MISMATCH' });
    expect((error as Error).message).toMatch(/quietguard-split\.yaml:\d+ apk\.splits\[0\]\.sha256: .*split_config\.de\.apk has SHA-256 [0-9a-f]{64}, pinned b3180d0f/);
    await expect(readRoundFile(join(dir, 'out'))).rejects.toThrow();
  }, 120_000);
});
