/** Breaks text into lines that fit a width, the way a TextView wraps: at spaces, or mid-word when a word is too long. */
import type { FontFace } from './render/font.ts';

export function wrapText(text: string, face: FontFace, maxWidth: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (face.measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      let rest = word;
      while (face.measure(rest) > maxWidth && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && face.measure(rest.slice(0, cut)) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = ellipsize(`${kept[maxLines - 1]} ${lines[maxLines]}`, face, maxWidth);
    return kept;
  }
  return lines;
}

/** Shortens one line with a trailing ellipsis so it fits. */
export function ellipsize(text: string, face: FontFace, maxWidth: number): string {
  if (face.measure(text) <= maxWidth) return text;
  let end = text.length;
  while (end > 0 && face.measure(`${text.slice(0, end)}…`) > maxWidth) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
