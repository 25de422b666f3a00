import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSafeEvidencePath } from '../results/index.ts';
import { EvidenceRecorder, toPathSegment } from './evidence-recorder.ts';

describe('EvidenceRecorder', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('numbers files in capture order below evidence/<case>/<attempt>/ with safe relative paths', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-evidence-'));
    const recorder = new EvidenceRecorder(dir, 'sentinel/../thetruth on-demand', 2);
    await recorder.captureScreen('scan-results', {
      takeScreenshot: async () => Buffer.from('png-bytes').toString('base64'),
      getPageSource: async () => '<hierarchy/>',
    });
    await recorder.save('notifications', 'after-scan', 'NotificationRecord(...)');
    const items = recorder.items();
    expect(items.map((i) => i.path)).toEqual([
      'evidence/sentinel_.._thetruth_on-demand/2/01-scan-results.png',
      'evidence/sentinel_.._thetruth_on-demand/2/02-scan-results.xml',
      'evidence/sentinel_.._thetruth_on-demand/2/03-after-scan.notifications.txt',
    ]);
    expect(items.every((i) => isSafeEvidencePath(i.path))).toBe(true);
    expect(await readFile(join(dir, items[0]?.path ?? ''), 'utf8')).toBe('png-bytes');
  });

  it('keeps the half of a capture that worked and notes a failed capture', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-evidence-'));
    const recorder = new EvidenceRecorder(dir, 'c', 1);
    await recorder.captureScreen('x', { takeScreenshot: async () => { throw new Error('gone'); }, getPageSource: async () => '<a/>' });
    await recorder.captureScreen('y', { takeScreenshot: async () => { throw new Error('gone'); }, getPageSource: async () => { throw new Error('gone'); } });
    expect(recorder.items().map((i) => i.kind)).toEqual(['ui-dump', 'text']);
  });

  it('makes path segments safe', () => {
    expect(toPathSegment('../../etc/passwd')).toBe('etc_passwd');
    expect(toPathSegment('')).toBe('x');
  });
});
