import { showBidiControls } from './escape-bidi.ts';

/**
 * The one escaping function for Markdown (CommonMark + GFM tables). Device text goes into table
 * cells and inline text only, so it is kept on one line and every character with inline meaning
 * is backslash-escaped: emphasis, code spans, links and images, raw HTML (`<`, `&`), table pipes,
 * strikethrough, and `:`/`@` so GFM does not autolink URLs or e-mail addresses from a device.
 * Bidirectional controls are shown as `⟨U+202E⟩` (escape-bidi.ts).
 */
export function escapeMarkdown(text: string): string {
  // Bidi controls last: `⟨U+202E⟩` has no Markdown meaning, and its `+` stays readable unescaped.
  return showBidiControls(text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
    .replace(/[\\`*_{}[\]<>#+!|~&:@]/g, (character) => `\\${character}`));
}
