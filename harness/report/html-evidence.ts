import type { AttemptResult } from '../results/index.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { formatDuration, formatTime } from './format-figures.ts';
import { evidenceUrl } from './evidence-url.ts';
import { casePagePath } from './case-page-name.ts';
import { renderBasis, renderBasisCell } from './html-basis.ts';
import { describeFiles, renderAttemptFacts } from './html-case-files.ts';
import { describeMode } from './html-matrix.ts';
import { renderCaseDispute } from './html-disputes.ts';
import { renderSymbol } from './html-symbols.ts';
import { OUTCOME_LABELS, describeCellLabel } from './outcome-labels.ts';
import type { CaseView, Cell, EvidenceListing, ReportModel } from './report-model.ts';

/**
 * Cases the page shows case by case (each with its own evidence page, cases/<case>.html) before
 * it summarises the remaining cells. A budget in cases: 100,000 cases would otherwise make a
 * 50 MB page and 100,000 case pages. @default 10,000
 */
export const EVIDENCE_CASE_BUDGET = 10_000;

/**
 * The cells shown case by case: cells in matrix order until `caseBudget` cases are shown. The
 * evidence section and the case pages (render-report.ts) both follow it, so every case link on
 * the page has its page and no page is written that nothing links to.
 */
export function listDetailedCells(model: ReportModel, caseBudget = EVIDENCE_CASE_BUDGET): Cell[] {
  const detailed: Cell[] = [];
  let shown = 0;
  for (const cell of model.cells) {
    if (cell.cases.length === 0) continue;
    if (shown >= caseBudget) break;
    detailed.push(cell);
    shown += cell.cases.length;
  }
  return detailed;
}

/**
 * A case has a page when there is evidence to show: an attempt's screenshot or dump that exists,
 * or the round's Appium log. A round folder without either (results copied without evidence/)
 * shows everything it has on index.html, and writes no pages that would only repeat it.
 */
export function hasCasePage(view: CaseView, model: Pick<ReportModel, 'evidence' | 'appiumLog'>): boolean {
  if (view.attempts.length === 0) return false;
  if (model.appiumLog.length > 0) return true;
  return view.attempts.some((attempt) => attempt.evidence.some((item) => model.evidence.has(item.path)));
}

/**
 * Every cell's verdict and what decided it, as a <details> block. The matrix links to these; the
 * page script moves one into a dialog on click. Evidence (screenshots, UI and notification
 * dumps, logcat, the Appium log) is not on this page: each case links to its own page beside it,
 * cases/<case>.html, so the page stays small whatever the devices recorded. Past `caseBudget`
 * cases, the remaining cells keep their block (every matrix link still opens something) with
 * the cell's counts and links to results.csv and the evidence folder.
 */
export function renderEvidenceSection(model: ReportModel, evidenceBase: string, caseBudget = EVIDENCE_CASE_BUDGET): SafeHtml {
  const cells = model.cells.filter((cell) => cell.cases.length > 0);
  const detailed = new Set(listDetailedCells(model, caseBudget));
  const blocks: SafeHtml[] = [];
  let summarised = 0;
  for (const cell of cells) {
    if (detailed.has(cell)) {
      blocks.push(renderCellEvidence(cell, model, evidenceBase));
      continue;
    }
    blocks.push(renderCellSummary(cell, evidenceBase));
    summarised += 1;
  }
  return html`<section id="evidence" aria-labelledby="evidence-title">
<h2 id="evidence-title">Evidence by case</h2>
<p class="lead">Every planned case with its final attempt, what decided it, and earlier attempts and their errors. Each case's screenshots, screen and notification dumps, logcat and Appium log are on its own page (in the <span class="mono">cases/</span> folder beside this one): open it from the case. Text captured from devices is shown exactly as recorded.</p>
${summarised > 0 ? html`<p class="lead">This round is large: the first ${cells.length - summarised} cells are shown case by case; the other ${summarised} show their counts, and their cases are rows of <a href="results.csv">results.csv</a> (every outcome field of each case's final attempt).</p>
` : ''}${blocks}
</section>`;
}

/** Cells with more cases than this (many repetitions or device profiles) list them as table rows. */
const FULL_DETAIL_LIMIT = 3;

function renderCellEvidence(cell: Cell, model: ReportModel, base: string): SafeHtml {
  const body = cell.cases.length > FULL_DETAIL_LIMIT
    ? renderCaseTable(cell.cases, model, base)
    : cell.cases.map((view) => renderCase(view, model, base));
  return renderCellBlock(cell, body);
}

/** A cell past the page's detail budget: its counts by outcome, and where its cases are. */
function renderCellSummary(cell: Cell, base: string): SafeHtml {
  const counts = new Map<CaseView['outcome'], number>();
  for (const view of cell.cases) counts.set(view.outcome, (counts.get(view.outcome) ?? 0) + 1);
  const first = cell.cases[0]?.planned.caseId ?? '';
  const last = cell.cases[cell.cases.length - 1]?.planned.caseId ?? '';
  // Words, not symbols: the summary line stays short on a page with thousands of these.
  const tally = [...counts].map(([outcome, count]) => `${OUTCOME_LABELS[outcome].label}: ${count}`).join(' · ');
  return renderCellBlock(cell, html`<p>${tally}</p>
<p>${cell.cases.length} cases (${first}${cell.cases.length > 1 ? ` … ${last}` : ''}): one row each in <a href="results.csv">results.csv</a>; screenshots and dumps under <a href="${evidenceUrl(base, 'evidence')}/">evidence/</a>.</p>`);
}

function renderCellBlock(cell: Cell, body: SafeHtml | readonly SafeHtml[]): SafeHtml {
  return html`<details class="evidence" id="${cell.id}"><summary>${renderSymbol(cell.outcome)}<span>${cell.sample.label} — ${cell.product.name} · ${describeMode(cell.mode)}: ${describeCellLabel(cell)}</span></summary>
<div class="body">${body}</div></details>`;
}

function renderCaseTable(cases: readonly CaseView[], model: ReportModel, base: string): SafeHtml {
  return html`<div class="scroll"><table class="cases"><caption class="vh">Cases in this cell</caption>
<thead><tr><th scope="col">Case</th><th scope="col">Outcome</th><th scope="col">Threat</th><th scope="col">Alert text</th><th scope="col" class="num">Time to alert</th><th scope="col" class="num">Duration</th><th scope="col">Decided by</th><th scope="col">Evidence</th></tr></thead>
<tbody>${cases.map((view) => {
    const final = view.final;
    return html`<tr><th scope="row">${view.planned.deviceProfile} · r${view.planned.repetition}${view.attempts.length > 1 ? html`<small> (${view.attempts.length} attempts)</small>` : ''}</th><td>${renderSymbol(view.outcome)} ${OUTCOME_LABELS[view.outcome].label}${view.dispute?.applied === true ? html`<br><small>decided on a dispute; recorded: ${OUTCOME_LABELS[view.dispute.originalOutcome].label}</small>` : ''}${view.retest !== undefined ? html`<br><small>retested; first: ${OUTCOME_LABELS[view.retest.originalOutcome].label}</small>` : ''}${final?.error ? html`<br><span class="mono">${final.error.code}</span>: ${final.error.message}` : ''}</td><td>${final?.threatName ?? '–'}</td><td>${final?.alertText ?? '–'}</td><td class="num">${formatDuration(final?.timeToAlertMs)}</td><td class="num">${formatDuration(final?.timings.durationMs)}</td><td>${renderBasisCell(final, model.evidence, base)}</td><td>${renderCasePageLink(view, model)}</td></tr>`;
  })}</tbody></table></div>`;
}

function renderCase(view: CaseView, model: ReportModel, base: string): SafeHtml {
  const final = view.final;
  const earlier = view.attempts.filter((attempt) => attempt !== final);
  return html`<div class="case"><h4>${renderSymbol(view.outcome)}<span>${OUTCOME_LABELS[view.outcome].label}</span><small class="mono">${view.planned.caseId}</small></h4>
${renderCaseDispute(view)}
${final === undefined ? html`<p>${view.attempts.length === 0 ? 'No attempt of this case has finished.' : 'No final attempt yet: the round stopped between retries. Not counted.'}</p>` : renderAttempt(final, view, model.evidence, base)}
${earlier.length > 0 ? html`<details class="dump"><summary>${earlier.length} earlier attempt(s)</summary><ul>${earlier.map((attempt) => html`<li>Attempt ${attempt.attempt}: ${attempt.status}${attempt.error ? html` — <span class="mono">${attempt.error.code}</span>: ${attempt.error.message}` : ''} (${formatTime(attempt.timings.startedAt)}, ${formatDuration(attempt.timings.durationMs)})</li>`)}</ul></details>` : ''}
${hasCasePage(view, model) ? html`<p class="case-page">${renderCasePageLink(view, model)}</p>` : ''}
</div>`;
}

function renderAttempt(final: AttemptResult, view: CaseView, listing: EvidenceListing, base: string): SafeHtml {
  return html`${renderAttemptFacts(final, view)}
${renderBasis(final, listing, base)}
${final.alertText !== null ? html`<blockquote class="alert" aria-label="Alert text as shown on the device">${final.alertText}</blockquote>` : ''}`;
}

/** The link from a case to its page: what it holds, so a reader knows whether to open it. */
function renderCasePageLink(view: CaseView, model: ReportModel): SafeHtml | string {
  if (!hasCasePage(view, model)) return '–';
  return html`<a class="case-page" href="${casePagePath(view.planned.caseId)}">Case page: ${describeFiles(view.attempts)}${view.attempts.length > 1 ? ` in ${view.attempts.length} attempts` : ''}</a>`;
}
