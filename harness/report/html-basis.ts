import type { AttemptResult, VerdictBasis } from '../results/index.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { evidenceUrl } from './evidence-url.ts';
import type { EvidenceListing } from './report-model.ts';
import { IDENTIFIED_BY_WORDS, RULE_NOT_RECORDED, VERDICT_RULE_WORDS } from './verdict-words.ts';

/**
 * What decided one case, in its evidence block: the rule, how the sample was identified, the
 * matched text inside the whole text it was found in, the phase, what else it fits, and the
 * evidence file it came from (a relative link, like every evidence link on the page). The
 * product flagging the harness's own apps is listed as harness noise.
 */
export function renderBasis(final: AttemptResult, listing: EvidenceListing, base: string): SafeHtml {
  const basis = final.basis;
  const noise = final.harnessNoise ?? [];
  const noiseList = noise.length === 0 ? '' : html`<p class="noise">Harness noise, not a detection or a false positive: ${noise.map((item, index) => html`${index > 0 ? '; ' : ''}<span class="mono">${item.packageName}</span> flagged as “${item.threatName}” (${item.from})`)}</p>`;
  if (basis === undefined) {
    return html`<div class="basis"><h5>What decided this case</h5><p><strong>Decided by:</strong> ${RULE_NOT_RECORDED} (this result was written before the harness kept what decided a verdict).</p>${noiseList}</div>`;
  }
  const facts: Array<[string, string | SafeHtml]> = [['Decided by', html`<code>${basis.rule}</code>: ${VERDICT_RULE_WORDS[basis.rule]}`]];
  if (basis.identifiedBy !== null) facts.push(['Identified by', html`<code>${basis.identifiedBy}</code>: ${IDENTIFIED_BY_WORDS[basis.identifiedBy]}`]);
  if (basis.matched !== null) facts.push(['Matched', html`<mark>${basis.matched}</mark>`]);
  if (basis.from !== null) facts.push(['Seen in', basis.from]);
  if (basis.alsoFits.length > 0) facts.push(['Also fits', basis.alsoFits.join(', ')]);
  if (basis.evidence !== null) facts.push(['From', renderEvidenceLink(basis.evidence, listing, base)]);
  return html`<div class="basis" data-rule="${basis.rule}"><h5>What decided this case</h5><dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
${basis.text !== null ? html`<blockquote class="matched-in" aria-label="The whole text it was found in">${highlight(basis.text, basis.matched)}</blockquote>` : ''}${noiseList}</div>`;
}

/** The same, short, for a row of a cell's case table: rule, identification, matched text, evidence link. */
export function renderBasisCell(final: AttemptResult | undefined, listing: EvidenceListing, base: string): SafeHtml | string {
  if (final === undefined) return '–';
  const basis = final.basis;
  const noise = final.harnessNoise !== undefined && final.harnessNoise.length > 0 ? html`<br><small>harness noise: ${final.harnessNoise.map((item) => item.packageName).join(', ')}</small>` : '';
  if (basis === undefined) return html`${RULE_NOT_RECORDED}${noise}`;
  return html`<code>${basis.rule}</code>${basis.identifiedBy !== null ? html` by <code>${basis.identifiedBy}</code>` : ''}${basis.matched !== null ? html`: <mark>${basis.matched}</mark>` : ''}${basis.alsoFits.length > 0 ? html`<br><small>also fits ${basis.alsoFits.join(', ')}</small>` : ''}${basis.evidence !== null ? html`<br>${renderEvidenceLink(basis.evidence, listing, base)}` : ''}${noise}`;
}

/** One line for the review section: "label: “Device Health” also fits Settings". */
export function renderBasisLine(basis: VerdictBasis): SafeHtml {
  return html`${basis.identifiedBy !== null ? html`<code>${basis.identifiedBy}</code>: ` : ''}${basis.matched !== null ? html`<mark>${basis.matched}</mark>` : '–'}`;
}

export function renderEvidenceLink(path: string, listing: EvidenceListing, base: string): SafeHtml {
  return listing.has(path)
    ? html`<a class="basis-evidence" href="${evidenceUrl(base, path)}">${path}</a>`
    : html`<span class="missing">${path} (file missing)</span>`;
}

/**
 * The text with the first occurrence of what matched marked (case-insensitive). A plain
 * indexOf, no pattern: a name pattern that is not literally in the text leaves it unmarked, and
 * so does text whose lower case changes its length (where indexes would not line up).
 */
export function highlight(text: string, matched: string | null): SafeHtml {
  if (matched === null || matched === '') return html`${text}`;
  const lower = text.toLowerCase();
  const at = lower.length === text.length ? lower.indexOf(matched.toLowerCase()) : -1;
  if (at < 0) return html`${text}`;
  return html`${text.slice(0, at)}<mark>${text.slice(at, at + matched.length)}</mark>${text.slice(at + matched.length)}`;
}
