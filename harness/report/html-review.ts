import { html, type SafeHtml } from './escape-html.ts';
import { highlight, renderEvidenceLink } from './html-basis.ts';
import { describeMode } from './html-matrix.ts';
import { renderSymbol } from './html-symbols.ts';
import type { ReportModel } from './report-model.ts';

/**
 * "Cells a person must decide": every case whose match also fits another app on the device
 * (basis rule `ambiguous`), with the matched text inside the whole text it was found in, what
 * else it fits and the evidence file. None of them counts in a rate.
 */
export function renderReviewSection(model: ReportModel, evidenceBase: string): SafeHtml {
  const body = model.reviewCases.length === 0
    ? html`<p>No case needs a person's decision: every completed case was decided by the rules in the method section.</p>`
    : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="review-caption"><table class="review">
<caption id="review-caption">Completed cases whose match also fits another app<small>Not counted in any rate until a person decides.</small></caption>
<thead><tr><th scope="col">Product</th><th scope="col">Mode</th><th scope="col">App</th><th scope="col">Device</th><th scope="col">Identified by</th><th scope="col">Matched, in the text it was found in</th><th scope="col">Also fits</th><th scope="col">Evidence</th></tr></thead>
<tbody>${model.reviewCases.map(({ cell, caseView, basis }) => html`<tr data-case="${caseView.planned.caseId}"><th scope="row">${cell.product.name}</th><td>${describeMode(cell.mode)}</td><td>${cell.sample.label}</td><td>${caseView.planned.deviceProfile} · r${caseView.planned.repetition}</td><td>${basis.identifiedBy === null ? '–' : html`<code>${basis.identifiedBy}</code>`}${basis.from !== null ? html`<br><small>${basis.from}</small>` : ''}</td><td class="matched">${basis.matched !== null ? html`<mark>${basis.matched}</mark>` : '–'}${basis.text !== null ? html`<blockquote class="matched-in">${highlight(basis.text, basis.matched)}</blockquote>` : ''}</td><td>${basis.alsoFits.length === 0 ? '–' : basis.alsoFits.join(', ')}</td><td>${basis.evidence !== null ? html`${renderEvidenceLink(basis.evidence, model.evidence, evidenceBase)}<br>` : ''}<a class="cell-link" href="#${cell.id}">${renderSymbol('needs-review')}<span>open cell</span></a></td></tr>`)}</tbody>
</table></div>`;
  return html`<section id="review" aria-labelledby="review-title">
<h2 id="review-title">Cells a person must decide</h2>
<p class="lead">When what matched — the sample's label or a name — also fits another app on the device (the product itself, a system app such as “Settings”, the harness's Appium apps), the harness does not guess: the case is shown here for a person to decide, and it counts as neither a detection nor a miss.</p>
${body}
</section>`;
}
