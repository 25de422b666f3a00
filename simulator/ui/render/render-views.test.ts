import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createView, type View } from '../view.ts';
import { Canvas } from './canvas.ts';
import { selectFontFace } from './font.ts';
import { encodePng, encodePngRows } from './png-encode.ts';
import { renderWindowsPng } from './render-views.ts';

const WIDTH = 64;
const HEIGHT = 48;

function screen(color: number, withScrim: boolean): View {
  return createView({
    key: 'root', className: 'android.widget.FrameLayout', packageName: 'test', bounds: [0, 0, WIDTH, HEIGHT],
    draw: [
      { op: 'rect', x: 4, y: 4, w: 40, h: 20, color, radius: 6 },
      { op: 'circle', cx: 50, cy: 36, r: 8, color: color ^ 0xffffff },
      { op: 'text', x: 2, y: 20, text: 'Hi ✓', face: selectFontFace(31, false), color: 0x101010 },
      ...(withScrim ? [{ op: 'scrim' as const, color: 0x000000, alpha: 0.4 }] : []),
    ],
    clip: true,
    children: [createView({ key: 'child', className: 'android.view.View', packageName: 'test', bounds: [10, 30, 40, 44], draw: [{ op: 'rect', x: 0, y: 36, w: WIDTH, h: 20, color: 0x00aa00 }] })],
  });
}

/** The RGB rows of a PNG written by encodePng (filter 0 on every row). */
function pixelsOf(png: Buffer): Buffer {
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    if (png.toString('latin1', offset + 4, offset + 8) === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return inflateSync(Buffer.concat(idat));
}

describe('renderWindowsPng', () => {
  it('gives byte-identical PNGs for the same screen whatever was painted before (the pixel buffers are reused)', () => {
    const first = renderWindowsPng(WIDTH, HEIGHT, 0xffffff, [screen(0x3366cc, false)]);
    const other = renderWindowsPng(WIDTH, HEIGHT, 0x202020, [screen(0xcc3300, true)]);
    const again = renderWindowsPng(WIDTH, HEIGHT, 0xffffff, [screen(0x3366cc, false)]);
    expect(other.equals(first)).toBe(false);
    expect(again.equals(first)).toBe(true);
    // The returned PNG is not a view of a reused buffer: painting another frame leaves it as it was.
    const copy = Buffer.from(first);
    renderWindowsPng(WIDTH, HEIGHT, 0x000000, [screen(0x00ff00, true)]);
    expect(first.equals(copy)).toBe(true);
  });

  it('paints PNG rows in place exactly as packed RGB painted and copied (the same bytes)', () => {
    for (const withScrim of [false, true]) {
      const ops = screen(0x3366cc, withScrim).draw ?? [];
      const packed = new Canvas(WIDTH, HEIGHT, 0xfafafa);
      const rows = new Canvas(WIDTH, HEIGHT, 0xfafafa, Buffer.alloc((WIDTH * 3 + 1) * HEIGHT, 0x55), 'png-rows');
      for (const canvas of [packed, rows]) {
        canvas.pushClip({ left: 3, top: 2, right: WIDTH - 5, bottom: HEIGHT - 1 });
        for (const op of ops) {
          if (op.op === 'rect') canvas.fillRoundRect(op.x, op.y, op.w, op.h, op.radius ?? 0, op.color);
          if (op.op === 'circle') canvas.fillCircle(op.cx, op.cy, op.r, op.color);
          if (op.op === 'text') canvas.drawText(op.text, op.x, op.y, op.face, op.color);
          if (op.op === 'scrim') canvas.blendRect(0, 0, WIDTH, HEIGHT, op.color, op.alpha);
        }
        canvas.popClip();
      }
      expect(encodePngRows(WIDTH, HEIGHT, rows.pixels).equals(encodePng(WIDTH, HEIGHT, packed.pixels))).toBe(true);
    }
  });

  it('paints the background and the shapes where they are, and handles another size after a frame', () => {
    const small = pixelsOf(renderWindowsPng(WIDTH, HEIGHT, 0xffffff, [screen(0x3366cc, false)]));
    const row = (y: number) => small.subarray(y * (WIDTH * 3 + 1) + 1, (y + 1) * (WIDTH * 3 + 1));
    expect([...row(0).subarray(0, 3)]).toEqual([0xff, 0xff, 0xff]);
    expect([...row(14).subarray(20 * 3, 20 * 3 + 3)]).toEqual([0x33, 0x66, 0xcc]);
    const big = pixelsOf(renderWindowsPng(WIDTH * 2, HEIGHT, 0x102030, []));
    expect(big.length).toBe((WIDTH * 2 * 3 + 1) * HEIGHT);
    expect([...big.subarray(big.length - 3)]).toEqual([0x10, 0x20, 0x30]);
  });
});
