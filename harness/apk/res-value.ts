import type { StringPool } from './string-pool.ts';

/** A typed value (Res_value) from binary XML or resources.arsc. */
export type ResValue =
  | { type: 'null' }
  /** @0x7f… — a resource to look up in resources.arsc (or the framework for 0x01…). */
  | { type: 'reference'; id: number }
  /** ?0x01… — a theme attribute; meaningless without a device theme. */
  | { type: 'attribute'; id: number }
  | { type: 'string'; value: string }
  | { type: 'int'; value: number; hex: boolean }
  | { type: 'boolean'; value: boolean }
  | { type: 'float'; value: number }
  /** Dimensions, fractions, colours: kept raw, the harness never needs them. */
  | { type: 'other'; dataType: number; data: number };

const TYPE_NULL = 0x00;
const TYPE_REFERENCE = 0x01;
const TYPE_ATTRIBUTE = 0x02;
const TYPE_STRING = 0x03;
const TYPE_FLOAT = 0x04;
const TYPE_DYNAMIC_REFERENCE = 0x07;
const TYPE_DYNAMIC_ATTRIBUTE = 0x08;
const TYPE_INT_DEC = 0x10;
const TYPE_INT_HEX = 0x11;
const TYPE_INT_BOOLEAN = 0x12;

/** Decodes a Res_value's dataType and 32-bit data; strings index `strings`. */
export function decodeResValue(dataType: number, data: number, strings: StringPool): ResValue {
  switch (dataType) {
    case TYPE_NULL:
      return { type: 'null' };
    case TYPE_REFERENCE:
    case TYPE_DYNAMIC_REFERENCE:
      return { type: 'reference', id: data >>> 0 };
    case TYPE_ATTRIBUTE:
    case TYPE_DYNAMIC_ATTRIBUTE:
      return { type: 'attribute', id: data >>> 0 };
    case TYPE_STRING: {
      const value = strings.get(data);
      return value === undefined ? { type: 'null' } : { type: 'string', value };
    }
    case TYPE_FLOAT: {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32LE(data >>> 0);
      return { type: 'float', value: bytes.readFloatLE(0) };
    }
    case TYPE_INT_DEC:
    case TYPE_INT_HEX:
      return { type: 'int', value: data | 0, hex: dataType === TYPE_INT_HEX };
    case TYPE_INT_BOOLEAN:
      return { type: 'boolean', value: data !== 0 };
    default:
      return { type: 'other', dataType, data: data >>> 0 };
  }
}
