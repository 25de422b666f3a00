import { formatVersion } from './compute-figures.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { formatCount, formatInterval, formatPercent, formatRemediated } from './format-figures.ts';
import { renderRateChart } from './html-chart.ts';
import { describeMode } from './html-matrix.ts';
import { renderSymbol } from './html-symbols.ts';
import type { ModeFigures, Rate, ReportModel } from './report-model.ts';

function rateCells(rate: Rate): SafeHtml {
  return html`<td class="num">${formatCount(rate)}</td><td class="num">${formatPercent(rate.rate)}<span class="ci">${formatInterval(rate)}</span></td>`;
}

export function renderFiguresSection(model: ReportModel): SafeHtml {
  const rows = model.productFigures.map((figures) => {
    const all = [...figures.byMode, figures.all];
    const version = figures.versionsSeen.join(', ') || formatVersion(figures.product.versionName, figures.product.versionCode) || 'unknown';
    return html`<tbody data-product="${figures.product.id}">${all.map((mode, index) => html`<tr${mode.mode === 'all' ? html` class="all"` : ''} data-mode="${mode.mode}">
${index === 0 ? html`<th scope="rowgroup" rowspan="${all.length}">${figures.product.name}<small>${figures.product.vendor} · ${version}</small></th>` : ''}
<td>${mode.mode === 'all' ? 'All modes' : describeMode(mode.mode)}</td>${rateCells(mode.detection)}${rateCells(mode.alert)}<td class="num">${formatCount(mode.safetyAdvice)}</td><td class="num">${formatRemediated(mode.remediation)}</td><td class="num">${formatCount(mode.falsePositives)}</td><td class="num">${mode.needsReview}</td><td class="num">${mode.productErrors}</td><td class="num">${notCounted(mode)}</td></tr>`)}</tbody>`;
  });
  return html`<section id="results" aria-labelledby="results-title">
<h2 id="results-title">Results per product</h2>
<p class="lead">Detection rate: completed stalkerware cases in which the product identified the sample. Alert rate: those in which it also warned the person with a notification or a dialog naming the threat. Safety advice: alerts that warned before removal or pointed to help (matched by the round's patterns, for a person to review). Only completed cases count: a case that needs a person's review, or in which the product crashed or stopped responding, is neither a detection nor a miss. Remediated: samples gone (not installed, not running, no device admin, no accessibility service) after the product's own removal, among detections whose removal was tested (an opt-in round option, never part of the detection case); "not tested" otherwise. The 95 % interval is the Wilson score interval.</p>
${renderRateChart(model)}
<div class="scroll" tabindex="0" role="region" aria-labelledby="figures-caption">
<table class="figures">
<caption id="figures-caption">Detection and alert rates per product and mode<small>k/n counts completed cases; cases that need review, product errors (crashed or not responding), harness and flow errors and unexecuted cases are listed separately and not counted.</small></caption>
<thead><tr><th scope="col">Product</th><th scope="col">Mode</th><th scope="col" class="num">Detected</th><th scope="col" class="num">Detection rate<br><small>95 % CI</small></th><th scope="col" class="num">Alerted</th><th scope="col" class="num">Alert rate<br><small>95 % CI</small></th><th scope="col" class="num">Safety advice<br><small>of alerts</small></th><th scope="col" class="num">Remediated<br><small>of tested</small></th><th scope="col" class="num">False positives</th><th scope="col" class="num">Needs review<br><small>not counted</small></th><th scope="col" class="num">Product errors<br><small>not counted</small></th><th scope="col" class="num">Other not counted</th></tr></thead>
${rows}
</table>
</div>
</section>
${renderFalsePositives(model)}
${renderFamilies(model)}`;
}

function notCounted(mode: ModeFigures): string {
  const parts: string[] = [];
  if (mode.infraErrors > 0) parts.push(`${mode.infraErrors} infra`);
  if (mode.flowErrors > 0) parts.push(`${mode.flowErrors} flow`);
  if (mode.notExecuted > 0) parts.push(`${mode.notExecuted} not run`);
  return parts.length === 0 ? '0' : parts.join(', ');
}

function renderFalsePositives(model: ReportModel): SafeHtml {
  const controls = model.samples.filter((sample) => sample.kind !== 'stalkerware');
  const body = model.falsePositives.length === 0
    ? html`<p>No visible-monitoring or legitimate app was flagged by any product${controls.length === 0 ? ' (this round had none)' : ''}.</p>`
    : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="fp-caption"><table class="fp">
<caption id="fp-caption">Watchware and clean apps reported as threats</caption>
<thead><tr><th scope="col">Product</th><th scope="col">Mode</th><th scope="col">App</th><th scope="col">Kind</th><th scope="col">Device</th><th scope="col">Threat name</th><th scope="col">Category</th><th scope="col">Evidence</th></tr></thead>
<tbody>${model.falsePositives.map(({ cell, caseView }) => html`<tr><th scope="row">${cell.product.name}</th><td>${describeMode(cell.mode)}</td><td>${cell.sample.label}</td><td>${cell.sample.kind}</td><td>${caseView.planned.deviceProfile}</td><td>${caseView.final?.threatName ?? '–'}</td><td>${caseView.final?.category ?? '–'}</td><td><a class="cell-link" href="#${cell.id}">${renderSymbol(cell.outcome)}<span>open</span></a></td></tr>`)}</tbody>
</table></div>`;
  return html`<section id="false-positives" aria-labelledby="fp-title">
<h2 id="fp-title">False positives</h2>
<p class="lead">Visible monitoring apps (“watchware”) should not be called stalkerware, and legitimate apps should not be flagged at all. The product's own words are shown so a reader can judge.</p>
${body}
</section>`;
}

function renderFamilies(model: ReportModel): SafeHtml {
  return html`<section id="families" aria-labelledby="families-title">
<h2 id="families-title">Detection by family</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="families-caption"><table class="families">
<caption id="families-caption">Completed stalkerware cases detected, per family and product, all modes</caption>
<thead><tr><th scope="col">Family</th><th scope="col" class="num">Samples</th>${model.products.map((product) => html`<th scope="col" class="num">${product.name}</th>`)}</tr></thead>
<tbody>${model.familyFigures.map((family) => html`<tr><th scope="row">${family.family}</th><td class="num">${family.sampleIds.length}</td>${family.byProduct.map(({ detection }) => html`<td class="num">${detection.total === 0 ? '–' : html`${formatCount(detection)}<span class="ci">${formatPercent(detection.rate)}</span>`}</td>`)}</tr>`)}</tbody>
</table></div>
</section>`;
}
