import type { ByteReader } from './byte-reader.ts';

/**
 * A ResStringPool chunk (frameworks/base/libs/androidfw/ResourceTypes.cpp), shared by binary XML
 * and resources.arsc. Strings decode on first use: the value pool of a large app holds tens of
 * thousands of strings and the harness needs a handful.
 */
export interface StringPool {
  readonly count: number;
  /** The string at `index`, or undefined for an index outside the pool (e.g. 0xffffffff = none). */
  get(index: number): string | undefined;
}

export const STRING_POOL_TYPE = 0x0001;
const UTF8_FLAG = 1 << 8;

/** Reads the pool chunk that starts at `offset` (its ResChunk_header). */
export function parseStringPool(reader: ByteReader, offset: number): StringPool {
  const type = reader.u16(offset, 'string pool type');
  if (type !== STRING_POOL_TYPE) reader.fail(`expected a string pool chunk at offset ${offset}, found type 0x${type.toString(16)}`);
  const headerSize = reader.u16(offset + 2, 'string pool header size');
  const chunkSize = reader.u32(offset + 4, 'string pool size');
  reader.require(offset, chunkSize, 'string pool');
  const count = reader.u32(offset + 8, 'string count');
  const flags = reader.u32(offset + 16, 'string pool flags');
  const stringsStart = offset + reader.u32(offset + 20, 'strings start');
  const isUtf8 = (flags & UTF8_FLAG) !== 0;
  const chunkEnd = offset + chunkSize;
  const indexStart = offset + headerSize;
  reader.require(indexStart, count * 4, 'string index');
  const cache = new Map<number, string>();

  function decodeUtf8(start: number): string {
    // Two lengths precede the bytes: UTF-16 units (unused here), then UTF-8 bytes; each is 1 or 2 bytes.
    let position = start;
    const skipLength = (): number => {
      const first = reader.u8(position);
      if ((first & 0x80) === 0) {
        position += 1;
        return first;
      }
      const value = ((first & 0x7f) << 8) | reader.u8(position + 1);
      position += 2;
      return value;
    };
    skipLength();
    const byteLength = skipLength();
    if (position + byteLength > chunkEnd) reader.fail(`string at offset ${start} runs past its pool`);
    return reader.slice(position, byteLength).toString('utf8');
  }

  function decodeUtf16(start: number): string {
    let position = start;
    let length = reader.u16(position);
    position += 2;
    if ((length & 0x8000) !== 0) {
      length = ((length & 0x7fff) << 16) | reader.u16(position);
      position += 2;
    }
    if (position + length * 2 > chunkEnd) reader.fail(`string at offset ${start} runs past its pool`);
    return reader.slice(position, length * 2).toString('utf16le');
  }

  return {
    count,
    get(index: number): string | undefined {
      if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
      const cached = cache.get(index);
      if (cached !== undefined) return cached;
      const start = stringsStart + reader.u32(indexStart + index * 4, 'string offset');
      const value = isUtf8 ? decodeUtf8(start) : decodeUtf16(start);
      cache.set(index, value);
      return value;
    },
  };
}
