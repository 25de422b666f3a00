import { describe, expect, it } from 'vitest';
import type { ResolvedRound } from '../config/index.ts';
import { apkHashesOf, localiseRound, type RoundPackage } from './round-package.ts';

/** Only the fields apkHashesOf and localiseRound read: products' APKs and samples' files, with splits. */
const round = {
  id: 'r',
  products: [
    { id: 'split-product', apk: { file: '/lab/base.apk', sha256: 'b'.repeat(64), splits: [{ file: '/lab/split_config.de.apk', sha256: 'd'.repeat(64) }] } },
    { id: 'single', apk: { file: '/lab/single.apk', sha256: 'e'.repeat(64) } },
  ],
  samples: [{ id: 'sample', file: '/lab/sample.apk', sha256: 'f'.repeat(64), splits: [{ file: '/lab/sample-split.apk', sha256: 'a'.repeat(64) }] }],
} as unknown as ResolvedRound;

describe('a round package on a worker', () => {
  it('names every file of a split set among the APKs a worker fetches', () => {
    expect([...apkHashesOf(round).keys()].sort()).toEqual(['a', 'b', 'd', 'e', 'f'].map((c) => c.repeat(64)));
  });

  it('points the base and every split at the worker\'s verified copies', () => {
    const pack = { roundId: 'r', roundSha256: '0'.repeat(64), maxAttempts: 1, round, identities: { products: {}, samples: {} } } as RoundPackage;
    const { round: local } = localiseRound(pack, (sha256) => `/cache/${sha256.slice(0, 1)}.apk`);
    expect(local.products[0]?.apk.file).toBe('/cache/b.apk');
    expect(local.products[0]?.apk.splits?.map((split) => split.file)).toEqual(['/cache/d.apk']);
    expect(local.products[1]?.apk.splits).toBeUndefined();
    expect(local.samples[0]?.file).toBe('/cache/f.apk');
    expect(local.samples[0]?.splits?.map((split) => split.file)).toEqual(['/cache/a.apk']);
  });
});
