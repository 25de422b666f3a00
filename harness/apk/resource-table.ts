import { ByteReader } from './byte-reader.ts';
import { decodeResValue, type ResValue } from './res-value.ts';
import { parseStringPool, STRING_POOL_TYPE, type StringPool } from './string-pool.ts';

/** Enough of resources.arsc to turn a reference (@0x7f…) into its value in the default configuration. */
export interface ResourceTable {
  /**
   * The simple value of resource `id`: from the configuration with no qualifiers when it has one,
   * else from the first configuration that defines it. Undefined for unknown ids and for bags
   * (styles, arrays, plurals). References are returned as they are; see `resolveReference`.
   */
  lookup(id: number): ResValue | undefined;
}

const RES_TABLE_TYPE = 0x0002;
const RES_TABLE_PACKAGE_TYPE = 0x0200;
const RES_TABLE_TYPE_TYPE = 0x0201;
const FLAG_SPARSE = 0x01;
const FLAG_OFFSET16 = 0x02;
const NO_ENTRY = 0xffffffff;
const NO_ENTRY16 = 0xffff;
const ENTRY_FLAG_COMPLEX = 0x0001;
const ENTRY_FLAG_COMPACT = 0x0008;
/** A reference chain longer than this is a loop or a hostile file. */
const MAX_REFERENCE_DEPTH = 8;

/** One ResTable_type chunk: the entries of one type in one configuration. */
interface TypeChunk {
  offset: number;
  flags: number;
  entryCount: number;
  entriesStart: number;
  indexStart: number;
  isDefaultConfig: boolean;
}

function isDefaultConfig(reader: ByteReader, configOffset: number): boolean {
  const size = reader.u32(configOffset, 'config size');
  const config = reader.slice(configOffset + 4, Math.max(0, size - 4), 'config');
  return config.every((byte) => byte === 0);
}

function readTypeChunk(reader: ByteReader, offset: number, headerSize: number): { typeId: number; chunk: TypeChunk } {
  const typeId = reader.u8(offset + 8, 'type id');
  return {
    typeId,
    chunk: {
      offset,
      flags: reader.u8(offset + 9, 'type flags'),
      entryCount: reader.u32(offset + 12, 'entry count'),
      entriesStart: offset + reader.u32(offset + 16, 'entries start'),
      indexStart: offset + headerSize,
      isDefaultConfig: isDefaultConfig(reader, offset + 20),
    },
  };
}

/** Offset of entry `index` inside the chunk's entry data, or undefined when this config lacks it. */
function findEntryOffset(reader: ByteReader, chunk: TypeChunk, index: number): number | undefined {
  if ((chunk.flags & FLAG_SPARSE) !== 0) {
    // Sparse: sorted (uint16 index, uint16 offset/4) pairs.
    let low = 0;
    let high = chunk.entryCount - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = chunk.indexStart + middle * 4;
      const entryIndex = reader.u16(at, 'sparse entry index');
      if (entryIndex === index) return reader.u16(at + 2, 'sparse entry offset') * 4;
      if (entryIndex < index) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
  if (index >= chunk.entryCount) return undefined;
  if ((chunk.flags & FLAG_OFFSET16) !== 0) {
    const offset = reader.u16(chunk.indexStart + index * 2, 'entry offset');
    return offset === NO_ENTRY16 ? undefined : offset * 4;
  }
  const offset = reader.u32(chunk.indexStart + index * 4, 'entry offset');
  return offset === NO_ENTRY ? undefined : offset;
}

function readEntryValue(reader: ByteReader, chunk: TypeChunk, index: number, strings: StringPool): ResValue | undefined {
  const relative = findEntryOffset(reader, chunk, index);
  if (relative === undefined) return undefined;
  const entry = chunk.entriesStart + relative;
  const flags = reader.u16(entry + 2, 'entry flags');
  if ((flags & ENTRY_FLAG_COMPACT) !== 0) {
    // Compact entries (aapt2 --enable-compact-entries): uint16 key, uint16 flags with the type in the high byte, uint32 data.
    return decodeResValue(flags >>> 8, reader.u32(entry + 4, 'compact entry data'), strings);
  }
  if ((flags & ENTRY_FLAG_COMPLEX) !== 0) return undefined;
  const valueAt = entry + reader.u16(entry, 'entry size');
  return decodeResValue(reader.u8(valueAt + 3, 'value type'), reader.u32(valueAt + 4, 'value data'), strings);
}

/** Parses resources.arsc. Package, type and key names are not kept: lookups are by id only. */
export function parseResourceTable(data: Buffer, source: string): ResourceTable {
  const reader: ByteReader = new ByteReader(data, source);
  if (data.length < 12 || reader.u16(0) !== RES_TABLE_TYPE) reader.fail('not a resource table (chunk type is not 0x0002)');
  const end = Math.min(reader.u32(4, 'table size'), data.length);
  let strings: StringPool | undefined;
  /** packageId → typeId → chunks in file order. */
  const packages = new Map<number, Map<number, TypeChunk[]>>();

  let offset = reader.u16(2, 'table header size');
  while (offset + 8 <= end) {
    const type = reader.u16(offset, 'chunk type');
    const size = reader.u32(offset + 4, 'chunk size');
    if (size < 8) reader.fail(`chunk at offset ${offset} has size ${size}`);
    reader.require(offset, size, 'chunk');
    if (type === STRING_POOL_TYPE && !strings) {
      strings = parseStringPool(reader, offset);
    } else if (type === RES_TABLE_PACKAGE_TYPE) {
      const packageId = reader.u32(offset + 8, 'package id');
      const types = packages.get(packageId) ?? new Map<number, TypeChunk[]>();
      packages.set(packageId, types);
      let inner = offset + reader.u16(offset + 2, 'package header size');
      while (inner + 8 <= offset + size) {
        const innerType = reader.u16(inner, 'chunk type');
        const innerHeader = reader.u16(inner + 2, 'chunk header size');
        const innerSize = reader.u32(inner + 4, 'chunk size');
        if (innerSize < 8) reader.fail(`chunk at offset ${inner} has size ${innerSize}`);
        reader.require(inner, innerSize, 'chunk');
        if (innerType === RES_TABLE_TYPE_TYPE) {
          const { typeId, chunk } = readTypeChunk(reader, inner, innerHeader);
          const list = types.get(typeId) ?? [];
          list.push(chunk);
          types.set(typeId, list);
        }
        inner += innerSize;
      }
    }
    offset += size;
  }

  const valueStrings: StringPool = strings ?? { count: 0, get: () => undefined };
  return {
    lookup(id: number): ResValue | undefined {
      const chunks = packages.get(id >>> 24)?.get((id >>> 16) & 0xff);
      if (!chunks) return undefined;
      const index = id & 0xffff;
      const ordered = [...chunks.filter((chunk) => chunk.isDefaultConfig), ...chunks.filter((chunk) => !chunk.isDefaultConfig)];
      for (const chunk of ordered) {
        const value = readEntryValue(reader, chunk, index, valueStrings);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
}

/**
 * Follows references through the table until a non-reference value (a label that points at a
 * string that points at another string). Framework references (0x01…) stay unresolved.
 */
export function resolveReference(value: ResValue, table: ResourceTable | undefined): ResValue {
  let current = value;
  for (let depth = 0; depth < MAX_REFERENCE_DEPTH && current.type === 'reference' && table; depth++) {
    const next = table.lookup(current.id);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}
