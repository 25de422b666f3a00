import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.ts';

let folder = '';
afterEach(async () => { if (folder) await rm(folder, { recursive: true, force: true }); });

describe('writeFileAtomic with content in pieces', () => {
  it('writes the UTF-8 of the pieces\' concatenation, replacing the old file, and leaves no temp file', async () => {
    folder = await mkdtemp(join(tmpdir(), 'sb-atomic-'));
    const path = join(folder, 'results.csv');
    await writeFileAtomic(path, 'old content that is longer than the new one'.repeat(100));
    const pieces = ['\ufeff', 'case_id,alert_text\r\n', 'a,"Überwachung ● 监控 🙂"\r\n', '', 'b,plain\r\n'.repeat(5000)];
    await writeFileAtomic(path, pieces);
    expect((await readFile(path)).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
    expect(await readdir(folder)).toEqual(['results.csv']);
  });

  it('writes an empty file for no pieces', async () => {
    folder = await mkdtemp(join(tmpdir(), 'sb-atomic-'));
    await writeFileAtomic(join(folder, 'empty.csv'), []);
    expect((await readFile(join(folder, 'empty.csv'))).length).toBe(0);
  });
});
