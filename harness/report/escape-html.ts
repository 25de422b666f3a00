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

/** The one escaping function for HTML text and (always double-quoted) attribute values. */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

const NEEDS_ESCAPE = /[&<>"']/;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let index = 0; index < values.length; index += 1) {
    out += renderValue(values[index]);
    out += strings[index + 1] ?? '';
  }
  return new SafeHtml(out);
}

/** Marks a constant written in this folder (never data) as markup. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function renderValue(value: HtmlValue | undefined): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  let out = '';
  for (const item of value) out += renderValue(item);
  return out;
}
