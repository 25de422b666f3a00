import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { writeFileAtomic } from '../results/write-file-atomic.ts';

/**
 * A ZIP archive of the given files (relative `/` paths under `root`), each deflated unless that
 * does not make it smaller (screenshots, .gz parts are stored). Plain ZIP, no ZIP64: a review pack
 * holds one product's cases, far below 4 GiB and 65,535 entries; larger input is refused rather
 * than written as a broken archive. Names are UTF-8 (general-purpose flag bit 11). Written
 * atomically, so a half-written zip never sits under the final name.
 */
export async function writeZip(zipPath: string, root: string, paths: readonly string[]): Promise<void> {
  if (paths.length > 0xffff) throw new RangeError(`a review pack of ${paths.length} files needs ZIP64, which this writer does not make`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const path of paths) {
    const data = await readFile(join(root, path));
    const deflated = deflateRawSync(data);
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(data);
    if (offset + 30 + name.length + body.length > 0xffffffff) throw new RangeError('a review pack past 4 GiB needs ZIP64, which this writer does not make');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01: fixed, so the same pack gives the same bytes
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, version 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(paths.length, 8);
  end.writeUInt16LE(paths.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await writeFileAtomic(zipPath, Buffer.concat([...locals, directory, end]));
}
