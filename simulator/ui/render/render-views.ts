/** Paints laid-out windows (bottom first) onto an RGB canvas and encodes it as PNG. */
import type { View } from '../view.ts';
import { Canvas, type Rgb } from './canvas.ts';
import { encodePngRows } from './png-encode.ts';

function paintView(canvas: Canvas, view: View): void {
  for (const op of view.draw ?? []) {
    switch (op.op) {
      case 'rect':
        if (op.radius) canvas.fillRoundRect(op.x, op.y, op.w, op.h, op.radius, op.color);
        else canvas.fillRect(op.x, op.y, op.w, op.h, op.color);
        break;
      case 'scrim':
        canvas.blendRect(0, 0, canvas.width, canvas.height, op.color, op.alpha);
        break;
      case 'circle':
        canvas.fillCircle(op.cx, op.cy, op.r, op.color);
        break;
      case 'text':
        canvas.drawText(op.text, op.x, op.y, op.face, op.color);
        break;
    }
  }
  if (view.clip) canvas.pushClip({ left: view.bounds[0], top: view.bounds[1], right: view.bounds[2], bottom: view.bounds[3] });
  for (const child of view.children) paintView(canvas, child);
  if (view.clip) canvas.popClip();
}

/**
 * The last frame's buffer, painted over by the next one of the same size (every pixel is first set to
 * the background), in PNG's raw row layout so that encoding copies nothing. A fresh 1080x2400 buffer
 * per screenshot cost more CPU in page faults than painting and compressing it; rendering is
 * synchronous, so one buffer is enough.
 */
let scratch: Buffer | undefined;

export function renderWindowsPng(width: number, height: number, background: Rgb, windows: View[]): Buffer {
  if (scratch?.length !== (width * 3 + 1) * height) scratch = Buffer.allocUnsafe((width * 3 + 1) * height);
  const canvas = new Canvas(width, height, background, scratch, 'png-rows');
  for (const window of windows) paintView(canvas, window);
  return encodePngRows(width, height, canvas.pixels);
}
