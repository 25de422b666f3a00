import { html, type SafeHtml } from './escape-html.ts';
import { describeMode } from './html-matrix.ts';
import { renderSymbol } from './html-symbols.ts';
import { describeDecidedVerdict, firstRecordedOutcome } from './apply-disputes.ts';
import { OUTCOME_LABELS } from './outcome-labels.ts';
import type { CaseView, ReportModel } from './report-model.ts';

/** What each decision does to the cell, in the words the report uses everywhere. */
export const DECISION_WORDS = {
  upheld: 'upheld: the cell shows the decided verdict',
  rejected: 'rejected: the cell is unchanged',
  retest: 'retest: the case is run again; the newest final attempt decides',
  pending: 'pending: not decided yet; the cell is unchanged',
} as const;

/**
 * The "Disputes" section: every vendor claim of disputes.yaml with the lab's decision, reason,
 * who and when, and what the cell showed before and shows now; then every retested case. All of
 * it is lab or vendor text, escaped (bidi controls shown) by the `html` template.
 */
export function renderDisputesSection(model: ReportModel): SafeHtml {
  const claims = model.disputes.length === 0
    ? html`<p>No vendor disputed a verdict of this round (the round folder has no disputes.yaml, or it lists no claim).</p>`
    : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="disputes-caption"><table class="disputes">
<caption id="disputes-caption">Claims and decisions<small>From the round's disputes.yaml, in its order.</small></caption>
<thead><tr><th scope="col">Case</th><th scope="col">Claim</th><th scope="col">Decision</th><th scope="col">Reason</th><th scope="col">Recorded</th><th scope="col">Shown</th></tr></thead>
<tbody>${model.disputes.map(({ dispute, cell, caseView }) => html`<tr data-case="${dispute.case}" data-decision="${dispute.decision}"><th scope="row"><span class="mono">${dispute.case}</span><br><small>${cell.product.name} · ${cell.sample.label} · ${describeMode(cell.mode)}</small></th><td>“${dispute.claim}”<br><small>${dispute.by}, ${dispute.claimedAt}</small></td><td><strong>${dispute.decision}</strong>${dispute.verdict ? html`: ${describeDecidedVerdict(dispute.verdict)}` : ''}${dispute.decidedBy !== undefined ? html`<br><small>${dispute.decidedBy}${dispute.decidedAt !== undefined ? `, ${dispute.decidedAt}` : ''}</small>` : ''}</td><td>${dispute.reason ?? '–'}</td><td>${OUTCOME_LABELS[firstRecordedOutcome(caseView)].label}</td><td><a class="cell-link" href="#${cell.id}">${renderSymbol(caseView.outcome)}<span>${OUTCOME_LABELS[caseView.outcome].label}</span></a></td></tr>`)}</tbody>
</table></div>`;
  const retests = model.retested.length === 0 ? '' : html`<h3>Retested cases</h3>
<p>Run again with <code>stalkerbench run --retest</code>; every attempt stays in results.jsonl and the newest final attempt decides.</p>
<ul>${model.retested.map(({ cell, caseView }) => html`<li><span class="mono">${caseView.planned.caseId}</span>: ${OUTCOME_LABELS[caseView.retest?.originalOutcome ?? 'not-executed'].label} (attempt ${caseView.retest?.original.attempt ?? '?'}) → ${OUTCOME_LABELS[caseView.outcome].label} (attempt ${caseView.final?.attempt ?? '?'}) <a class="cell-link" href="#${cell.id}">open cell</a></li>`)}</ul>`;
  return html`<section id="disputes" aria-labelledby="disputes-title">
<h2 id="disputes-title">Disputes</h2>
<p class="lead">Each vendor saw its own results and evidence and could dispute a verdict. The lab decided each claim: ${Object.values(DECISION_WORDS).join('; ')}. Rates and comparisons use the decided verdicts.</p>
${claims}
${retests}
</section>`;
}

/** In a case's evidence: the claim on it, the decision, and the original and decided verdicts. */
export function renderCaseDispute(view: CaseView): SafeHtml | string {
  const retest = view.retest === undefined ? '' : html`<p class="retested"><strong>Retested:</strong> attempt ${view.retest.original.attempt} was ${OUTCOME_LABELS[view.retest.originalOutcome].label}; the newest final attempt (${view.final?.attempt ?? '?'}) decides.</p>`;
  const entry = view.dispute;
  if (entry === undefined) return retest;
  const { dispute } = entry;
  const change = entry.applied
    ? html`<dt>Original verdict</dt><dd>${OUTCOME_LABELS[entry.originalOutcome].label}</dd><dt>Decided verdict</dt><dd>${OUTCOME_LABELS[view.outcome].label}</dd>`
    : html`<dt>Verdict</dt><dd>${OUTCOME_LABELS[view.outcome].label} (unchanged)</dd>`;
  return html`<div class="dispute" data-decision="${dispute.decision}"><h5>Disputed by ${dispute.by}</h5><dl class="facts"><dt>Claim</dt><dd>“${dispute.claim}” (${dispute.claimedAt})</dd><dt>Decision</dt><dd><strong>${dispute.decision}</strong>${dispute.decidedBy !== undefined ? html` by ${dispute.decidedBy}${dispute.decidedAt !== undefined ? `, ${dispute.decidedAt}` : ''}` : ''}</dd>${dispute.reason !== undefined ? html`<dt>Reason</dt><dd>${dispute.reason}</dd>` : ''}${change}</dl></div>${retest}`;
}

/** The method's line on disputes, for the HTML method section and the Markdown report. */
export function describeDisputeMethod(model: ReportModel): string {
  const upheld = model.cells.reduce((sum, cell) => sum + cell.cases.filter((view) => view.dispute?.applied === true).length, 0);
  const retested = model.retested.length;
  return `Rates, the matrix and stalkerbench compare use the decided verdicts: ${upheld} case(s) show a verdict the lab decided on a vendor's upheld claim, ${retested} case(s) were retested (the newest final attempt decides); the recorded verdicts stay in results.jsonl and are shown beside each decided one (see Disputes).`;
}
