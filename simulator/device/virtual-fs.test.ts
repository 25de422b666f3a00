import { describe, expect, it } from 'vitest';
import { seedFilesystem } from './default-filesystem.ts';
import { MemoryFs, normalizePath } from './virtual-fs.ts';

function createFs(blobs = new Map<string, Buffer>()): MemoryFs {
  const fs = new MemoryFs({ getBlob: (sha) => blobs.get(sha) }, () => 1_700_000_000_000);
  seedFilesystem(fs, '5.15.41');
  return fs;
}

describe('MemoryFs', () => {
  it('follows /sdcard through its links for reads, writes and listings', () => {
    const fs = createFs();
    fs.write('/sdcard/Download/a.txt', Buffer.from('hi'));
    expect(fs.read('/storage/emulated/0/Download/a.txt')?.toString()).toBe('hi');
    expect(fs.list('/sdcard/Download')).toEqual(['a.txt']);
    expect(fs.stat('/sdcard')?.mode).toBe(0o040770);
    expect(fs.lstat('/sdcard')?.mode).toBe(0o120777);
    expect(fs.readLink('/sdcard')).toBe('/storage/self/primary');
  });

  it('stats files with type bits, size and mtime in seconds', () => {
    const fs = createFs();
    fs.write('/data/local/tmp/x', Buffer.alloc(5), 0o755, 1234);
    expect(fs.stat('/data/local/tmp/x')).toEqual({ mode: 0o100755, size: 5, mtime: 1234 });
    expect(fs.stat('/data/local/tmp/missing')).toBeUndefined();
    expect(fs.list('/data/local/tmp/x')).toBeUndefined();
  });

  it('creates parents on write and removes directories only recursively', () => {
    const fs = createFs();
    fs.write('/data/local/tmp/a/b/c.bin', Buffer.from([1]));
    expect(fs.isDirectory('/data/local/tmp/a/b')).toBe(true);
    expect(fs.remove('/data/local/tmp/a')).toBe(false);
    expect(fs.remove('/data/local/tmp/a', { recursive: true })).toBe(true);
    expect(fs.stat('/data/local/tmp/a/b/c.bin')).toBeUndefined();
    expect(fs.remove('/')).toBe(false);
  });

  it('serves blob-backed files from the blob map and round-trips through JSON', () => {
    const blobs = new Map([['abc', Buffer.from('apk bytes')]]);
    const fs = createFs(blobs);
    fs.writeBlobRef('/data/app/x/base.apk', 'abc', 9);
    expect(fs.read('/data/app/x/base.apk')?.toString()).toBe('apk bytes');
    expect(fs.referencedBlobs()).toEqual(new Set(['abc']));
    const copy = new MemoryFs({ getBlob: (sha) => blobs.get(sha) }, () => 0);
    copy.load(JSON.parse(JSON.stringify(fs.toJSON())) as ReturnType<MemoryFs['toJSON']>);
    expect(copy.read('/sdcard/../data/app/x/base.apk')?.toString()).toBe('apk bytes');
    expect(copy.list('/system/bin')).toContain('uiautomator');
  });

  it('normalises paths', () => {
    expect(normalizePath('/a//b/../c/')).toBe('/a/c');
    expect(normalizePath('rel')).toBe('/rel');
  });
});
