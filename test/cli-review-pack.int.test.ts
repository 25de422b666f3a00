import { readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openZip, readZipEntry } from '../harness/apk/zip-reader.ts';
import { copyFixtureRound, runCli } from './fixtures/rounds/report-test-kit.ts';

const cleanup: string[] = [];
afterEach(async () => {
  for (const path of cleanup.splice(0)) await rm(path, { recursive: true, force: true });
});

/** What names the other vendor of the basic round (bravo): id, package, name, vendor, APK hash. */
const BRAVO = ['bravo', 'com.bravo.mobile', 'Bravo Antivirus', 'Bravo Software', '133d632824bd30fab2e87ad9c5a1c394b7d928796766bc5ba20bcf185d868b3c'];

function part(lines: string[]): Buffer {
  return gzipSync(`${lines.join('\n')}\n`);
}

/**
 * The basic round (acme and bravo) with an Appium log in three parts, as harness/appium/appium-log.ts
 * leaves it: one written during acme's first case alone, one during acme's cases that also holds
 * bravo's session (another device at the same time), one during bravo's cases only. And a plan
 * naming both products.
 */
async function roundWithLogs(): Promise<string> {
  const folder = await copyFixtureRound('basic');
  cleanup.push(dirname(folder));
  const logs = join(folder, 'appium-logs');
  await mkdir(logs);
  await writeFile(join(logs, '0001.log.gz'), part(['[HTTP] --> POST /session {"appium:appPackage":"com.acme.mobile"}', '[AndroidUiautomator2Driver] acme scan']));
  await writeFile(join(logs, '0002.log.gz'), part(['[AndroidUiautomator2Driver] acme real-time', '[AndroidUiautomator2Driver@emulator-5602] launching com.bravo.mobile/.Main']));
  await writeFile(join(logs, '0003.log.gz'), part(['[AndroidUiautomator2Driver] com.bravo.mobile scan']));
  await writeFile(join(logs, 'index.jsonl'), [
    { file: 'appium-logs/0001.log', from: '2026-11-20T09:00:00.000Z', to: '2026-11-20T09:00:30.000Z', bytes: 100 },
    { file: 'appium-logs/0002.log', from: '2026-11-20T09:00:30.000Z', to: '2026-11-20T09:13:50.000Z', bytes: 100 },
    { file: 'appium-logs/0003.log', from: '2026-11-20T09:13:50.000Z', to: '2026-11-20T09:24:40.000Z', bytes: 100 },
  ].map((line) => `${JSON.stringify(line)}\n`).join(''));
  await writeFile(join(folder, 'plan.json'), '{"products":[{"id":"acme"},{"id":"bravo","package":"com.bravo.mobile"}]}\n');
  await writeFile(join(folder, 'plan.sha256'), 'd0c0ffee00000000000000000000000000000000000000000000000000000000  plan.json\n');
  return folder;
}

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(root, join(entry.parentPath, entry.name))).sort();
}

describe('stalkerbench review-pack', () => {
  it('holds only the product\'s cases: no other vendor anywhere, in the folder, its names, the logs or the zip', async () => {
    const folder = await roundWithLogs();
    const out = join(dirname(folder), 'pack-acme');
    const run = await runCli(['review-pack', folder, '--product', 'acme', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${out}\n${out}.zip\n`);
    expect(run.stderr).toContain('withheld appium-logs/0002.log.gz');
    expect(run.stderr).toContain('withheld plan.json');

    const files = await listTree(out);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'results.jsonl', 'round.json', 'samples.json', 'README.txt', 'METHOD.md', 'plan.sha256',
      'appium-logs/0001.log.gz', 'evidence/acme.flexispy.on-demand.api34.r1/1/scan-results.xml']));
    expect(files.filter((path) => path.startsWith('appium-logs/'))).toEqual(['appium-logs/0001.log.gz', 'appium-logs/index.jsonl']);
    expect(files.some((path) => path.endsWith('.apk'))).toBe(false);
    expect(files.filter((path) => path.startsWith('evidence/') && !path.startsWith('evidence/acme.'))).toEqual([]);

    // Every results line of acme, byte for byte, and nothing else.
    const original = (await readFile(join(folder, 'results.jsonl'), 'utf8')).split('\n').filter((line) => line.includes('"caseId":"acme.'));
    expect(await readFile(join(out, 'results.jsonl'), 'utf8')).toBe(`${original.join('\n')}\n`);
    const round = JSON.parse(await readFile(join(out, 'round.json'), 'utf8'));
    expect(round.products.map((product: { id: string }) => product.id)).toEqual(['acme']);
    expect(round.plan.cases).toHaveLength(10);
    expect(JSON.parse(await readFile(join(out, 'samples.json'), 'utf8')).map((sample: { family: string | null }) => sample.family)).toContain('FlexiSpy');

    for (const path of files) {
      const raw = await readFile(join(out, path));
      const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('latin1').toLowerCase();
      for (const name of BRAVO) expect(text.includes(name.toLowerCase()), `${path} holds ${name}`).toBe(false);
      expect(path.toLowerCase()).not.toContain('bravo');
    }

    // The case page links the Appium part that is in the pack, and only it.
    const page = await readFile(join(out, 'cases', 'acme.flexispy.on-demand.api34.r1.html'), 'utf8');
    expect(page).toContain('appium-logs/0001.log.gz');
    expect(page).not.toContain('0002.log');

    // The zip holds the same files with the same bytes.
    const zip = openZip(await readFile(`${out}.zip`), `${out}.zip`);
    expect(zip.entries.map((entry) => entry.name).sort()).toEqual(files);
    for (const entry of zip.entries) {
      expect(entry.name.toLowerCase()).not.toContain('bravo');
      expect(readZipEntry(zip, entry)).toEqual(await readFile(join(out, entry.name)));
    }
  });

  it('gives the vendor the published plan cut to its product when plan.json lists the other vendors', async () => {
    const folder = await roundWithLogs();
    const product = (id: string, name: string, vendor: string, pkg: string, sha: string) => ({
      id, vendor, name, package: pkg, versionName: '1.0', versionCode: 1, apkSha256: sha, profile: `${id}.yaml`, profileSha256: 'e'.repeat(64),
    });
    // The shape `stalkerbench plan` writes (harness/plan/build-plan.ts), for the basic round's two products.
    const plan = {
      format: 'stalkerbench-plan/1',
      round: { id: 'basic', title: 'Basic round', file: 'basic.yaml', sha256: 'a'.repeat(64) },
      dates: { start: null, end: null, generatedAt: '2026-11-01T00:00:00.000Z' },
      harness: { version: '0.1.0' },
      products: [product('acme', 'Acme Mobile', 'Acme Inc', 'com.acme.mobile', 'b'.repeat(64)), product('bravo', BRAVO[2]!, BRAVO[3]!, BRAVO[1]!, BRAVO[4]!)],
      modes: ['on-demand', 'real-time'],
      samples: { total: 5, byKind: { stalkerware: 5, watchware: 0, clean: 0 }, families: [{ family: 'FlexiSpy', kind: 'stalkerware', samples: 5 }], hashes: null, catalogues: [] },
      cases: { total: 20, formula: '2 products × 1 device profile × 1 repetition × 10 sample runs' },
      criteria: { detected: 'd', alerted: 'a', falsePositive: 'f', remediated: 'r', notCounted: 'n', identification: [], detection: { categories: [], namePatterns: [], safetyAdvicePatterns: [] } },
      timeouts: { caseMs: 600000, stepMs: 15000, alertWatchMs: 30000, bootMs: null },
      retries: { infra: 2 }, repetitions: 1, concurrency: 2,
      devices: { kind: 'emulators', profiles: [{ name: 'api34', apiLevel: 34, release: '14', systemImage: 'x', model: 'm', instances: 1, snapshot: 's' }] },
    };
    const planText = `${JSON.stringify(plan, null, 2)}\n`;
    await writeFile(join(folder, 'plan.json'), planText);
    const out = join(dirname(folder), 'pack-acme');
    const run = await runCli(['review-pack', folder, '--product', 'acme', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('withheld plan.json');

    const cut = JSON.parse(await readFile(join(out, 'plan-cut.json'), 'utf8'));
    const { createHash } = await import('node:crypto');
    expect(cut.cutFrom).toEqual({ planSha256: createHash('sha256').update(planText).digest('hex'), productId: 'acme', otherProducts: 1 });
    expect(cut.products.map((entry: { id: string }) => entry.id)).toEqual(['acme']);
    expect(cut.cases).toEqual({ total: 10, formula: '1 product × 1 device profile × 1 repetition × 10 sample runs' });
    expect({ ...cut, cutFrom: undefined, products: undefined, cases: undefined }).toEqual({ ...plan, cutFrom: undefined, products: undefined, cases: undefined });
    const markdown = await readFile(join(out, 'plan-cut.md'), 'utf8');
    expect(markdown).toContain(`cut from plan.json with SHA-256 \`${cut.cutFrom.planSha256}\``);
    expect(markdown).toContain('Acme Mobile');
    for (const path of ['plan-cut.json', 'plan-cut.md']) {
      const text = (await readFile(join(out, path), 'utf8')).toLowerCase();
      for (const name of BRAVO) expect(text.includes(name.toLowerCase()), `${path} holds ${name}`).toBe(false);
    }
    expect(await readFile(join(out, 'README.txt'), 'utf8')).toContain('plan-cut.*');
  });

  it('refuses a pack that would name another vendor (here the round title), writing nothing', async () => {
    const folder = await roundWithLogs();
    const roundJson = join(folder, 'round.json');
    const round = JSON.parse(await readFile(roundJson, 'utf8'));
    round.round.title = 'Acme vs Bravo Antivirus, November';
    await writeFile(roundJson, JSON.stringify(round));
    const out = join(dirname(folder), 'pack-acme');
    const run = await runCli(['review-pack', folder, '--product', 'acme', '--output', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error REVIEW_PACK_LEAK');
    expect(run.stderr).toContain('index.html holds \'Bravo Antivirus\'');
    expect((await readdir(dirname(folder))).sort()).toEqual(['basic']);
  });

  it('refuses an unknown product and an output that exists', async () => {
    const folder = await roundWithLogs();
    const unknown = await runCli(['review-pack', folder, '--product', 'charlie', '--output', join(dirname(folder), 'pack')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error USAGE');
    expect(unknown.stderr).toContain('acme, bravo');
    const out = join(dirname(folder), 'exists');
    await mkdir(out);
    const taken = await runCli(['review-pack', folder, '--product', 'bravo', '--output', out]);
    expect(taken.code).toBe(2);
    expect(await readdir(out)).toEqual([]);
    await expect(stat(`${out}.zip`)).rejects.toThrow();
  });
});
