/** Crops a PNG produced by the UI's encoder (8-bit RGB, filter 0) to a rectangle: element screenshots. */
import { inflateSync } from 'node:zlib';
import { encodePng } from '../ui/render/png-encode.ts';

export function cropPng(png: Buffer, bounds: readonly [number, number, number, number]): Buffer {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  // At least one pixel, inside the screen, even for an empty or off-screen rectangle.
  const left = Math.max(0, Math.min(width - 1, bounds[0]));
  const top = Math.max(0, Math.min(height - 1, bounds[1]));
  const right = Math.max(left + 1, Math.min(width, bounds[2]));
  const bottom = Math.max(top + 1, Math.min(height, bounds[3]));
  const out = Buffer.alloc((right - left) * (bottom - top) * 3);
  for (let y = top; y < bottom; y++) {
    const row = y * (stride + 1) + 1;
    raw.copy(out, (y - top) * (right - left) * 3, row + left * 3, row + right * 3);
  }
  return encodePng(right - left, bottom - top, out);
}
