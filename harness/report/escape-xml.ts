import { BIDI_CONTROL_RANGES, showBidiControls } from './escape-bidi.ts';

/**
 * The one escaping function for XML text and attribute values. Besides the five entities it
 * replaces characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) with
 * U+FFFD: one escape sequence from a device's notification would otherwise make the whole JUnit
 * file unparsable for the CI system reading it. Bidirectional controls are shown as `⟨U+202E⟩`
 * (escape-bidi.ts).
 */
export function escapeXml(text: string): string {
  // Most text (ids, labels, times) needs nothing; one scan settles that. Any surrogate takes the
  // full path, which keeps well-formed pairs and replaces lone ones.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return showBidiControls(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD')
    .replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);
}

const NEEDS_ESCAPE = new RegExp(`[&<>"'\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff${BIDI_CONTROL_RANGES}]`);

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
};
