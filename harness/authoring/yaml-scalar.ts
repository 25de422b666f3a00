/**
 * YAML scalars for text the harness writes into profiles and prints as selectors: plain when that
 * reads the same in block and flow context (`{ text: Scan now }`), else double-quoted with every
 * control, bidirectional or invisible format character as a `\uXXXX` escape. The value stays exact
 * (a selector must match the device's text), and nothing from a device can move the terminal's cursor
 * or reorder what a reader sees.
 */
const PLAIN = /^[A-Za-z._/][\w .()/+@-]*(?::[\w.()/+@-][\w .()/+@-]*)*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|\.inf|\.nan|\.\.\.)$/i;
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export function yamlScalar(text: string): string {
  if (PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith(' ')) return text;
  return yamlDoubleQuoted(text);
}

export function yamlDoubleQuoted(text: string): string {
  return `"${text.replace(NEEDS_ESCAPE, (character) => (character === '\\' || character === '"' ? `\\${character}` : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/** `{ id: com.x:id/scan }`: a selector as a one-line YAML flow mapping. */
export function formatSelector(key: string, value: string): string {
  return `{ ${key}: ${yamlScalar(value)} }`;
}

/** Device text for a terminal line, unquoted: controls and bidirectional characters as `\uXXXX`. */
export function escapeText(text: string): string {
  return yamlDoubleQuoted(text).slice(1, -1);
}
