import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAppiumLogSegments, segmentsDuring } from './appium-log-segments.ts';

let folder: string;
afterEach(async () => { if (folder) await rm(folder, { recursive: true, force: true }); });

describe('readAppiumLogSegments', () => {
  it('lists the compressed parts, a part whose compression did not finish, and the live log; nothing the index names outside appium-logs/', async () => {
    folder = await mkdtemp(join(tmpdir(), 'sb-report-appium-'));
    await mkdir(join(folder, 'appium-logs'));
    await writeFile(join(folder, 'appium-logs', '0001.log.gz'), 'gz');
    await writeFile(join(folder, 'appium-logs', '0002.log'), 'plain');
    await writeFile(join(folder, 'appium.log'), 'live');
    await writeFile(join(folder, 'appium-logs', 'index.jsonl'), [
      '{"file":"appium-logs/0001.log","from":"2026-12-06T03:00:00.000Z","to":"2026-12-06T03:10:00.000Z","bytes":9}',
      '{"file":"../../etc/passwd","from":"2026-12-06T03:00:00.000Z","to":"2026-12-06T03:10:00.000Z","bytes":9}',
      '{"file":"appium-logs/0002.log","from":"2026-12-06T03:10:00.000Z","to":"2026-12-06T03:20:00.000Z","bytes":9}',
      '{"file":"appium-logs/0009.log","from":"2026-12-06T03:20:00.000Z","to":"2026-12-06T03:30:00.000Z","bytes":9}',
      '{"file":"appium-lo',
    ].join('\n'));
    const segments = await readAppiumLogSegments(folder);
    expect(segments).toEqual([
      { path: 'appium-logs/0001.log.gz', from: '2026-12-06T03:00:00.000Z', to: '2026-12-06T03:10:00.000Z', bytes: 2 },
      { path: 'appium-logs/0002.log', from: '2026-12-06T03:10:00.000Z', to: '2026-12-06T03:20:00.000Z', bytes: 5 },
      { path: 'appium.log', from: '2026-12-06T03:20:00.000Z', to: undefined, bytes: 4 },
    ]);
    // A case from 03:05 to 03:12 (given with an offset) ran during the first two parts.
    expect(segmentsDuring(segments, '2026-12-06T04:05:00+01:00', '2026-12-06T03:12:00Z').map((segment) => segment.path)).toEqual(['appium-logs/0001.log.gz', 'appium-logs/0002.log']);
    expect(segmentsDuring(segments, '2026-12-06T03:25:00Z', '2026-12-06T03:26:00Z').map((segment) => segment.path)).toEqual(['appium.log']);
  });

  it('is empty for a round folder without an Appium log (remote Appium, or a copied folder)', async () => {
    folder = await mkdtemp(join(tmpdir(), 'sb-report-appium-'));
    expect(await readAppiumLogSegments(folder)).toEqual([]);
  });
});
