import { html, type SafeHtml } from './escape-html.ts';
import { renderSymbol } from './html-symbols.ts';
import { LEGEND_ORDER, OUTCOME_LABELS, describeCellLabel } from './outcome-labels.ts';
import type { Cell, Outcome, ReportModel } from './report-model.ts';
import type { SampleKind } from '../results/index.ts';

const MODE_NAMES: Readonly<Record<string, string>> = { 'on-demand': 'On-demand', 'real-time': 'Real-time' };

export function describeMode(mode: string): string {
  return MODE_NAMES[mode] ?? mode;
}

const GROUPS: ReadonlyArray<{ kind: SampleKind; title: string }> = [
  { kind: 'stalkerware', title: 'Stalkerware — should be detected and alerted' },
  { kind: 'watchware', title: 'Visible monitoring apps — should not be called stalkerware' },
  { kind: 'clean', title: 'Legitimate apps — any detection is a false positive' },
];

export function renderLegend(outcomes: readonly Outcome[]): SafeHtml {
  return html`<ul class="legend" aria-label="Legend">${outcomes.map((outcome) => html`<li>${renderSymbol(outcome)}<span><strong>${OUTCOME_LABELS[outcome].label}</strong></span></li>`)}</ul>`;
}

export function renderMatrixSection(model: ReportModel): SafeHtml {
  const columns = model.products.length * model.modes.length;
  const bodies = GROUPS.map(({ kind, title }) => {
    const rows = model.samples.flatMap((sample, index) => (sample.kind === kind ? [{ sample, cells: model.cells.slice(index * columns, (index + 1) * columns) }] : []));
    if (rows.length === 0) return html``;
    return html`<tbody><tr><th class="group" scope="rowgroup" colspan="${columns + 1}">${title}</th></tr>${rows.map(({ sample, cells }) => html`<tr><th scope="row">${sample.label}${sample.family !== null && sample.family !== sample.label ? html`<small>${sample.family}</small>` : ''}</th>${cells.map((cell, position) => renderCell(cell, position % model.modes.length === 0))}</tr>`)}</tbody>`;
  });
  const hasControls = model.samples.some((sample) => sample.kind !== 'stalkerware');
  const legendOrder = LEGEND_ORDER.filter((outcome) => hasControls || (outcome !== 'flagged' && outcome !== 'not-flagged'));
  return html`<section id="matrix" aria-labelledby="matrix-title">
<h2 id="matrix-title">Detection matrix</h2>
<p class="lead">Each cell is one app — stalkerware, a visible monitoring app or a legitimate app — against one product in one mode. Select a cell to see its evidence: screenshots at each step, the alert text, timings and the screen and notification dumps. Errors, product errors (the product crashed or stopped responding), cases that need a person's review and unexecuted cases are shown but never counted as misses or detections.</p>
${renderLegend(legendOrder)}
<div class="scroll" tabindex="0" role="region" aria-labelledby="matrix-caption">
<table class="matrix">
<caption id="matrix-caption">Samples × products × modes<small>A cell holding several cases (device profiles, repetitions) shows the least favourable completed outcome; a fraction gives how many of them detected the sample.</small></caption>
<thead><tr><th class="corner" scope="col" rowspan="2">Sample</th>${model.products.map((product) => html`<th scope="colgroup" colspan="${model.modes.length}" class="prod">${product.name}<br><small>${product.vendor}</small></th>`)}</tr>
<tr class="modes">${model.products.map(() => model.modes.map((mode, index) => html`<th scope="col"${index === 0 ? html` class="prod"` : ''}>${describeMode(mode)}</th>`))}</tr></thead>
${bodies}
${renderTotals(model)}
</table>
</div>
</section>`;
}

function renderCell(cell: Cell, first: boolean): SafeHtml {
  const label = `${cell.sample.label} — ${cell.product.name}, ${describeMode(cell.mode)}: ${describeCellLabel(cell)}`;
  const inner = html`${renderSymbol(cell.outcome)}${cell.mixed ? html`<span class="frac" aria-hidden="true">${cell.detected}/${cell.completed}</span>` : ''}${cell.cases.some((view) => view.dispute?.applied === true || view.retest !== undefined) ? html`<sup class="decided" aria-hidden="true">†</sup>` : ''}<span class="vh">${describeCellLabel(cell)}</span>`;
  const classes = `cell b-${cell.outcome}${first ? ' first' : ''}`;
  if (cell.cases.length === 0) return html`<td class="${classes}" data-outcome="${cell.outcome}"><span title="${label}">${inner}</span></td>`;
  return html`<td class="${classes}" data-outcome="${cell.outcome}" data-cell="${cell.id}"><a class="cell-link" href="#${cell.id}" title="${label}" aria-label="${label}">${inner}</a></td>`;
}

/** Per column: stalkerware detected and alerted among completed cases, under the matrix. */
function renderTotals(model: ReportModel): SafeHtml {
  const columns = model.products.flatMap((product) => model.modes.map((mode) => ({ product, mode })));
  const figure = (product: string, mode: string) => model.productFigures.find((figures) => figures.product.id === product)?.byMode.find((entry) => entry.mode === mode);
  const row = (title: string, pick: 'detection' | 'alert') => html`<tr><th scope="row">${title}</th>${columns.map(({ product, mode }, index) => {
    const rate = figure(product.id, mode)?.[pick];
    return html`<td class="num total${index % model.modes.length === 0 ? ' first' : ''}">${rate ? `${rate.count}/${rate.total}` : '–'}</td>`;
  })}</tr>`;
  return html`<tfoot>${row('Stalkerware detected', 'detection')}${row('…and alerted', 'alert')}</tfoot>`;
}
