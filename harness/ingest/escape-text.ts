/**
 * Text from an intake folder (file names, labels, class names) may be hostile: control characters
 * could rewrite a terminal line or end a YAML comment early, and bidirectional controls could make
 * a name read as another. Both are shown as `\uXXXX`, so a person sees what is there.
 */
export function escapeText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
