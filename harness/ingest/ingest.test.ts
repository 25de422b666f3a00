import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readApkIdentity, type ApkIdentity } from '../apk/index.ts';
import { sampleCatalogueSchema } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { indexIndicators, indicatorFileSchema } from '../indicators/index.ts';
import { classifySample, indexFamilyNames, type ClassifyContext } from './classify-sample.ts';
import { inferSetup } from './infer-setup.ts';
import { mergeCatalogue } from './merge-catalogue.ts';
import { loadSampleHashes, parseCsv, type KnownSampleHash } from './sample-hashes.ts';
import type { KnownSample } from './scan-folder.ts';

const apks = fileURLToPath(new URL('../../scenarios/apks/', import.meta.url));

let thetruthspy: ApkIdentity;
let renamed: ApkIdentity;
let life360: ApkIdentity;
let dir: string;

beforeAll(async () => {
  thetruthspy = await readApkIdentity(path.join(apks, 'stalkerware-thetruthspy.apk'));
  renamed = await readApkIdentity(path.join(apks, 'stalkerware-thetruthspy-renamed.apk'));
  life360 = await readApkIdentity(path.join(apks, 'watchware-life360.apk'));
  dir = await mkdtemp(path.join(tmpdir(), 'sb-ingest-unit-'));
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

function context(entries: unknown[], hashes: KnownSampleHash[] = []): ClassifyContext {
  const parsed = indicatorFileSchema.parse(entries);
  return { index: indexIndicators(parsed), hashes: new Map(hashes.map((row) => [row.sha256, row])), familyNames: indexFamilyNames(parsed) };
}

describe('samples.csv', () => {
  it('splits RFC 4180 fields: quotes, doubled quotes, commas and newlines inside quotes, CRLF', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\nlast,')).toEqual([['a', 'b'], ['x,1', 'say "hi"\nthere'], ['last', '']]);
  });

  it('reads rows by header name and refuses a file without the columns', async () => {
    const sha = 'AB'.repeat(32);
    await writeFile(path.join(dir, 'samples.csv'), `App,SHA256,Package Name,Certificate,Version\nCopy9,${sha},com.x,,1\n,,,,\n`);
    const rows = await loadSampleHashes('samples.csv', dir);
    expect([...rows.values()]).toEqual([{ sha256: sha.toLowerCase(), packageName: 'com.x', certificate: '', version: '1', app: 'Copy9', at: 'samples.csv:2' }]);
    await writeFile(path.join(dir, 'bad.csv'), 'SHA256,App\n');
    const error = await loadSampleHashes('bad.csv', dir).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('INDICATORS_INVALID');
  });
});

describe('classifySample', () => {
  const ioc = [
    { name: 'TheTruthSpy', names: ['Copy9'], type: 'stalkerware', packages: ['com.systemservice'] },
    { name: 'Other', type: 'stalkerware', packages: ['com.apspy.app'] },
    { name: 'Life360', type: 'watchware', packages: ['com.life360.android.safetymapd'] },
  ];

  it('names the family by the strongest match: hash (through the other name) before package, and leaves the disagreement for review', () => {
    const hash: KnownSampleHash = { sha256: renamed.sha256, packageName: 'com.apspy.app', certificate: '', version: '1', app: 'Copy9', at: 'samples.csv:9' };
    const result = classifySample(renamed, context(ioc, [hash]));
    expect(result).toMatchObject({ known: true, family: 'TheTruthSpy', kind: 'stalkerware' });
    expect(result.matches.map((match) => match.matchedBy)).toEqual(['hash', 'package']);
    expect(result.known && result.review.join(' ')).toMatch(/also matches Other \(stalkerware\) by package/);
  });

  it('matches a renamed package by its signing certificate, and watchware by package', () => {
    const signer = thetruthspy.signing.certificates[0]?.sha1 ?? '';
    const result = classifySample(renamed, context([{ name: 'TheTruthSpy', type: 'stalkerware', packages: [], certificates: [signer] }]));
    expect(result).toMatchObject({ known: true, family: 'TheTruthSpy', matches: [{ matchedBy: 'certificate' }] });
    expect(classifySample(life360, context(ioc))).toMatchObject({ known: true, family: 'Life360', kind: 'watchware' });
  });

  it('calls an app no indicator names unknown, never clean', () => {
    expect(classifySample(thetruthspy, context([{ name: 'X', type: 'stalkerware', packages: ['org.none'] }]))).toMatchObject({ known: false });
  });
});

describe('inferSetup', () => {
  it('grants the runtime permissions, enables the declared services and admin, and hides the icon via root', () => {
    const setup = inferSetup(thetruthspy);
    expect(setup.steps.map((inferred) => inferred.step)).toEqual([
      { grantRuntimePermissions: 'all' },
      { enableAccessibilityService: '.service.SystemAccessibilityService' },
      { enableNotificationListener: '.service.NotificationSyncService' },
      { enableDeviceAdmin: '.receiver.DeviceAdminReceiver' },
      { hideLauncherIcon: { via: 'root' } },
    ]);
    expect(setup.review.join('\n')).toMatch(/own setup screen/);
  });
});

describe('mergeCatalogue', () => {
  const known = (identity: ApkIdentity, relative: string, family = 'TheTruthSpy'): KnownSample => ({
    relative, identity, family, kind: 'stalkerware', matches: [{ family, type: 'stalkerware', matchedBy: 'package' }], review: [],
  });

  it('writes a catalogue the schema accepts, then keeps hand edits and reports what the indicators changed', () => {
    const catalogueFile = path.join(dir, 'catalogue', 'samples.yaml');
    const folder = path.join(dir, 'intake');
    const first = mergeCatalogue({ existingText: undefined, catalogueFile, folder, known: [known(thetruthspy, 'a.apk')], title: 'T' });
    expect(first.entries).toMatchObject([{ outcome: 'added', id: `thetruthspy-${thetruthspy.sha256.slice(0, 8)}` }]);
    const catalogue = sampleCatalogueSchema.parse(parse(first.text));
    expect(catalogue.samples[0]).toMatchObject({ file: '../intake/a.apk', sha256: thetruthspy.sha256, package: 'com.systemservice', label: 'System Service' });
    expect(catalogue.samples[0]?.notes).toMatch(/^Ingested: TheTruthSpy \(stalkerware\) by package;/);

    const edited = first.text.replace(/setup:\n(\s+#.*\n|\s+- .*\n|\s+via: root\n)+/, 'setup:\n      - launch: true\n').replace('label: System Service', 'label: Hand Label');
    expect(edited).toContain('- launch: true');
    const second = mergeCatalogue({
      existingText: edited, catalogueFile, folder,
      known: [known(thetruthspy, 'a.apk', 'Renamed'), known(life360, 'b.apk', 'Life360')], title: 'T',
    });
    expect(second.entries.map((entry) => [entry.outcome, entry.changes])).toEqual([
      ['changed', ['family TheTruthSpy → Renamed']],
      ['added', []],
    ]);
    const merged = sampleCatalogueSchema.parse(parse(second.text));
    expect(merged.samples[0]).toMatchObject({ label: 'Hand Label', family: 'Renamed', setup: [{ action: 'launch', args: true }] });
    expect(merged.samples).toHaveLength(2);
  });
});
