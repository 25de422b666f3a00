import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../ui/render/png-encode.ts';
import { cropPng } from './png-crop.ts';

function decode(png: Buffer): { width: number; height: number; rows: Buffer[] } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
  const rows = Array.from({ length: height }, (_, y) => raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)));
  return { width, height, rows };
}

describe('cropPng (element screenshots)', () => {
  const width = 4;
  const height = 3;
  const rgb = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => i));
  const png = encodePng(width, height, rgb);

  it('cuts out the element bounds', () => {
    const cropped = decode(cropPng(png, [1, 1, 3, 3]));
    expect([cropped.width, cropped.height]).toEqual([2, 2]);
    expect(cropped.rows[0]).toEqual(rgb.subarray((1 * width + 1) * 3, (1 * width + 3) * 3));
    expect(cropped.rows[1]).toEqual(rgb.subarray((2 * width + 1) * 3, (2 * width + 3) * 3));
  });

  it('keeps at least one pixel inside the screen for empty or off-screen bounds', () => {
    const cropped = decode(cropPng(png, [10, 10, 10, 10]));
    expect([cropped.width, cropped.height]).toEqual([1, 1]);
  });
});
