import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity } from '../harness/apk/index.ts';
import { loadSampleCatalogue } from '../harness/config/index.ts';
import { buildZipBomb } from './support/apk-zip-builder.ts';
import { copyDemoScenario, editFile, REPO_ROOT_DIR, runCli, snapshotTree } from './support/cli-in-process.ts';

/** `stalkerbench ingest` in process, over fixture APKs, a ZIP bomb, a text file, a duplicate, a symlink and a hostile name. */

const apks = path.join(REPO_ROOT_DIR, 'scenarios/apks');
const realData = path.join(REPO_ROOT_DIR, '../shared/data/stalkerware-indicators');
const hasRealData = existsSync(path.join(realData, 'ioc.yaml')) && existsSync(path.join(realData, 'samples.csv'));
const HOSTILE = 'evil\u202Egpj.apk\nsecond line.apk';

/** A fixture APK with a ZIP comment appended: a valid APK with its own SHA-256 (what hundreds of samples look like to the reader). */
async function variantOf(source: string, tag: string): Promise<Buffer> {
  const bytes = await readFile(source);
  const at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const comment = Buffer.from(tag);
  const out = Buffer.concat([bytes.subarray(0, at + 22), comment]);
  out.writeUInt16LE(comment.length, at + 20);
  return out;
}

describe('stalkerbench ingest', () => {
  let work = '';
  let intake = '';
  beforeAll(async () => {
    work = await copyDemoScenario('sb-ingest-');
    intake = path.join(work, 'intake');
    await mkdir(path.join(intake, 'family-folder'), { recursive: true });
    for (const name of ['stalkerware-thetruthspy.apk', 'stalkerware-thetruthspy-renamed.apk', 'stalkerware-mspy.apk', 'watchware-life360.apk', 'clean-pocket-notes.apk']) {
      await copyFile(path.join(apks, name), path.join(intake, name));
    }
    await copyFile(path.join(apks, 'stalkerware-mspy.apk'), path.join(intake, 'family-folder', 'mspy-copy.apk'));
    await copyFile(path.join(apks, 'stalkerware-cerberus.apk'), path.join(intake, HOSTILE));
    await writeFile(path.join(intake, 'bomb.apk'), await buildZipBomb('AndroidManifest.xml', 512 * 1024 * 1024));
    await writeFile(path.join(intake, 'readme.txt'), 'collected 2026-06-01\n');
    await writeFile(path.join(intake, 'note\u001b[2J.txt'), 'a name that would clear the terminal\n');
    await symlink('/etc/passwd', path.join(intake, 'link.apk'));
    // Indicators in the real format, small: TheTruthSpy by certificate only (so the renamed one is found by key), mSpy and Cerberus by package.
    const signer = (await readApkIdentity(path.join(apks, 'stalkerware-thetruthspy.apk'))).signing.certificates[0]?.sha1 ?? '';
    await writeFile(path.join(work, 'ioc.yaml'), [
      '- name: TheTruthSpy', '  type: stalkerware', '  packages: [com.systemservice]', `  certificates: [${signer}]`,
      '- name: mSpy', '  type: stalkerware', '  packages: [update.service.android]',
      '- name: Cerberus', '  type: stalkerware', '  packages: [com.lsdroid.cerberus]', '',
    ].join('\n'));
    await writeFile(path.join(work, 'watchware.yaml'), '- name: Life360\n  type: watchware\n  packages: [com.life360.android.safetymapd]\n');
  });
  afterAll(async () => { if (work) await rm(work, { recursive: true, force: true }); });

  const args = (...more: string[]): string[] => ['ingest', 'intake', '--indicators', 'ioc.yaml', '--watchware', 'watchware.yaml', '--catalogue', 'scenarios/samples/intake.yaml', ...more];

  it('dry run: prints what it would do and writes nothing', async () => {
    const before = await snapshotTree(work);
    const result = await runCli(args('--dry-run'), work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('added 5, changed 0, unchanged 0; rejected 4; unknown 1 (not catalogued)');
    expect(result.stdout).toContain('dry run    nothing written');
    expect(await snapshotTree(work)).toEqual(before);
  });

  it('writes a catalogue that loads, with families, rejected files and reasons, a folded duplicate, and escaped names', async () => {
    const result = await runCli(args(), work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { samples } = await loadSampleCatalogue(path.join(work, 'scenarios/samples/intake.yaml'));
    expect(samples.map((sample) => [sample.package, sample.family, sample.kind]).sort()).toEqual([
      ['com.apspy.app', 'TheTruthSpy', 'stalkerware'],
      ['com.life360.android.safetymapd', 'Life360', 'watchware'],
      ['com.lsdroid.cerberus', 'Cerberus', 'stalkerware'],
      ['com.systemservice', 'TheTruthSpy', 'stalkerware'],
      ['update.service.android', 'mSpy', 'stalkerware'],
    ]);
    expect(samples.find((sample) => sample.package === 'com.apspy.app')?.notes).toMatch(/by certificate/);
    // The hostile name is kept exactly in the catalogue and escaped on the terminal.
    expect(samples.find((sample) => sample.package === 'com.lsdroid.cerberus')?.file).toBe(path.join(intake, HOSTILE));
    expect(result.stdout).not.toMatch(/[\u202E\u001b]/);
    expect(result.stdout).toContain('note\\u001b[2J.txt: APK_INVALID not an APK');
    expect(result.stdout).toContain('stalkerware-mspy.apk = family-folder/mspy-copy.apk');
    expect(result.stdout).toMatch(/bomb\.apk: APK_INVALID .*too large to read/);
    expect(result.stdout).toMatch(/readme\.txt: APK_INVALID not an APK/);
    expect(result.stdout).toMatch(/link\.apk: SKIPPED symbolic link: not followed/);
    expect(result.stdout).toMatch(/clean-pocket-notes\.apk {2}org\.example\.pocketnotes/);
    const report = JSON.parse(await readFile(path.join(work, 'scenarios/samples/intake.ingest.json'), 'utf8')) as { unknown: unknown[]; rejected: Array<{ relative: string }>; duplicates: unknown[] };
    expect(report.unknown).toHaveLength(1);
    expect(report.rejected.map((item) => item.relative)).toEqual(['bomb.apk', 'link.apk', 'note\u001b[2J.txt', 'readme.txt']);
    expect(report.duplicates).toHaveLength(1);
  });

  it('a round over the ingested catalogue passes validate', async () => {
    await writeFile(path.join(work, 'scenarios/rounds/intake.yaml'), [
      'id: intake', 'title: Intake round', 'products: [sentinel]', 'samples:', '  - catalogue: ../samples/intake.yaml',
      'devices: [pixel-api33]', 'modes: [on-demand, false-positive]', '',
    ].join('\n'));
    const result = await runCli(['validate', 'scenarios/rounds/intake.yaml'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('samples     5 (4 stalkerware, 1 watchware, 0 clean)');
  });

  it('update: keeps hand edits, adds new files, reports unchanged ones', async () => {
    const catalogue = path.join(work, 'scenarios/samples/intake.yaml');
    await editFile(catalogue, (text) => text.replace('label: Update Service', 'label: Hand-checked label'));
    await copyFile(path.join(apks, 'stalkerware-cerberus.apk'), path.join(intake, 'cerberus-plain.apk'));
    await writeFile(path.join(intake, 'mspy-v2.apk'), await variantOf(path.join(apks, 'stalkerware-mspy.apk'), 'v2'));
    const result = await runCli(args(), work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('added 1, changed 0, unchanged 5');
    // Sorted by path, the new copy comes first; the entry keeps the path it has while that file exists.
    expect(result.stdout).toContain('evil\\u202egpj.apk\\u000asecond line.apk = cerberus-plain.apk');
    const { samples } = await loadSampleCatalogue(catalogue);
    expect(samples).toHaveLength(6);
    expect(samples.filter((sample) => sample.label === 'Hand-checked label')).toHaveLength(1);
  });

  it('refuses bad input with codes: no indicators, a missing folder, a broken catalogue', async () => {
    expect((await runCli(['ingest', 'intake', '--catalogue', 'x.yaml'], work)).code).toBe(2);
    const missing = await runCli(['ingest', 'nowhere', '--indicators', 'ioc.yaml', '--catalogue', 'x.yaml'], work);
    expect(missing.stderr).toMatch(/^error FILE_NOT_FOUND/);
    await writeFile(path.join(work, 'broken.yaml'), 'samples: [ {id: X} ]\n');
    const broken = await runCli(['ingest', 'intake', '--indicators', 'ioc.yaml', '--catalogue', 'broken.yaml'], work);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^error CONFIG_INVALID/);
  });

  it('takes a folder of a few hundred APKs in one pass', async () => {
    const many = path.join(work, 'many');
    await mkdir(many);
    const source = path.join(apks, 'stalkerware-mspy.apk');
    await Promise.all(Array.from({ length: 300 }, async (_, index) => writeFile(path.join(many, `s${index}.apk`), await variantOf(source, `copy-${index}`))));
    const result = await runCli(['ingest', 'many', '--indicators', 'ioc.yaml', '--catalogue', 'many.yaml'], work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('added 300, changed 0, unchanged 0; rejected 0');
    expect((await loadSampleCatalogue(path.join(work, 'many.yaml'))).samples).toHaveLength(300);
  });

  it.skipIf(!hasRealData)('handles the real stalkerware-indicators data without hand edits', async () => {
    const result = await runCli([
      'ingest', 'intake', '--indicators', path.join(realData, 'ioc.yaml'), '--watchware', path.join(realData, 'watchware.yaml'),
      '--hashes', path.join(realData, 'samples.csv'), '--catalogue', 'real.yaml',
    ], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { samples } = await loadSampleCatalogue(path.join(work, 'real.yaml'));
    expect(samples.find((sample) => sample.package === 'com.systemservice')).toMatchObject({ family: 'TheTruthSpy', kind: 'stalkerware' });
    expect(samples.find((sample) => sample.package === 'com.life360.android.safetymapd')).toMatchObject({ kind: 'watchware' });
  });
});
