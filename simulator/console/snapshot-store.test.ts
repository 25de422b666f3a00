import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotStore } from './snapshot-store.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-snapshots-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SnapshotStore', () => {
  it('round-trips a state with buffers and large strings through content-addressed blobs', async () => {
    const apk = Buffer.alloc(100_000, 7);
    const base64 = apk.toString('base64');
    const state = { props: { a: '1' }, packages: [{ name: 'x', apk, copy: apk }], blobs: { h: base64 }, nothing: undefined };
    await new SnapshotStore(dir).save('clean', state, 1234);
    const blobs = await readdir(join(dir, 'snapshots', 'clean', 'blobs'));
    expect(blobs).toHaveLength(2);
    // A fresh store (as after a restart) reads it from disk.
    const loaded = (await new SnapshotStore(dir).load('clean')) as typeof state;
    expect(loaded.props).toEqual({ a: '1' });
    expect(Buffer.isBuffer(loaded.packages[0]?.apk) && loaded.packages[0].apk.equals(apk)).toBe(true);
    expect(loaded.blobs.h).toBe(base64);
    expect('nothing' in loaded).toBe(false);
  });

  it('returns independent copies on every load, so a device may mutate what it restored', async () => {
    const store = new SnapshotStore(dir);
    await store.save('s', { list: [1] }, 0);
    const first = (await store.load('s')) as { list: number[] };
    first.list.push(2);
    expect(await store.load('s')).toEqual({ list: [1] });
  });

  it('hands out the same read-only bytes for a blob on every load (content-addressed, never copied)', async () => {
    const store = new SnapshotStore(dir);
    const apk = Buffer.alloc(70_000, 3);
    await store.save('s', { apk }, 0);
    const first = (await store.load('s')) as { apk: Buffer };
    const second = (await store.load('s')) as { apk: Buffer };
    expect(first.apk.equals(apk)).toBe(true);
    expect(second.apk).toBe(first.apk);
    // A fresh store (a new emulator process) reads the same bytes from disk.
    expect(((await new SnapshotStore(dir).load('s')) as { apk: Buffer }).apk.equals(apk)).toBe(true);
  });

  it('survives several instances saving the same snapshot at once', async () => {
    // Repeated rounds of eight contenders: one failed rename used to doom every retry (ENOTEMPTY).
    for (let round = 0; round < 5; round += 1) {
      const stores = Array.from({ length: 8 }, () => new SnapshotStore(dir));
      await Promise.all(stores.map((store, index) => store.save('shared', { index, apk: Buffer.alloc(50_000, index) }, 0)));
      const loaded = (await new SnapshotStore(dir).load('shared')) as { index: number; apk: Buffer };
      expect(loaded.apk.equals(Buffer.alloc(50_000, loaded.index))).toBe(true);
      expect((await new SnapshotStore(dir).list()).map((info) => info.name)).toEqual(['shared']);
      expect((await readdir(join(dir, 'snapshots'))).filter((entry) => entry.startsWith('.'))).toEqual([]);
    }
  });

  it('never reports an existing snapshot as missing while another instance replaces it', async () => {
    await new SnapshotStore(dir).save('shared', { index: -1 }, 0);
    const writers = Array.from({ length: 4 }, (_, index) => new SnapshotStore(dir).save('shared', { index, blob: Buffer.alloc(40_000, index) }, 0));
    const reader = new SnapshotStore(dir);
    const reads = Array.from({ length: 20 }, () => reader.load('shared'));
    const [, loaded] = await Promise.all([Promise.all(writers), Promise.all(reads)]);
    for (const state of loaded) expect(state).toMatchObject({ index: expect.any(Number) });
  });

  it('lists, replaces and deletes snapshots, and rejects bad names', async () => {
    const store = new SnapshotStore(dir);
    await store.save('one', { v: 1 }, 61_001);
    await store.save('two', { v: 2 }, 0);
    await store.save('one', { v: 3 }, 0);
    expect((await store.list()).map((info) => info.name).sort()).toEqual(['one', 'two']);
    expect(await store.load('one')).toEqual({ v: 3 });
    expect(await store.delete('two')).toBe(true);
    expect(await store.delete('two')).toBe(false);
    expect(await store.load('two')).toBeUndefined();
    await expect(store.save('../evil', {}, 0)).rejects.toThrow(/invalid snapshot name/);
  });
});
