import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { buildZip } from '../../test/support/apk-zip-builder.ts';
import { openZip, readZipEntry } from './zip-reader.ts';

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function readAll(buffer: Buffer): Record<string, string> {
  const zip = openZip(buffer, 'test.apk');
  return Object.fromEntries(zip.entries.map((entry) => [entry.name, readZipEntry(zip, entry).toString('utf8')]));
}

describe('openZip / readZipEntry', () => {
  const entries = [
    { name: 'AndroidManifest.xml', data: 'manifest bytes', method: 8 as const },
    { name: 'assets/é.txt', data: 'stored ünïcode', method: 0 as const },
    { name: 'big.bin', data: 'x'.repeat(100_000) },
  ];

  it('reads stored and deflated entries with UTF-8 names', () => {
    expect(readAll(buildZip(entries))).toEqual({
      'AndroidManifest.xml': 'manifest bytes',
      'assets/é.txt': 'stored ünïcode',
      'big.bin': 'x'.repeat(100_000),
    });
  });

  it('finds the end record behind an archive comment, even one containing its signature', () => {
    const comment = `PK\u0005\u0006${'c'.repeat(300)}`;
    expect(Object.keys(readAll(buildZip(entries, { comment })))).toHaveLength(3);
  });

  it('records where the central directory starts (after any signing block)', () => {
    const block = Buffer.alloc(64, 9);
    const plain = openZip(buildZip(entries), 'a.apk');
    const withBlock = openZip(buildZip(entries, { beforeCentralDirectory: block }), 'b.apk');
    expect(withBlock.centralDirectoryOffset).toBe(plain.centralDirectoryOffset + 64);
  });

  it('rejects a file that is not a ZIP, naming it', () => {
    const error = captureError(() => openZip(Buffer.from('<html>404 not found</html>'), '/tmp/download.apk'));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    expect((error as Error).message).toContain('/tmp/download.apk is not an APK (no ZIP end-of-central-directory record)');
  });

  it('rejects an empty file', () => {
    expect(isHarnessError(captureError(() => openZip(Buffer.alloc(0), 'empty.apk')), 'APK_INVALID')).toBe(true);
  });

  it('calls a ZIP cut short "truncated"', () => {
    const whole = buildZip(entries);
    const error = captureError(() => openZip(whole.subarray(0, Math.floor(whole.length / 2)), 'half.apk'));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/half\.apk is truncated/);
  });

  it('calls a central directory pointing past the end record "truncated"', () => {
    const zip = buildZip(entries);
    zip.writeUInt32LE(zip.length, zip.length - 6);
    const error = captureError(() => openZip(zip, 'bad.apk'));
    expect((error as Error).message).toMatch(/bad\.apk is truncated/);
  });

  it('detects corrupted entry data by its CRC', () => {
    const zip = buildZip([{ name: 'a.txt', data: 'hello world', method: 0 }]);
    zip.write('J', 30 + 'a.txt'.length);
    const archive = openZip(zip, 'crc.apk');
    const error = captureError(() => readZipEntry(archive, archive.entries[0]!));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    expect((error as Error).message).toContain('crc.apk!a.txt');
  });

  it('refuses ZIP64 archives clearly', () => {
    const zip = buildZip(entries);
    zip.writeUInt16LE(0xffff, zip.length - 12);
    zip.writeUInt16LE(0xffff, zip.length - 14);
    const error = captureError(() => openZip(zip, 'z64.apk'));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    expect((error as Error).message).toContain('ZIP64');
  });

  it('reads entries as Android does: "encrypted" flag ignored, any non-stored method inflated', () => {
    const zip = buildZip([{ name: 'a.txt', data: 'hello', method: 8 }]);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(zip.readUInt16LE(central + 8) | 0x0001, central + 8);
    zip.writeUInt16LE(0x3039, central + 10);
    expect(readAll(zip)).toEqual({ 'a.txt': 'hello' });
  });

  it('rejects stored data labelled with another method, since it does not inflate', () => {
    const zip = buildZip([{ name: 'a.txt', data: 'hello', method: 0 }]);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(12, central + 10);
    const archive = openZip(zip, 'bzip.apk');
    const error = captureError(() => readZipEntry(archive, archive.entries[0]!));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    expect((error as Error).message).toContain('compression method 12');
  });
});
