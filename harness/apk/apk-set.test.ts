import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';
import { readApkSet } from './apk-set.ts';
import { listApksArchive } from './read-apks-archive.ts';

// The split fixture (scenarios/fixtures/product-quietguard-split, `npm run fixtures`): a base and its config.de split.
const APKS = join(REPO_ROOT, 'scenarios/apks');
const base = { name: 'base.apk', label: 'base.apk', bytes: readFileSync(join(APKS, 'product-quietguard-split.apk')) };
const de = { name: 'split_config.de.apk', label: 'de.apk', bytes: readFileSync(join(APKS, 'splits/product-quietguard-split/split_config.de.apk')) };
const other = { name: 'other.apk', label: 'other.apk', bytes: readFileSync(join(APKS, 'stalkerware-thetruthspy.apk')) };

describe('readApkSet', () => {
  it('reads a base and its split as one app', () => {
    const set = readApkSet([de, base], 'set');
    expect(set.base.identity.packageName).toBe('org.quietguard.scanner');
    expect(set.base.identity.splitName).toBeUndefined();
    expect(set.splits.map((split) => split.identity.splitName)).toEqual(['config.de']);
  });

  it('refuses what Android refuses, naming the file and the rule', () => {
    expect(() => readApkSet([de], 'set')).toThrow(/no base APK.*Full install must include a base package/);
    expect(() => readApkSet([base, de, { ...de, name: 'again.apk', label: 'again.apk' }], 'set')).toThrow(/again\.apk and de\.apk are both split config\.de.*was defined multiple times/);
    expect(() => readApkSet([other, de], 'set')).toThrow(/de\.apk is package org\.quietguard\.scanner, its base other\.apk is com\.systemservice/);
    expect(() => readApkSet([base, { ...other, name: 'b2.apk' }], 'set')).toThrow(/2 base APKs/);
    expect(() => readApkSet([base, { ...de, name: 'split.zip' }], 'set')).toThrow(/does not end in \.apk/);
    expect(() => readApkSet([base, { ...de, name: 'base.apk', label: 'x/base.apk' }], 'set')).toThrow(/same file name base\.apk/);
    expect(() => readApkSet([], 'set')).toThrow(/holds no APK/);
  });
});

describe('listApksArchive', () => {
  it('lists the splits/ APKs of a bundletool-style archive', () => {
    const files = listApksArchive(readFileSync(join(APKS, 'product-quietguard-split.apks')), 'q.apks');
    expect(files.map((file) => [file.name, file.label])).toEqual([
      ['base-master.apk', 'q.apks!splits/base-master.apk'],
      ['base-de.apk', 'q.apks!splits/base-de.apk'],
    ]);
    expect(files[0]!.bytes.equals(base.bytes)).toBe(true);
  });

  it('refuses an archive with no APK set and a file that is no ZIP', () => {
    // An APK is a ZIP without splits/, universal.apk or top-level APKs.
    expect(() => listApksArchive(base.bytes, 'b.apks')).toThrow(/holds no installable APK set/);
    expect(() => listApksArchive(Buffer.from('not a zip at all'), 'x.apks')).toThrow(/x\.apks is not an APK/);
  });
});
