/**
 * Builds Android binary XML (AXML) and resources.arsc in memory for unit tests, following the
 * layouts in frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h.
 */

export type TestValue =
  | { type: 'string'; value: string }
  | { type: 'int'; value: number; hex?: boolean }
  | { type: 'boolean'; value: boolean }
  | { type: 'reference'; id: number };

export interface TestAttribute {
  name: string;
  /** false for attributes without namespace, such as `package`. @default true */
  android?: boolean;
  /** android.R.attr id; omit to leave the attribute out of the resource map. */
  resourceId?: number;
  value: TestValue;
}

export interface TestElement {
  name: string;
  attributes?: TestAttribute[];
  children?: TestElement[];
}

const ANDROID_URI = 'http://schemas.android.com/apk/res/android';
const NONE = 0xffffffff;

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
}

function chunk(type: number, header: Buffer, body: Buffer): Buffer {
  const headerSize = 8 + header.length;
  return Buffer.concat([u16(type), u16(headerSize), u32(headerSize + body.length), header, body]);
}

function encodeUtf8Length(length: number): Buffer {
  return length > 0x7f ? Buffer.from([0x80 | (length >> 8), length & 0xff]) : Buffer.from([length]);
}

/** A ResStringPool chunk. */
export function buildStringPool(strings: readonly string[], utf8: boolean): Buffer {
  const encoded = strings.map((text) => {
    if (utf8) {
      const bytes = Buffer.from(text, 'utf8');
      return Buffer.concat([encodeUtf8Length(text.length), encodeUtf8Length(bytes.length), bytes, Buffer.from([0])]);
    }
    const units = Buffer.from(text, 'utf16le');
    const length = text.length > 0x7fff ? Buffer.concat([u16(0x8000 | (text.length >> 16)), u16(text.length & 0xffff)]) : u16(text.length);
    return Buffer.concat([length, units, u16(0)]);
  });
  const offsets: Buffer[] = [];
  let at = 0;
  for (const entry of encoded) {
    offsets.push(u32(at));
    at += entry.length;
  }
  let data = Buffer.concat(encoded);
  if (data.length % 4 !== 0) data = Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
  const header = Buffer.concat([u32(strings.length), u32(0), u32(utf8 ? 0x100 : 0), u32(28 + strings.length * 4), u32(0)]);
  return chunk(0x0001, header, Buffer.concat([...offsets, data]));
}

const DATA_TYPES = { reference: 0x01, string: 0x03, int: 0x10, hex: 0x11, boolean: 0x12 } as const;

function encodeValue(value: TestValue, indexOf: (text: string) => number): Buffer {
  const [dataType, data] =
    value.type === 'string'
      ? [DATA_TYPES.string, indexOf(value.value)]
      : value.type === 'int'
        ? [value.hex ? DATA_TYPES.hex : DATA_TYPES.int, value.value]
        : value.type === 'boolean'
          ? [DATA_TYPES.boolean, value.value ? 0xffffffff : 0]
          : [DATA_TYPES.reference, value.id];
  return Buffer.concat([u16(8), Buffer.from([0, dataType]), u32(data)]);
}

function walk(element: TestElement, visit: (element: TestElement) => void): void {
  visit(element);
  for (const child of element.children ?? []) walk(child, visit);
}

/** Compiles an element tree to binary XML, as aapt writes AndroidManifest.xml. */
export function buildAxml(root: TestElement, options: { utf8?: boolean } = {}): Buffer {
  // Attribute names that carry a resource id come first: the resource map is indexed by string index.
  const withIds: Array<{ name: string; id: number }> = [];
  const others: string[] = [ANDROID_URI, 'android'];
  walk(root, (element) => {
    others.push(element.name);
    for (const attribute of element.attributes ?? []) {
      if (attribute.resourceId !== undefined) {
        if (!withIds.some((known) => known.name === attribute.name)) withIds.push({ name: attribute.name, id: attribute.resourceId });
      } else {
        others.push(attribute.name);
      }
      if (attribute.value.type === 'string') others.push(attribute.value.value);
    }
  });
  const strings = [...withIds.map((known) => known.name), ...new Set(others.filter((text) => !withIds.some((known) => known.name === text)))];
  const indexOf = (text: string): number => strings.indexOf(text);

  const nodes: Buffer[] = [];
  let line = 1;
  const emit = (element: TestElement): void => {
    const attributes = (element.attributes ?? []).map((attribute) =>
      Buffer.concat([
        u32(attribute.android === false ? NONE : indexOf(ANDROID_URI)),
        u32(indexOf(attribute.name)),
        u32(attribute.value.type === 'string' ? indexOf(attribute.value.value) : NONE),
        encodeValue(attribute.value, indexOf),
      ]),
    );
    const ext = Buffer.concat([u32(NONE), u32(indexOf(element.name)), u16(20), u16(20), u16(attributes.length), u16(0), u16(0), u16(0)]);
    nodes.push(chunk(0x0102, Buffer.concat([u32(line++), u32(NONE)]), Buffer.concat([ext, ...attributes])));
    for (const child of element.children ?? []) emit(child);
    nodes.push(chunk(0x0103, Buffer.concat([u32(line++), u32(NONE)]), Buffer.concat([u32(NONE), u32(indexOf(element.name))])));
  };
  emit(root);

  const namespace = Buffer.concat([u32(indexOf('android')), u32(indexOf(ANDROID_URI))]);
  const body = Buffer.concat([
    buildStringPool(strings, options.utf8 ?? false),
    chunk(0x0180, Buffer.alloc(0), Buffer.concat(withIds.map((known) => u32(known.id)))),
    chunk(0x0100, Buffer.concat([u32(0), u32(NONE)]), namespace),
    ...nodes,
    chunk(0x0101, Buffer.concat([u32(line), u32(NONE)]), namespace),
  ]);
  return chunk(0x0003, Buffer.alloc(0), body);
}

export interface TestResourceType {
  /** Type id (1-based), the TT of 0x7fTTEEEE. */
  id: number;
  /** One ResTable_type chunk per configuration, in file order; entries by entry index (undefined = absent). */
  configs: Array<{
    language?: string;
    entries: Array<TestValue | undefined>;
    /** How the entry index is encoded: uint32 offsets (classic), uint16 offsets/4, or sparse (index, offset/4) pairs. @default 'offset32' */
    encoding?: 'offset32' | 'offset16' | 'sparse';
  }>;
}

/** A resources.arsc with one package (all values' strings go to the global pool). */
export function buildResourceTable(packageId: number, types: readonly TestResourceType[], options: { utf8?: boolean } = {}): Buffer {
  const values: string[] = [];
  const indexOf = (text: string): number => {
    if (!values.includes(text)) values.push(text);
    return values.indexOf(text);
  };
  const typeChunks: Buffer[] = [];
  for (const type of types) {
    for (const config of type.configs) {
      const configBytes = Buffer.alloc(64);
      configBytes.writeUInt32LE(64, 0);
      if (config.language) configBytes.write(config.language, 8, 'latin1');
      const encoding = config.encoding ?? 'offset32';
      const offsets: Buffer[] = [];
      const entries: Buffer[] = [];
      let at = 0;
      config.entries.forEach((value, index) => {
        if (value === undefined) {
          if (encoding === 'offset32') offsets.push(u32(NONE));
          if (encoding === 'offset16') offsets.push(u16(0xffff));
          return;
        }
        const entry = Buffer.concat([u16(8), u16(0), u32(index), encodeValue(value, indexOf)]);
        if (encoding === 'offset32') offsets.push(u32(at));
        if (encoding === 'offset16') offsets.push(u16(at / 4));
        if (encoding === 'sparse') offsets.push(Buffer.concat([u16(index), u16(at / 4)]));
        entries.push(entry);
        at += entry.length;
      });
      let index = Buffer.concat(offsets);
      if (index.length % 4 !== 0) index = Buffer.concat([index, Buffer.alloc(2)]);
      const flags = encoding === 'sparse' ? 0x01 : encoding === 'offset16' ? 0x02 : 0;
      const entryCount = encoding === 'sparse' ? entries.length : config.entries.length;
      const headerSize = 20 + configBytes.length;
      const header = Buffer.concat([
        Buffer.from([type.id, flags]),
        u16(0),
        u32(entryCount),
        u32(headerSize + index.length),
        configBytes,
      ]);
      typeChunks.push(chunk(0x0201, header, Buffer.concat([index, ...entries])));
    }
  }
  const typeNames = buildStringPool(types.map((type) => `type${type.id}`), true);
  const keyNames = buildStringPool(['key'], true);
  const packageHeaderSize = 288;
  const packageName = Buffer.alloc(256);
  packageName.write('org.example', 0, 'utf16le');
  const packageHeader = Buffer.concat([
    u32(packageId),
    packageName,
    u32(packageHeaderSize),
    u32(types.length),
    u32(packageHeaderSize + typeNames.length),
    u32(1),
    u32(0),
  ]);
  const packageChunk = chunk(0x0200, packageHeader, Buffer.concat([typeNames, keyNames, ...typeChunks]));
  return chunk(0x0002, u32(1), Buffer.concat([buildStringPool(values, options.utf8 ?? false), packageChunk]));
}
