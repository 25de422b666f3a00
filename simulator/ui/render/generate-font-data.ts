/**
 * Regenerates `font-data.ts`, the anti-aliased bitmap font the screenshot renderer draws text with.
 *
 * Source font: DejaVu Sans and DejaVu Sans Bold (Bitstream Vera licence with DejaVu changes:
 * free to use, copy, embed and redistribute; https://dejavu-fonts.github.io/License.html).
 * Glyphs are rasterised with sharp (librsvg + Pango, already present as a dependency of Appium) at the
 * pixel sizes of Android's 12/14/16/20 sp text on a 420 dpi screen. Advances and vertical metrics
 * are read from the TTF tables so text measures exactly as it will be drawn.
 *
 * Usage: node bin/run-ts.js simulator/ui/render/generate-font-data.ts <DejaVuSans.ttf> <DejaVuSans-Bold.ttf>
 * (Debian: fonts-dejavu-core puts them in /usr/share/fonts/truetype/dejavu/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

interface TtfMetrics {
  unitsPerEm: number;
  ascender: number;
  descender: number;
  advanceOf(codePoint: number): number | undefined;
}

/** Reads head, hhea, hmtx and the format-4 cmap: all that is needed for advances and line metrics. */
function readTtfMetrics(ttf: Buffer): TtfMetrics {
  const tables = new Map<string, number>();
  const numTables = ttf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    tables.set(ttf.toString('latin1', record, record + 4), ttf.readUInt32BE(record + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`TTF has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = ttf.readUInt16BE(table('head') + 18);
  const hhea = table('hhea');
  const ascender = ttf.readInt16BE(hhea + 4);
  const descender = ttf.readInt16BE(hhea + 6);
  const numberOfHMetrics = ttf.readUInt16BE(hhea + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  let format4 = -1;
  const subtables = ttf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = ttf.readUInt16BE(cmap + 4 + i * 8);
    const encoding = ttf.readUInt16BE(cmap + 6 + i * 8);
    const offset = cmap + ttf.readUInt32BE(cmap + 8 + i * 8);
    if (platform === 3 && encoding === 1 && ttf.readUInt16BE(offset) === 4) format4 = offset;
  }
  if (format4 < 0) throw new Error('TTF has no Unicode BMP (3,1,4) cmap');
  const segCount = ttf.readUInt16BE(format4 + 6) / 2;
  const endCodes = format4 + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  const glyphOf = (cp: number): number => {
    for (let s = 0; s < segCount; s++) {
      if (cp > ttf.readUInt16BE(endCodes + s * 2)) continue;
      const start = ttf.readUInt16BE(startCodes + s * 2);
      if (cp < start) return 0;
      const delta = ttf.readInt16BE(idDeltas + s * 2);
      const rangeOffsetAt = idRangeOffsets + s * 2;
      const rangeOffset = ttf.readUInt16BE(rangeOffsetAt);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = ttf.readUInt16BE(rangeOffsetAt + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  return {
    unitsPerEm,
    ascender,
    descender,
    advanceOf(cp) {
      const glyph = glyphOf(cp);
      if (glyph === 0) return undefined;
      const index = Math.min(glyph, numberOfHMetrics - 1);
      return ttf.readUInt16BE(hmtx + index * 4);
    },
  };
}

const EXTRA = [0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x2022, 0x2192, 0x2713, 0x20ac, 0x2190, 0x25c0, 0x25b6, 0x25b2, 0x25bc, 0x25cf, 0x25a0, 0x2715, 0x22ee, 0x2630, 0x26a0];
const CODE_POINTS = [
  ...Array.from({ length: 95 }, (_, i) => 32 + i),
  ...Array.from({ length: 96 }, (_, i) => 160 + i),
  ...EXTRA,
];
/** Pixels left and right of the advance box, for glyphs whose ink overhangs it (j, f, italics). */
const MARGIN = 3;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function rasteriseFace(ttfPath: string, family: string, weight: string, size: number) {
  const metrics = readTtfMetrics(readFileSync(ttfPath));
  const scale = size / metrics.unitsPerEm;
  const ascent = Math.ceil(metrics.ascender * scale);
  const lineHeight = ascent + Math.ceil(-metrics.descender * scale);
  const glyphs: Array<[number, number, number]> = [];
  let x = 0;
  let parts = '';
  for (const cp of CODE_POINTS) {
    const advanceUnits = metrics.advanceOf(cp);
    if (advanceUnits === undefined) continue;
    const advance = Math.round(advanceUnits * scale);
    const cell = advance + 2 * MARGIN;
    glyphs.push([cp, advance, x]);
    if (cp !== 32 && cp !== 160) {
      parts += `<text x="${x + MARGIN}" y="${ascent}">${escapeXml(String.fromCodePoint(cp))}</text>`;
    }
    x += cell;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${x}" height="${lineHeight}">` +
    `<rect width="${x}" height="${lineHeight}" fill="black"/>` +
    `<g font-family="${family}" font-weight="${weight}" font-size="${size}px" fill="white">${parts}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  if (info.width !== x || info.height !== lineHeight) throw new Error(`unexpected raster size for ${family} ${size}`);
  return { size, ascent, lineHeight, atlasWidth: x, margin: MARGIN, glyphs, alpha: deflateSync(data, { level: 9 }).toString('base64') };
}

async function main(): Promise<void> {
  const [regular, bold] = process.argv.slice(2);
  if (!regular || !bold) throw new Error('usage: generate-font-data.ts <DejaVuSans.ttf> <DejaVuSans-Bold.ttf>');
  const faces = [
    await rasteriseFace(regular, 'DejaVu Sans', 'normal', 31),
    await rasteriseFace(regular, 'DejaVu Sans', 'normal', 37),
    await rasteriseFace(regular, 'DejaVu Sans', 'normal', 42),
    await rasteriseFace(bold, 'DejaVu Sans', 'bold', 37),
    await rasteriseFace(bold, 'DejaVu Sans', 'bold', 52),
  ];
  const named = faces.map((face, i) => ({ ...face, bold: i >= 3 }));
  const out = fileURLToPath(new URL('./font-data.ts', import.meta.url));
  writeFileSync(out, [
    '// Generated by generate-font-data.ts from DejaVu Sans (Bitstream Vera licence with DejaVu changes,',
    '// https://dejavu-fonts.github.io/License.html). Do not edit by hand.',
    '/** One rasterised face: glyph = [code point, advance px, x of its cell in the atlas]; alpha = deflated 8-bit atlas, base64. */',
    'export interface FontFaceData { size: number; bold: boolean; ascent: number; lineHeight: number; atlasWidth: number; margin: number; glyphs: Array<[number, number, number]>; alpha: string }',
    `export const FONT_FACES: FontFaceData[] = ${JSON.stringify(named)};`,
    '',
  ].join('\n'));
}

await main();
