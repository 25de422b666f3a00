import { BIDI_CONTROL_RANGES, showBidiControls } from './escape-bidi.ts';

/**
 * HTML is built only through the `html` tagged template: every interpolated value is escaped
 * unless it is already SafeHtml (the output of another `html` template). So a forgotten escape
 * cannot happen by omission; the only ways to emit raw markup are `html` itself and
 * `trustedHtml` for constants defined in this folder (CSS, the script, SVG symbols).
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/**
 * The one escaping function for HTML text and (always double-quoted) attribute values; bidirectional
 * controls are shown as `⟨U+202E⟩` (escape-bidi.ts).
 */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return showBidiControls(text).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

const NEEDS_ESCAPE = new RegExp(`[&<>"'${BIDI_CONTROL_RANGES}]`);

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  // Parts joined once: `+=` would build rope strings that stay alive (and cost GC time) until
  // the whole page is written; join gives one flat string per template.
  const parts: string[] = [strings[0] ?? ''];
  for (let index = 0; index < values.length; index += 1) {
    pushValue(parts, values[index]);
    parts.push(strings[index + 1] ?? '');
  }
  return new SafeHtml(parts.join(''));
}

/** Marks a constant written in this folder (never data) as markup. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function pushValue(parts: string[], value: HtmlValue | undefined): void {
  if (value === null || value === undefined || value === false) return;
  if (value instanceof SafeHtml) parts.push(value.value);
  else if (typeof value === 'number') parts.push(String(value));
  else if (typeof value === 'string') parts.push(escapeHtml(value));
  else for (const item of value) pushValue(parts, item);
}
