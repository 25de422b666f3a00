/**
 * Text measurement and glyph access over the embedded DejaVu Sans atlases (font-data.ts).
 * Layout and rendering both measure through here, so wrapped text is drawn exactly where laid out.
 */
import { inflateSync } from 'node:zlib';
import { FONT_FACES, type FontFaceData } from './font-data.ts';

export interface Glyph {
  advance: number;
  /** x of the glyph's cell in the atlas; the cell starts `margin` px left of the pen position. */
  cellX: number;
  cellWidth: number;
}

export interface FontFace {
  readonly size: number;
  readonly bold: boolean;
  readonly ascent: number;
  readonly lineHeight: number;
  readonly margin: number;
  readonly atlasWidth: number;
  /** 8-bit coverage, `atlasWidth * lineHeight` bytes. */
  readonly alpha: Uint8Array;
  glyph(codePoint: number): Glyph;
  measure(text: string): number;
}

const faces = new Map<FontFaceData, FontFace>();

function decodeFace(data: FontFaceData): FontFace {
  const glyphs = new Map<number, Glyph>();
  for (const [codePoint, advance, cellX] of data.glyphs) {
    glyphs.set(codePoint, { advance, cellX, cellWidth: advance + 2 * data.margin });
  }
  const fallback = glyphs.get(0x3f) ?? { advance: Math.round(data.size / 2), cellX: 0, cellWidth: 0 };
  const glyph = (codePoint: number): Glyph => glyphs.get(codePoint) ?? fallback;
  return {
    size: data.size,
    bold: data.bold,
    ascent: data.ascent,
    lineHeight: data.lineHeight,
    margin: data.margin,
    atlasWidth: data.atlasWidth,
    alpha: inflateSync(Buffer.from(data.alpha, 'base64')),
    glyph,
    measure(text) {
      let width = 0;
      for (const char of text) width += glyph(char.codePointAt(0) ?? 0x3f).advance;
      return width;
    },
  };
}

/** The embedded face nearest to `sizePx` with the given weight (atlases are decoded once, lazily). */
export function selectFontFace(sizePx: number, bold: boolean): FontFace {
  let best: FontFaceData | undefined;
  for (const data of FONT_FACES) {
    if (data.bold !== bold) continue;
    if (!best || Math.abs(data.size - sizePx) < Math.abs(best.size - sizePx)) best = data;
  }
  if (!best) throw new RangeError(`no embedded font face with bold=${bold}`);
  let face = faces.get(best);
  if (!face) {
    face = decodeFace(best);
    faces.set(best, face);
  }
  return face;
}
