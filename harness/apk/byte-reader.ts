import { createMalformedError } from './apk-errors.ts';

/**
 * Bounds-checked little-endian reads over a Buffer. Every structure in an APK (ZIP records, binary
 * XML, resources.arsc, the signing block) declares its own sizes; a reader that trusts them reads
 * garbage or throws a bare RangeError. This one throws APK_INVALID naming the source instead.
 */
export class ByteReader {
  readonly #buffer: Buffer;
  readonly #source: string;

  constructor(buffer: Buffer, source: string) {
    this.#buffer = buffer;
    this.#source = source;
  }

  /** Throws APK_INVALID with a message naming the source. */
  fail(detail: string): never {
    throw createMalformedError(this.#source, detail);
  }

  /** Throws unless `length` bytes starting at `offset` lie inside the buffer. */
  require(offset: number, length: number, what: string): void {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.#buffer.length) {
      this.fail(`${what} at offset ${offset} (${length} bytes) lies outside the ${this.#buffer.length}-byte data`);
    }
  }

  u8(offset: number, what = 'byte'): number {
    this.require(offset, 1, what);
    return this.#buffer.readUInt8(offset);
  }

  u16(offset: number, what = 'uint16'): number {
    this.require(offset, 2, what);
    return this.#buffer.readUInt16LE(offset);
  }

  u32(offset: number, what = 'uint32'): number {
    this.require(offset, 4, what);
    return this.#buffer.readUInt32LE(offset);
  }

  /** A uint64 that must fit in a JavaScript number (sizes and offsets in files we can hold in memory). */
  u64(offset: number, what = 'uint64'): number {
    this.require(offset, 8, what);
    const value = this.#buffer.readBigUInt64LE(offset);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${what} at offset ${offset} is too large (${value})`);
    return Number(value);
  }

  /** A view (not a copy) of `length` bytes at `offset`. */
  slice(offset: number, length: number, what = 'data'): Buffer {
    this.require(offset, length, what);
    return this.#buffer.subarray(offset, offset + length);
  }
}
