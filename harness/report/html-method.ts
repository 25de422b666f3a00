import { summariseHosts } from './attempt-hosts.ts';
import { formatVersion } from './compute-figures.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { formatPeriod } from './format-figures.ts';
import { describeAppDelays } from './describe-app-delays.ts';
import { describeDisputeMethod } from './html-disputes.ts';
import { renderPublication } from './html-publication.ts';
import { renderSymbol } from './html-symbols.ts';
import { LEGEND_ORDER, OUTCOME_LABELS } from './outcome-labels.ts';
import type { ReportModel } from './report-model.ts';
import { CRITERIA_METHOD, IDENTIFICATION_METHOD, OUTCOME_METHOD } from './verdict-words.ts';

/** The hosts of a round run across machines (serve-round and workers), with what each reported running. */
function renderHosts(model: ReportModel): SafeHtml | '' {
  const hosts = summariseHosts(model.attemptHosts);
  if (hosts.length === 0) return '';
  return html`<dt>Hosts</dt><dd id="hosts">${hosts.length} host(s) ran this round's attempts (each attempt's host is on its case page):<ul>${hosts.map((host) => html`<li><span class="mono">${host.hostname}</span>: ${host.attempts} attempt(s), worker(s) ${host.workers.join(', ')}${host.versions.length === 0 ? '' : html`; ${host.versions.join(' | ')}`}</li>`)}</ul></dd>`;
}

/** The method as this round ran it, filled from round.json: what a reader needs to reproduce or dispute. */
export function renderMethodSection(model: ReportModel): SafeHtml {
  const { round } = model;
  const appDelays = describeAppDelays(round);
  const list = (values: readonly string[]) => (values.length === 0 ? html`<em>none</em>` : html`${values.map((value, index) => html`${index > 0 ? ', ' : ''}<code>${value}</code>`)}`);
  return html`<section id="method" aria-labelledby="method-title">
<h2 id="method-title">Method</h2>
<div class="method-grid">
<div>
<h3>This round</h3>
<dl class="facts">
<dt>Period</dt><dd>${formatPeriod(round.startedAt, round.finishedAt)}</dd>
<dt>Round file</dt><dd><span class="mono">${round.round.file}</span><br><small class="mono">SHA-256 ${round.round.sha256}</small></dd>
<dt>Plan</dt><dd>${round.plan.cases.length} cases (${model.products.length} products × ${model.samples.length} apps × ${model.modes.length} mode(s) × device profiles × repetitions); ${model.attemptCount} attempts recorded</dd>
<dt>Harness</dt><dd>stalkerbench ${round.harness.version}; Node.js ${round.harness.node}; adb ${round.harness.adb}; Appium ${round.harness.appium}; UiAutomator2 driver ${round.harness.driver}</dd>
${appDelays === undefined ? '' : html`<dt>App delays</dt><dd id="app-delays">${appDelays}</dd>`}
${renderHosts(model)}
</dl>
</div>
<div>
<h3>Detection criteria</h3>
<dl class="facts">
<dt>Categories</dt><dd>${list(round.detection.categories)}</dd>
<dt>Name patterns</dt><dd>${list(round.detection.namePatterns)}</dd>
<dt>Safety advice</dt><dd>${list(round.detection.safetyAdvicePatterns)}</dd>
</dl>
<p>${CRITERIA_METHOD}</p>
</div>
</div>
<h3>How a case is decided</h3>
<ul>${OUTCOME_METHOD.map((text) => html`<li>${text}</li>`)}</ul>
<p>The sample is identified by the strongest of these rules, in this order:</p>
<ol class="rules">${IDENTIFICATION_METHOD.map(({ rule, text }) => html`<li><code>${rule}</code>: ${text}</li>`)}</ol>
<p>Every case's evidence (select a matrix cell) and every row of <a href="results.csv">results.csv</a> name the rule that decided it, what matched, the whole text it was found in and the evidence file it came from.${model.finalsWithoutBasis > 0 ? ` ${model.finalsWithoutBasis} case(s) were recorded before the harness kept what decided a verdict: for them the rule is not recorded.` : ''}</p>
<p id="decided-verdicts">${describeDisputeMethod(model)}</p>
${renderHarnessNoise(model)}
${renderPublication(model.publication)}
<h3>How to read the results</h3>
<p>Each case restores a device to the same clean snapshot. <strong>On-demand</strong>: the stalkerware is installed and set up as an abuser would before the product is installed, updated and made to scan. <strong>Real-time</strong>: the product is installed and updated first, then the stalkerware arrives. A case counts only when it <em>completed</em>; when the device, adb, Appium or an app's UI flow failed after retries, the case is an error and is never counted as a miss; when the product crashed or stopped responding it is a product error, shown apart and not counted; and a completed case whose match also fits another app needs a person's review and is not counted either. Rates are k/n over completed cases with 95 % Wilson score intervals; with several device profiles or repetitions each case counts once.</p>
<ul class="legend">${LEGEND_ORDER.map((outcome) => html`<li>${renderSymbol(outcome)}<span><strong>${OUTCOME_LABELS[outcome].label}.</strong> ${OUTCOME_LABELS[outcome].explanation}</span></li>`)}</ul>
<div class="scroll" tabindex="0" role="region" aria-labelledby="devices-caption"><table>
<caption id="devices-caption">Device profiles</caption>
<thead><tr><th scope="col">Profile</th><th scope="col" class="num">API level</th><th scope="col">Android</th><th scope="col">System image</th><th scope="col">Model</th></tr></thead>
<tbody>${round.devices.map((device) => html`<tr><th scope="row">${device.profile}</th><td class="num">${device.apiLevel}</td><td>${device.release}</td><td class="mono">${device.image}</td><td>${device.model}</td></tr>`)}</tbody>
</table></div>
<div class="scroll" tabindex="0" role="region" aria-labelledby="products-caption"><table>
<caption id="products-caption">Products, versions as installed</caption>
<thead><tr><th scope="col">Product</th><th scope="col">Vendor</th><th scope="col">Package</th><th scope="col">Version</th><th scope="col">Signatures</th><th scope="col">APK SHA-256</th></tr></thead>
<tbody>${model.productFigures.map(({ product, versionsSeen }) => html`<tr><th scope="row">${product.name}</th><td>${product.vendor}</td><td class="mono">${product.package}</td><td>${versionsSeen.join(', ') || formatVersion(product.versionName, product.versionCode) || 'unknown'}</td><td>${product.signatureVersion ?? '–'}</td><td class="mono">${product.apkSha256}</td></tr>`)}</tbody>
</table></div>
<div class="scroll" tabindex="0" role="region" aria-labelledby="samples-caption"><table>
<caption id="samples-caption">Samples<small>Stalkerware samples are benign stand-ins or live apps identified by file hash; family from the stalkerware-indicators data set.</small></caption>
<thead><tr><th scope="col">App</th><th scope="col">Kind</th><th scope="col">Family</th><th scope="col">Package</th><th scope="col">SHA-256</th><th scope="col">Certificate SHA-1</th></tr></thead>
<tbody>${model.samples.map((sample) => html`<tr><th scope="row">${sample.label}</th><td>${sample.kind}</td><td>${sample.family ?? '–'}</td><td class="mono">${sample.package}</td><td class="mono">${sample.sha256}</td><td class="mono">${sample.certSha1}</td></tr>`)}</tbody>
</table></div>
</section>`;
}

/** Per product, how often it flagged the harness's own apps: never a detection or a false positive. */
function renderHarnessNoise(model: ReportModel): SafeHtml {
  const intro = html`<h3 id="harness-noise">Harness noise</h3>
<p>The harness drives each phone through Appium, whose server and settings apps (<code>io.appium.uiautomator2.server</code>, <code>io.appium.settings</code>) are installed during a case. A product that flags them is recorded as harness noise, not as detections or false positives.</p>`;
  if (model.harnessNoise.length === 0) return html`${intro}<p>No product flagged the harness's own apps in this round.</p>`;
  return html`${intro}<div class="scroll" tabindex="0" role="region" aria-labelledby="noise-caption"><table class="noise">
<caption id="noise-caption">The harness's own apps flagged, per product<small>Cases whose final attempt recorded it.</small></caption>
<thead><tr><th scope="col">Product</th><th scope="col">App of the harness</th><th scope="col">Threat name</th><th scope="col" class="num">Cases</th><th scope="col">Seen in</th></tr></thead>
<tbody>${model.harnessNoise.map(({ product, entries }) => entries.map((entry, index) => html`<tr data-product="${product.id}">${index === 0 ? html`<th scope="rowgroup" rowspan="${entries.length}">${product.name}</th>` : ''}<td class="mono">${entry.packageName}</td><td>${entry.threatName === '' ? '–' : entry.threatName}</td><td class="num">${entry.cases}</td><td>${entry.from.join(', ')}</td></tr>`))}</tbody>
</table></div>`;
}
