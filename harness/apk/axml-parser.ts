import { ByteReader } from './byte-reader.ts';
import { decodeResValue, type ResValue } from './res-value.ts';
import { parseStringPool, STRING_POOL_TYPE, type StringPool } from './string-pool.ts';

/** One attribute of a binary XML element. */
export interface XmlAttribute {
  /** Namespace URI, e.g. http://schemas.android.com/apk/res/android; undefined for `package`. */
  namespace: string | undefined;
  /** Local name; may be empty in obfuscated APKs, where only `resourceId` identifies it. */
  name: string;
  /** android.R.attr id from the resource map (0x0101…), which is what Android itself matches on. */
  resourceId: number | undefined;
  /** The original string text when the value was written as text (aapt's "Raw:"). */
  rawValue: string | undefined;
  value: ResValue;
}

export interface XmlElement {
  namespace: string | undefined;
  name: string;
  line: number;
  attributes: XmlAttribute[];
  children: XmlElement[];
}

const RES_XML_TYPE = 0x0003;
const RES_XML_RESOURCE_MAP_TYPE = 0x0180;
const RES_XML_START_ELEMENT_TYPE = 0x0102;
const RES_XML_END_ELEMENT_TYPE = 0x0103;
const NO_INDEX = 0xffffffff;

function readResourceMap(reader: ByteReader, offset: number, headerSize: number, size: number): number[] {
  const ids: number[] = [];
  for (let at = offset + headerSize; at + 4 <= offset + size; at += 4) ids.push(reader.u32(at, 'resource id'));
  return ids;
}

function readStartElement(
  reader: ByteReader,
  offset: number,
  headerSize: number,
  strings: StringPool,
  resourceIds: readonly number[],
): XmlElement {
  const line = reader.u32(offset + 8, 'line number');
  const ext = offset + headerSize;
  const namespaceIndex = reader.u32(ext, 'element namespace');
  const nameIndex = reader.u32(ext + 4, 'element name');
  const attributeStart = reader.u16(ext + 8, 'attribute start');
  const attributeSize = reader.u16(ext + 10, 'attribute size');
  const attributeCount = reader.u16(ext + 12, 'attribute count');
  const name = strings.get(nameIndex);
  if (name === undefined) reader.fail(`element at line ${line} has no name (string ${nameIndex})`);
  // Old aapt wrote 20-byte attributes; a smaller size cannot hold a Res_value.
  if (attributeCount > 0 && attributeSize < 20) reader.fail(`element <${name}> declares ${attributeSize}-byte attributes`);

  const attributes: XmlAttribute[] = [];
  for (let index = 0; index < attributeCount; index++) {
    const at = ext + attributeStart + index * attributeSize;
    const attrNamespace = reader.u32(at, 'attribute namespace');
    const attrName = reader.u32(at + 4, 'attribute name');
    const rawIndex = reader.u32(at + 8, 'attribute raw value');
    const dataType = reader.u8(at + 15, 'attribute value type');
    const data = reader.u32(at + 16, 'attribute value');
    attributes.push({
      namespace: attrNamespace === NO_INDEX ? undefined : strings.get(attrNamespace),
      name: strings.get(attrName) ?? '',
      resourceId: resourceIds[attrName],
      rawValue: rawIndex === NO_INDEX ? undefined : strings.get(rawIndex),
      value: decodeResValue(dataType, data, strings),
    });
  }
  return {
    namespace: namespaceIndex === NO_INDEX ? undefined : strings.get(namespaceIndex),
    name,
    line,
    attributes,
    children: [],
  };
}

/**
 * Parses Android binary XML (AXML, as aapt/aapt2 compile AndroidManifest.xml) into an element tree.
 * Namespace and CDATA chunks are skipped: the manifest model needs neither.
 * @param source names the document in errors, e.g. `app.apk!AndroidManifest.xml`
 */
export function parseAxml(data: Buffer, source: string): XmlElement {
  const reader: ByteReader = new ByteReader(data, source);
  if (data.length < 8) reader.fail(`${data.length} bytes is too short for binary XML`);
  const fileType = reader.u16(0, 'file type');
  if (fileType !== RES_XML_TYPE) {
    reader.fail(`not Android binary XML (chunk type 0x${fileType.toString(16)}, expected 0x0003)`);
  }
  const end = Math.min(reader.u32(4, 'file size'), data.length);

  let strings: StringPool | undefined;
  let resourceIds: number[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  let offset = reader.u16(2, 'header size');
  while (offset + 8 <= end) {
    const type = reader.u16(offset, 'chunk type');
    const headerSize = reader.u16(offset + 2, 'chunk header size');
    const size = reader.u32(offset + 4, 'chunk size');
    if (size < 8 || headerSize > size) reader.fail(`chunk at offset ${offset} has size ${size} and header ${headerSize}`);
    reader.require(offset, size, 'chunk');

    if (type === STRING_POOL_TYPE) {
      strings = parseStringPool(reader, offset);
    } else if (type === RES_XML_RESOURCE_MAP_TYPE) {
      resourceIds = readResourceMap(reader, offset, headerSize, size);
    } else if (type === RES_XML_START_ELEMENT_TYPE) {
      if (!strings) reader.fail('an element comes before the string pool');
      const element = readStartElement(reader, offset, headerSize, strings, resourceIds);
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (!root) root = element;
      else reader.fail(`second root element <${element.name}>`);
      stack.push(element);
    } else if (type === RES_XML_END_ELEMENT_TYPE) {
      if (!stack.pop()) reader.fail(`an end tag at offset ${offset} closes no element`);
    }
    offset += size;
  }
  if (!root) reader.fail('the document has no root element');
  return root;
}
