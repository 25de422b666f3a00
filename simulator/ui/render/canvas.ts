/** An RGB raster with the few primitives a phone screen needs: rectangles, rounded shapes, text, scrims. */
import type { FontFace } from './font.ts';

/** 0xRRGGBB */
export type Rgb = number;

export interface ClipRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export class Canvas {
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
  /**
   * Bytes from one row to the next, and where pixel (0, 0) starts: `width * 3` and 0 for packed RGB;
   * `width * 3 + 1` and 1 for PNG's raw rows (a filter byte before each row, left as it is here).
   */
  readonly stride: number;
  readonly offset: number;
  #clips: ClipRect[] = [];

  /**
   * `pixels`: a buffer to paint into (reused between frames), else a new one; `layout: 'png-rows'`
   * paints in PNG's raw row layout, so the encoder needs no copy (png-encode.ts, encodePngRows).
   */
  constructor(width: number, height: number, background: Rgb, pixels?: Buffer, layout: 'rgb' | 'png-rows' = 'rgb') {
    this.width = width;
    this.height = height;
    this.stride = layout === 'png-rows' ? width * 3 + 1 : width * 3;
    this.offset = layout === 'png-rows' ? 1 : 0;
    if (pixels !== undefined && pixels.length !== this.stride * height) throw new RangeError(`expected a ${this.stride * height}-byte pixel buffer, got ${pixels.length}`);
    this.pixels = pixels ?? Buffer.allocUnsafe(this.stride * height);
    this.fillRect(0, 0, width, height, background);
  }

  /** Where pixel (x, y) starts in `pixels`. */
  #at(x: number, y: number): number {
    return this.offset + y * this.stride + x * 3;
  }

  pushClip(rect: ClipRect): void {
    const current = this.#clip();
    this.#clips.push({
      left: Math.max(current.left, rect.left),
      top: Math.max(current.top, rect.top),
      right: Math.min(current.right, rect.right),
      bottom: Math.min(current.bottom, rect.bottom),
    });
  }

  popClip(): void {
    this.#clips.pop();
  }

  #clip(): ClipRect {
    return this.#clips.at(-1) ?? { left: 0, top: 0, right: this.width, bottom: this.height };
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const clip = this.#clip();
    const left = Math.max(Math.round(x), clip.left);
    const right = Math.min(Math.round(x + w), clip.right);
    const top = Math.max(Math.round(y), clip.top);
    const bottom = Math.min(Math.round(y + h), clip.bottom);
    if (right <= left || bottom <= top) return;
    const r = (color >> 16) & 0xff;
    const g = (color >> 8) & 0xff;
    const b = color & 0xff;
    const rowStart = this.#at(left, top);
    const rowBytes = (right - left) * 3;
    const px = this.pixels;
    px[rowStart] = r;
    px[rowStart + 1] = g;
    px[rowStart + 2] = b;
    // Double the filled span until the row is full, then copy that row down: fast for big areas.
    for (let filled = 3; filled < rowBytes; filled *= 2) {
      px.copyWithin(rowStart + filled, rowStart, rowStart + Math.min(filled, rowBytes - filled));
    }
    for (let row = top + 1; row < bottom; row++) {
      px.copyWithin(this.#at(left, row), rowStart, rowStart + rowBytes);
    }
  }

  /** Blends `color` at `alpha` (0–1) over a rectangle: scrims, pressed states, shadows. */
  blendRect(x: number, y: number, w: number, h: number, color: Rgb, alpha: number): void {
    const clip = this.#clip();
    const left = Math.max(Math.round(x), clip.left);
    const right = Math.min(Math.round(x + w), clip.right);
    const top = Math.max(Math.round(y), clip.top);
    const bottom = Math.min(Math.round(y + h), clip.bottom);
    const a = Math.round(alpha * 256);
    const channels = [(color >> 16) & 0xff, (color >> 8) & 0xff, color & 0xff] as const;
    for (let row = top; row < bottom; row++) {
      let i = this.#at(left, row);
      for (let col = left; col < right; col++, i += 3) {
        for (let c = 0; c < 3; c++) {
          const base = this.pixels[i + c]!;
          this.pixels[i + c] = base + (((channels[c]! - base) * a) >> 8);
        }
      }
    }
  }

  /** A filled rectangle with rounded corners (radius in px), anti-aliased at the corners. */
  fillRoundRect(x: number, y: number, w: number, h: number, radius: number, color: Rgb): void {
    const r = Math.max(0, Math.min(radius, w / 2, h / 2));
    if (r < 1) {
      this.fillRect(x, y, w, h, color);
      return;
    }
    const ri = Math.ceil(r);
    this.fillRect(x, y + ri, w, h - 2 * ri, color);
    for (let dy = 0; dy < ri; dy++) {
      // Horizontal inset of the corner arc at this row, measured at the pixel centre.
      const yc = r - dy - 0.5;
      const inset = r - Math.sqrt(Math.max(0, r * r - yc * yc));
      const fullInset = Math.ceil(inset);
      const edgeAlpha = fullInset - inset;
      for (const row of [y + dy, y + h - 1 - dy]) {
        this.fillRect(x + fullInset, row, w - 2 * fullInset, 1, color);
        if (edgeAlpha > 0.05) {
          this.blendRect(x + fullInset - 1, row, 1, 1, color, edgeAlpha);
          this.blendRect(x + w - fullInset, row, 1, 1, color, edgeAlpha);
        }
      }
    }
  }

  fillCircle(cx: number, cy: number, radius: number, color: Rgb): void {
    this.fillRoundRect(cx - radius, cy - radius, radius * 2, radius * 2, radius, color);
  }

  /** Draws one line of text with its top-left at (x, y); returns the advance width. */
  drawText(text: string, x: number, y: number, face: FontFace, color: Rgb): number {
    const clip = this.#clip();
    const r = (color >> 16) & 0xff;
    const g = (color >> 8) & 0xff;
    const b = color & 0xff;
    const px = this.pixels;
    const alpha = face.alpha;
    const top = Math.round(y);
    const rowFrom = Math.max(0, clip.top - top);
    const rowTo = Math.min(face.lineHeight, clip.bottom - top);
    let pen = Math.round(x);
    for (const char of text) {
      const glyph = face.glyph(char.codePointAt(0) ?? 0x3f);
      const originX = pen - face.margin;
      const colFrom = Math.max(0, clip.left - originX);
      const colTo = Math.min(glyph.cellWidth, clip.right - originX);
      for (let gy = rowFrom; gy < rowTo; gy++) {
        const atlasRow = gy * face.atlasWidth + glyph.cellX;
        let i = this.#at(originX + colFrom, top + gy);
        for (let gx = colFrom; gx < colTo; gx++, i += 3) {
          const a = alpha[atlasRow + gx]!;
          if (a === 0) continue;
          px[i] = px[i]! + (((r - px[i]!) * a + 127) / 255 | 0);
          px[i + 1] = px[i + 1]! + (((g - px[i + 1]!) * a + 127) / 255 | 0);
          px[i + 2] = px[i + 2]! + (((b - px[i + 2]!) * a + 127) / 255 | 0);
        }
      }
      pen += glyph.advance;
    }
    return pen - Math.round(x);
  }
}
