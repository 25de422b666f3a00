import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png-encode.ts';

interface Chunk { type: string; data: Buffer; crc: number; crcInput: Buffer }

function readChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    chunks.push({
      type: png.toString('latin1', offset + 4, offset + 8),
      data: png.subarray(offset + 8, offset + 8 + length),
      crc: png.readUInt32BE(offset + 8 + length),
      crcInput: png.subarray(offset + 4, offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

describe('encodePng', () => {
  const width = 5;
  const height = 3;
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37) & 0xff;
  const png = encodePng(width, height, rgb);

  it('writes the signature and IHDR, IDAT, IEND with correct CRCs', () => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) expect(chunk.crc).toBe(crc32(chunk.crcInput));
    expect(chunks[2]!.crc).toBe(0xae426082); // the CRC every PNG's IEND carries (PNG spec, independent of zlib)
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([width, height, 8, 2, 0, 0, 0]);
  });

  it('stores every row with filter 0 followed by the pixels', () => {
    const raw = inflateSync(readChunks(png)[1]!.data);
    expect(raw.length).toBe((width * 3 + 1) * height);
    for (let y = 0; y < height; y++) {
      expect(raw[y * (width * 3 + 1)]).toBe(0);
      expect(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1))).toEqual(rgb.subarray(y * width * 3, (y + 1) * width * 3));
    }
  });

  it('rejects a pixel buffer of the wrong size', () => {
    expect(() => encodePng(4, 4, Buffer.alloc(10))).toThrow(RangeError);
  });
});
