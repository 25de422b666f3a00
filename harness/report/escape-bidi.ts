/**
 * Unicode bidirectional controls: the embeddings and overrides U+202A–U+202E, the isolates
 * U+2066–U+2069, and the marks U+200E, U+200F and U+061C. Invisible themselves, they reorder the
 * text around them, so a label or notification from a device holding one can show a reader
 * something else than it says ("Trojan-Source", CVE-2021-42574): an app named
 * `Notes\u202Ekpa.exe` reads as `Notesexe.apk`. Every escaping function of the reports shows each
 * one as its code point instead, e.g. `⟨U+202E⟩`.
 */
/** The characters as the inside of a regular-expression class, for the escaping functions' "needs work?" tests. */
export const BIDI_CONTROL_RANGES = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_RANGES}]`, 'g');
const HAS_BIDI_CONTROL = new RegExp(`[${BIDI_CONTROL_RANGES}]`);

/** True when `text` holds a bidirectional control. */
export function hasBidiControl(text: string): boolean {
  return HAS_BIDI_CONTROL.test(text);
}

/** Replaces every bidirectional control with a visible `⟨U+XXXX⟩`; other text is unchanged. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (character) => `⟨U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
