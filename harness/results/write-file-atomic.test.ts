import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeText } from './write-file-atomic.ts';

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

describe('writeText encodes through one buffer in slices', () => {
  // Pairs at every offset, lone halves, and a pair split between two pieces (each piece is
  // encoded on its own, as Buffer.from does: the halves become U+FFFD).
  const pieces = ['a🙂b🙂🙂c', '\ud83d', '\ude42x', 'Ü●监控'.repeat(7), '', '🙂'.repeat(9), 'lone \udc00 low, lone \ud800', 'end'];
  it.each([1, 2, 3, 5, 64])('gives the bytes of Buffer.from(piece) for each piece, slices of %i units', async (units) => {
    folder = await mkdtemp(join(tmpdir(), 'sb-atomic-'));
    const path = join(folder, 'out.txt');
    const handle = await open(path, 'w');
    try {
      await writeText(handle, pieces, units);
    } finally {
      await handle.close();
    }
    expect((await readFile(path)).equals(Buffer.concat(pieces.map((piece) => Buffer.from(piece, 'utf8'))))).toBe(true);
  });
});
