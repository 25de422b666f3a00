import { html, trustedHtml, type SafeHtml } from './escape-html.ts';
import type { Outcome } from './report-model.ts';

/**
 * One SVG symbol per outcome, defined once and referenced by <use>: the shapes differ (filled,
 * half, ring, cross, tick, diamond with a question mark, filled square, triangle, dash) so the
 * matrix reads without colour, and the colours
 * (Okabe–Ito derived, darkened for ≥ 3:1 against the cell background) help those who see them.
 */
export const SYMBOL_DEFS: SafeHtml = trustedHtml(`<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0">
<symbol id="s-detected-alerted" viewBox="0 0 20 20"><circle cx="10" cy="10" r="7.5" fill="currentColor"/></symbol>
<symbol id="s-detected-silent" viewBox="0 0 20 20"><circle cx="10" cy="10" r="6.75" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M10 2.5a7.5 7.5 0 0 0 0 15z" fill="currentColor"/></symbol>
<symbol id="s-missed" viewBox="0 0 20 20"><circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5"/></symbol>
<symbol id="s-flagged" viewBox="0 0 20 20"><path d="M4.5 4.5l11 11M15.5 4.5l-11 11" stroke="currentColor" stroke-width="3" stroke-linecap="round"/></symbol>
<symbol id="s-not-flagged" viewBox="0 0 20 20"><path d="M4 10.5l4 4 8-9" fill="none" stroke="currentColor" stroke-width="2.75" stroke-linecap="round" stroke-linejoin="round"/></symbol>
<symbol id="s-needs-review" viewBox="0 0 20 20"><path d="M10 1.75l8.25 8.25L10 18.25 1.75 10z" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linejoin="round"/><path d="M7.9 7.9a2.1 2.1 0 1 1 2.9 1.95c-.55.25-.8.6-.8 1.15v.7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/><circle cx="10" cy="13.9" r="1" fill="currentColor"/></symbol>
<symbol id="s-product-error" viewBox="0 0 20 20"><rect x="3" y="3" width="14" height="14" rx="2.5" fill="currentColor"/><path d="M7 6.5l6 7M13 6.5l-6 7" stroke="#fff" stroke-width="2" stroke-linecap="round"/></symbol>
<symbol id="s-error" viewBox="0 0 20 20"><path d="M10 2.5l8 14.5H2z" fill="currentColor"/><path d="M10 7.5v4.5" stroke="#fff" stroke-width="2" stroke-linecap="round"/><circle cx="10" cy="14.6" r="1.1" fill="#fff"/></symbol>
<symbol id="s-not-executed" viewBox="0 0 20 20"><path d="M5 10h10" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></symbol>
</svg>`);

export function renderSymbol(outcome: Outcome): SafeHtml {
  // Nine outcomes, one markup each: built once, not once per matrix cell and case row.
  let symbol = SYMBOLS.get(outcome);
  if (symbol === undefined) {
    symbol = html`<svg class="sym o-${outcome}" aria-hidden="true" focusable="false"><use href="#s-${outcome}"/></svg>`;
    SYMBOLS.set(outcome, symbol);
  }
  return symbol;
}

const SYMBOLS = new Map<Outcome, SafeHtml>();
