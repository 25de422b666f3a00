import type { AttemptResult, EvidenceItem } from '../results/index.ts';
import { formatVersion } from './compute-figures.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { formatDuration, formatTime } from './format-figures.ts';
import { evidenceUrl } from './evidence-url.ts';
import { renderBasis, renderBasisCell } from './html-basis.ts';
import { describeMode } from './html-matrix.ts';
import { renderSymbol } from './html-symbols.ts';
import { OUTCOME_LABELS, describeCellLabel } from './outcome-labels.ts';
import type { CaseView, Cell, EvidenceListing, ReportModel } from './report-model.ts';

const TEXT_KIND_NAMES: Readonly<Record<string, string>> = {
  'ui-dump': 'UI hierarchy dump', notifications: 'Notification dump', logcat: 'Logcat excerpt', text: 'Text',
};

/**
 * Cases the page shows case by case before it summarises the remaining cells. A budget in cases,
 * not bytes: text dumps have their own budget (load-round-folder.ts), so a round with few cases
 * and large dumps renders in full, while 100,000 cases would make a 50 MB page. @default 10,000
 */
export const EVIDENCE_CASE_BUDGET = 10_000;

/**
 * Every cell's evidence as a <details> block. The matrix links to these; the page script moves
 * one into a dialog on click. Screenshots are referenced by relative path (they load from
 * file:// next to the report), text dumps are inlined as escaped text. Once `caseBudget` cases
 * are on the page, the remaining cells keep their block (so every matrix link still opens
 * something) with the cell's counts and links to results.csv and the evidence folder instead of
 * one row per case: a page a browser, and a phone, still opens.
 */
export function renderEvidenceSection(model: ReportModel, evidenceBase: string, caseBudget = EVIDENCE_CASE_BUDGET): SafeHtml {
  const cells = model.cells.filter((cell) => cell.cases.length > 0);
  const blocks: SafeHtml[] = [];
  let shown = 0;
  let summarised = 0;
  for (const cell of cells) {
    if (shown >= caseBudget) {
      blocks.push(renderCellSummary(cell, evidenceBase));
      summarised += 1;
      continue;
    }
    blocks.push(renderCellEvidence(cell, model.evidence, evidenceBase));
    shown += cell.cases.length;
  }
  return html`<section id="evidence" aria-labelledby="evidence-title">
<h2 id="evidence-title">Evidence by case</h2>
<p class="lead">Every planned case with its final attempt, earlier attempts and their errors. Text captured from devices is shown exactly as recorded.</p>
${summarised > 0 ? html`<p class="lead">This round is large: the first ${cells.length - summarised} cells are shown case by case; the other ${summarised} show their counts, and their cases are rows of <a href="results.csv">results.csv</a> (every outcome field of each case's final attempt).</p>
` : ''}${blocks}
</section>`;
}

/** Cells with more cases than this (many repetitions or device profiles) list them as table rows. */
const FULL_DETAIL_LIMIT = 3;

function renderCellEvidence(cell: Cell, listing: EvidenceListing, base: string): SafeHtml {
  const body = cell.cases.length > FULL_DETAIL_LIMIT
    ? renderCaseTable(cell.cases, listing, base)
    : cell.cases.map((view) => renderCase(view, listing, base));
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

function renderCaseTable(cases: readonly CaseView[], listing: EvidenceListing, base: string): SafeHtml {
  return html`<div class="scroll"><table class="cases"><caption class="vh">Cases in this cell</caption>
<thead><tr><th scope="col">Case</th><th scope="col">Outcome</th><th scope="col">Threat</th><th scope="col">Alert text</th><th scope="col" class="num">Time to alert</th><th scope="col" class="num">Duration</th><th scope="col">Decided by</th><th scope="col">Evidence</th></tr></thead>
<tbody>${cases.map((view) => {
    const final = view.final;
    const files = (final?.evidence ?? []).map((item) => (listing.has(item.path)
      ? html`<a href="${evidenceUrl(base, item.path)}">${item.kind} · ${item.step}</a> `
      : html`<span class="missing">${item.kind} · ${item.step} missing</span> `));
    return html`<tr><th scope="row">${view.planned.deviceProfile} · r${view.planned.repetition}${view.attempts.length > 1 ? html`<small> (${view.attempts.length} attempts)</small>` : ''}</th><td>${renderSymbol(view.outcome)} ${OUTCOME_LABELS[view.outcome].label}${final?.error ? html`<br><span class="mono">${final.error.code}</span>: ${final.error.message}` : ''}</td><td>${final?.threatName ?? '–'}</td><td>${final?.alertText ?? '–'}</td><td class="num">${formatDuration(final?.timeToAlertMs)}</td><td class="num">${formatDuration(final?.timings.durationMs)}</td><td>${renderBasisCell(final, listing, base)}</td><td>${files}</td></tr>`;
  })}</tbody></table></div>`;
}

function renderCase(view: CaseView, listing: EvidenceListing, base: string): SafeHtml {
  const final = view.final;
  const earlier = view.attempts.filter((attempt) => attempt !== final);
  return html`<div class="case"><h4>${renderSymbol(view.outcome)}<span>${OUTCOME_LABELS[view.outcome].label}</span><small class="mono">${view.planned.caseId}</small></h4>
${final === undefined ? html`<p>${view.attempts.length === 0 ? 'No attempt of this case has finished.' : 'No final attempt yet: the round stopped between retries. Not counted.'}</p>` : renderAttempt(final, view, listing, base)}
${earlier.length > 0 ? html`<details class="dump"><summary>${earlier.length} earlier attempt(s)</summary><ul>${earlier.map((attempt) => html`<li>Attempt ${attempt.attempt}: ${attempt.status}${attempt.error ? html` — <span class="mono">${attempt.error.code}</span>: ${attempt.error.message}` : ''} (${formatTime(attempt.timings.startedAt)}, ${formatDuration(attempt.timings.durationMs)})${renderFiles(attempt.evidence, listing, base)}</li>`)}</ul></details>` : ''}
</div>`;
}

function renderAttempt(final: AttemptResult, view: CaseView, listing: EvidenceListing, base: string): SafeHtml {
  const facts: Array<[string, string | SafeHtml]> = [
    ['Device', `${view.planned.deviceProfile}${final.device ? ` (${final.device.serial})` : ''}, repetition ${view.planned.repetition}`],
    ['Status', `${final.status}, attempt ${final.attempt}`],
    ['Product version', formatVersion(final.product.versionName, final.product.versionCode) || 'unknown'],
    ['Detected', final.detected ? `yes, by ${final.detectedBy.join(', ')}` : 'no'],
    ['Alerted', final.alerted ? `yes, ${final.alertKinds.join(' and ')}` : 'no'],
  ];
  if (final.threatName !== null) facts.push(['Threat name', final.threatName]);
  if (final.category !== null) facts.push(['Category', final.category]);
  if (final.timeToAlertMs !== null) facts.push(['Time to alert', formatDuration(final.timeToAlertMs)]);
  if (final.safetyAdvice !== null) facts.push(['Safety advice', final.safetyAdvice ? 'yes (matched a safety-advice pattern; review the text)' : 'none found']);
  if (final.error) facts.push(['Error', html`<span class="mono">${final.error.code}</span>: ${final.error.message}`]);
  facts.push(['Started', formatTime(final.timings.startedAt)], ['Duration', formatDuration(final.timings.durationMs)]);
  return html`<dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
${renderBasis(final, listing, base)}
${final.alertText !== null ? html`<blockquote class="alert" aria-label="Alert text as shown on the device">${final.alertText}</blockquote>` : ''}
${final.timings.steps.length > 0 ? html`<table class="steps"><caption class="vh">Step timings</caption><thead><tr><th scope="col">Step</th><th scope="col" class="num">Time</th></tr></thead><tbody>${final.timings.steps.map((step) => html`<tr><td>${step.name}</td><td class="num">${formatDuration(step.ms)}</td></tr>`)}</tbody></table>` : ''}
${renderFiles(final.evidence, listing, base)}`;
}

function renderFiles(items: readonly EvidenceItem[], listing: EvidenceListing, base: string): SafeHtml {
  const shots = items.filter((item) => item.kind === 'screenshot');
  const texts = items.filter((item) => item.kind !== 'screenshot');
  return html`${shots.length > 0 ? html`<div class="shots">${shots.map((item) => {
    const url = evidenceUrl(base, item.path);
    return listing.has(item.path)
      ? html`<figure><a href="${url}"><img src="${url}" loading="lazy" alt="${`Screenshot at step ${item.step}`}"></a><figcaption>${item.step}</figcaption></figure>`
      : html`<figure><span class="missing">screenshot missing: ${item.path}</span><figcaption>${item.step}</figcaption></figure>`;
  })}</div>` : ''}${texts.map((item) => renderText(item, listing, base))}`;
}

function renderText(item: EvidenceItem, listing: EvidenceListing, base: string): SafeHtml {
  const file = listing.get(item.path);
  const name = `${TEXT_KIND_NAMES[item.kind] ?? item.kind} · ${item.step}`;
  if (!file) return html`<p class="missing">${name}: file missing (${item.path})</p>`;
  const link = html`<a href="${evidenceUrl(base, item.path)}">${item.path}</a>`;
  if (!file.inline) return html`<p>${name}: ${link} (${formatSize(file.size)}, not inlined)</p>`;
  return html`<details class="dump"><summary>${name} (${formatSize(file.size)})</summary><pre>${file.inline.text}</pre>${file.inline.truncated ? html`<p>Cut at ${formatSize(file.inline.text.length)}; full file: ${link}</p>` : html`<p>File: ${link}</p>`}</details>`;
}

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return 'size unknown';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
