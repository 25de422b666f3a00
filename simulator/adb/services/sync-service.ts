import type { FileStat, VirtualFs } from '../../device/contracts.ts';
import type { AdbStream } from '../adb-stream.ts';
import { ByteReader } from '../byte-reader.ts';

/**
 * The file sync service (`adb push/pull/ls`, and `adb install --no-streaming`'s push). Requests are
 * `id(4) + length u32 + payload`; STAT/STA2/LST2/DENT replies carry no length field.
 * https://android.googlesource.com/platform/packages/modules/adb/+/refs/heads/main/file_sync_protocol.h
 */
const SYNC_DATA_MAX = 64 * 1024;
const ENOENT = 2;
const ENOTDIR = 20;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export async function serveSync(stream: AdbStream, fs: VirtualFs): Promise<void> {
  const reader = new ByteReader(stream);
  for (;;) {
    const header = await reader.readExactly(8);
    if (!header) return;
    const id = header.toString('latin1', 0, 4);
    const length = header.readUInt32LE(4);
    if (id === 'QUIT') return;
    const request = await reader.readExactly(length);
    if (!request) return;
    const path = request.toString('utf8');
    switch (id) {
      case 'STAT':
        await stream.write(encodeStatV1(fs.stat(path)));
        break;
      case 'STA2':
      case 'LST2':
        await stream.write(encodeStatV2(id, path, fs.stat(path)));
        break;
      case 'LIST':
        await stream.write(encodeList(fs, path, false));
        break;
      case 'LIS2':
        await stream.write(encodeList(fs, path, true));
        break;
      case 'RECV':
        await sendFile(stream, fs, path);
        break;
      case 'SEND':
        if (!(await receiveFile(stream, reader, fs, path))) return;
        break;
      default:
        await stream.write(encodeFail(`unknown sync command '${id}'`));
        return;
    }
  }
}

function encodeStatV1(stat: FileStat | undefined): Buffer {
  const reply = Buffer.alloc(16);
  reply.write('STAT', 0, 'latin1');
  reply.writeUInt32LE(stat ? stat.mode >>> 0 : 0, 4);
  reply.writeUInt32LE(stat ? Math.min(stat.size, 0xffffffff) : 0, 8);
  reply.writeUInt32LE(stat ? stat.mtime >>> 0 : 0, 12);
  return reply;
}

/** `error u32, dev u64, ino u64, mode u32, nlink u32, uid u32, gid u32, size u64, atime i64, mtime i64, ctime i64`. */
function encodeStatV2Fields(path: string, stat: FileStat | undefined, error = ENOENT): Buffer {
  const fields = Buffer.alloc(68);
  if (!stat) {
    fields.writeUInt32LE(error, 0);
    return fields;
  }
  const owner = /^\/(data\/local\/tmp|sdcard|storage)(\/|$)/.test(path) ? 2000 : 0;
  fields.writeBigUInt64LE(0xfd00n, 4);
  fields.writeBigUInt64LE(BigInt(inodeOf(path)), 12);
  fields.writeUInt32LE(stat.mode >>> 0, 20);
  fields.writeUInt32LE((stat.mode & S_IFDIR) === S_IFDIR ? 2 : 1, 24);
  fields.writeUInt32LE(owner, 28);
  fields.writeUInt32LE(owner, 32);
  fields.writeBigUInt64LE(BigInt(stat.size), 36);
  for (const offset of [44, 52, 60]) fields.writeBigInt64LE(BigInt(Math.trunc(stat.mtime)), offset);
  return fields;
}

function encodeStatV2(id: string, path: string, stat: FileStat | undefined): Buffer {
  return Buffer.concat([Buffer.from(id, 'latin1'), encodeStatV2Fields(path, stat)]);
}

function encodeList(fs: VirtualFs, path: string, v2: boolean): Buffer {
  const names = fs.list(path);
  const parts: Buffer[] = [];
  if (names) {
    const parent = path.replace(/\/+[^/]*\/*$/, '') || '/';
    const entries: Array<[string, string]> = [['.', path], ['..', parent], ...names.map((name): [string, string] => [name, joinPath(path, name)])];
    for (const [name, full] of entries) {
      const stat = fs.stat(full);
      if (stat) parts.push(v2 ? encodeDentV2(name, full, stat) : encodeDentV1(name, stat));
    }
  }
  // The terminating DONE has the size of a full entry with every field zero.
  const done = Buffer.alloc(v2 ? 76 : 20);
  done.write('DONE', 0, 'latin1');
  if (v2 && !names) done.writeUInt32LE(fs.stat(path) ? ENOTDIR : ENOENT, 4);
  parts.push(done);
  return Buffer.concat(parts);
}

function encodeDentV1(name: string, stat: FileStat): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const entry = Buffer.alloc(20);
  entry.write('DENT', 0, 'latin1');
  entry.writeUInt32LE(stat.mode >>> 0, 4);
  entry.writeUInt32LE(Math.min(stat.size, 0xffffffff), 8);
  entry.writeUInt32LE(stat.mtime >>> 0, 12);
  entry.writeUInt32LE(nameBytes.length, 16);
  return Buffer.concat([entry, nameBytes]);
}

function encodeDentV2(name: string, full: string, stat: FileStat): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(nameBytes.length);
  return Buffer.concat([Buffer.from('DNT2', 'latin1'), encodeStatV2Fields(full, stat), length, nameBytes]);
}

async function sendFile(stream: AdbStream, fs: VirtualFs, path: string): Promise<void> {
  const stat = fs.stat(path);
  if (stat && (stat.mode & S_IFDIR) === S_IFDIR) {
    await stream.write(encodeFail('read failed: Is a directory'));
    return;
  }
  const data = stat ? fs.read(path) : undefined;
  if (!data) {
    await stream.write(encodeFail('open failed: No such file or directory'));
    return;
  }
  for (let offset = 0; offset < data.length; offset += SYNC_DATA_MAX) {
    const chunk = data.subarray(offset, offset + SYNC_DATA_MAX);
    const header = Buffer.alloc(8);
    header.write('DATA', 0, 'latin1');
    header.writeUInt32LE(chunk.length, 4);
    void stream.write(Buffer.concat([header, chunk]));
  }
  await stream.write(encodeDone(0));
}

/** SEND `path,mode`: DATA… then DONE(mtime); answers OKAY, or FAIL when the path cannot be written. */
async function receiveFile(stream: AdbStream, reader: ByteReader, fs: VirtualFs, spec: string): Promise<boolean> {
  const comma = spec.lastIndexOf(',');
  const path = comma < 0 ? spec : spec.slice(0, comma);
  const mode = comma < 0 ? 0o644 : Number(spec.slice(comma + 1)) & 0o7777;
  const chunks: Buffer[] = [];
  for (;;) {
    const header = await reader.readExactly(8);
    if (!header) return false;
    const id = header.toString('latin1', 0, 4);
    const value = header.readUInt32LE(4);
    if (id === 'DATA') {
      const data = await reader.readExactly(value);
      if (!data) return false;
      chunks.push(Buffer.from(data));
    } else if (id === 'DONE') {
      try {
        const existing = fs.stat(path);
        if (existing && (existing.mode & S_IFDIR) === S_IFDIR) throw new Error('Is a directory');
        fs.write(path, Buffer.concat(chunks), S_IFREG | mode, value);
      } catch (error) {
        await stream.write(encodeFail(`couldn't create file: ${error instanceof Error ? error.message : String(error)}`));
        return true;
      }
      const okay = Buffer.alloc(8);
      okay.write('OKAY', 0, 'latin1');
      await stream.write(okay);
      return true;
    } else {
      await stream.write(encodeFail(`invalid data message '${id}'`));
      return false;
    }
  }
}

function encodeDone(value: number): Buffer {
  const done = Buffer.alloc(8);
  done.write('DONE', 0, 'latin1');
  done.writeUInt32LE(value, 4);
  return done;
}

function encodeFail(message: string): Buffer {
  const text = Buffer.from(message, 'utf8');
  const header = Buffer.alloc(8);
  header.write('FAIL', 0, 'latin1');
  header.writeUInt32LE(text.length, 4);
  return Buffer.concat([header, text]);
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** A stable fake inode number per path (adb only compares them for equality). */
function inodeOf(path: string): number {
  let hash = 2166136261;
  for (let index = 0; index < path.length; index += 1) hash = Math.imul(hash ^ path.charCodeAt(index), 16777619) >>> 0;
  return hash;
}
