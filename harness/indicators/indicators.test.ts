import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/index.ts';
import { identifyApp, indexIndicators } from './identify-app.ts';
import { loadIndicators } from './load-indicators.ts';

const realIoc = fileURLToPath(new URL('../../../shared/data/stalkerware-indicators/ioc.yaml', import.meta.url));

const IOC = `- name: TheTruthSpy
  names: [TheTruthSpy, Copy9]
  type: stalkerware
  packages:
  - com.systemservice
  - com.apspy.app
  certificates:
  - 31A6ECECD97CF39BC4126B8745CD94A7C30BF81C
  websites: [thetruthspy.com]
  c2:
    ip: [203.0.113.7]
  ios_bundles: [com.example.spy]
- name: Cerberus
  type: stalkerware
  packages: [com.lsdroid.cerberus]
  certificates:
  - 31a6ececd97cf39bc4126b8745cd94a7c30bf81c
- name: NoPackages
  type: stalkerware
  websites:
`;

const WATCHWARE = `- name: Life360
  type: watchware
  packages: [com.life360.android.safetymapd]
`;

async function rejection(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${String(error)}`);
  return error;
}

describe('stalkerware indicators', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sb-ioc-'));
    await writeFile(path.join(dir, 'ioc.yaml'), IOC);
    await writeFile(path.join(dir, 'watchware.yaml'), WATCHWARE);
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads the format tolerantly (extra keys, empty lists, c2.ip)', async () => {
    const entries = await loadIndicators(path.join(dir, 'ioc.yaml'));
    expect(entries.map((entry) => entry.name)).toEqual(['TheTruthSpy', 'Cerberus', 'NoPackages']);
    expect(entries[1]?.certificates).toEqual(['31A6ECECD97CF39BC4126B8745CD94A7C30BF81C']);
    expect(entries[2]?.packages).toEqual([]);
    expect(entries[2]?.websites).toEqual([]);
  });

  it('matches by package and by certificate, once per family and way', async () => {
    const index = indexIndicators([
      ...(await loadIndicators(path.join(dir, 'ioc.yaml'))),
      ...(await loadIndicators(path.join(dir, 'watchware.yaml'))),
    ]);
    expect(identifyApp(index, { packageName: 'com.apspy.app', certificateSha1s: [] })).toEqual([
      { family: 'TheTruthSpy', type: 'stalkerware', matchedBy: 'package' },
    ]);
    // A renamed package signed with a known key (colon form, lower case) is still found.
    expect(identifyApp(index, { packageName: 'com.renamed', certificateSha1s: ['31:a6:ec:ec:d9:7c:f3:9b:c4:12:6b:87:45:cd:94:a7:c3:0b:f8:1c'] })).toEqual([
      { family: 'TheTruthSpy', type: 'stalkerware', matchedBy: 'certificate' },
      { family: 'Cerberus', type: 'stalkerware', matchedBy: 'certificate' },
    ]);
    expect(identifyApp(index, { packageName: 'com.life360.android.safetymapd', certificateSha1s: [] })).toEqual([
      { family: 'Life360', type: 'watchware', matchedBy: 'package' },
    ]);
    expect(identifyApp(index, { packageName: 'org.example.notes', certificateSha1s: ['00'] })).toEqual([]);
  });

  it('reports malformed files with file:line', async () => {
    await writeFile(path.join(dir, 'broken.yaml'), '- name: A\n  type: stalkerware\n  packages: [a.b\n');
    const syntax = await rejection(loadIndicators('broken.yaml', { cwd: dir }));
    expect(syntax.code).toBe('INDICATORS_INVALID');
    expect(syntax.details[0]).toMatch(/^broken\.yaml:\d+ /);
    await writeFile(path.join(dir, 'shape.yaml'), '- name: A\n  type: stalkerware\n- names: [B]\n  packages: {x: 1}\n');
    const shape = await rejection(loadIndicators('shape.yaml', { cwd: dir }));
    expect(shape.code).toBe('INDICATORS_INVALID');
    expect(shape.details).toEqual(expect.arrayContaining([
      'shape.yaml:3 [1].name: required field is missing',
      'shape.yaml:4 [1].packages: expected a list, got a mapping',
    ]));
  });

  it.skipIf(!existsSync(realIoc))('loads the real ioc.yaml: 147 entries', async () => {
    const entries = await loadIndicators(realIoc);
    expect(entries).toHaveLength(147);
    const index = indexIndicators(entries);
    expect(identifyApp(index, { packageName: 'com.systemservice', certificateSha1s: [] })[0]?.family).toBe('TheTruthSpy');
  });
});
