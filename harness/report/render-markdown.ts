import { summariseHosts } from './attempt-hosts.ts';
import { formatVersion } from './compute-figures.ts';
import { escapeMarkdown as md } from './escape-markdown.ts';
import { formatCount, formatInterval, formatPercent, formatPeriod, formatRemediated } from './format-figures.ts';
import { describeAppDelays } from './describe-app-delays.ts';
import { describeDisputeMethod } from './html-disputes.ts';
import { describePlanComparison } from './plan-deviations.ts';
import { renderMarkdownDisputes } from './markdown-disputes.ts';
import { LEGEND_ORDER, OUTCOME_LABELS } from './outcome-labels.ts';
import type { Cell, ReportModel } from './report-model.ts';
import { CRITERIA_METHOD, IDENTIFICATION_METHOD, OUTCOME_METHOD } from './verdict-words.ts';

/** report.md: the matrix and per-product tables, ready to paste into a README, wiki or issue. */
export function renderMarkdown(model: ReportModel): string {
  const { round } = model;
  const out: string[] = [];
  out.push(`# ${md(round.round.title)}`, '');
  out.push(`Round ${md(round.round.id)} · ${formatPeriod(round.startedAt, round.finishedAt)} · stalkerbench ${md(round.harness.version)}`, '');
  for (const note of model.notes) out.push(`> ${md(note)}`, '');

  out.push('## Detection matrix', '');
  out.push(renderLegend(), '');
  const header = ['Sample', 'Kind', ...model.products.flatMap((product) => model.modes.map((mode) => `${product.name} · ${mode}`))];
  out.push(row(header.map(md)), row(header.map((_, index) => (index < 2 ? '---' : ':-:'))));
  const perRow = model.products.length * model.modes.length;
  model.samples.forEach((sample, index) => {
    const cells = model.cells.slice(index * perRow, (index + 1) * perRow);
    out.push(row([md(sample.label), md(sample.kind), ...cells.map(formatCell)]));
  });
  out.push('');

  out.push('## Results per product', '');
  out.push('Rates count completed cases only; errors, product errors, cases that need review and unexecuted cases are listed but never counted as misses or detections. Intervals are 95 % Wilson score intervals.', '');
  for (const figures of model.productFigures) {
    const version = figures.versionsSeen.length > 0 ? figures.versionsSeen.join(', ') : formatVersion(figures.product.versionName, figures.product.versionCode) || 'unknown';
    out.push(`### ${md(figures.product.vendor)} — ${md(figures.product.name)} ${md(version)}`, '');
    out.push(row(['Mode', 'Detected', 'Detection rate', '95 % CI', 'Alerted', 'Alert rate', '95 % CI', 'Safety advice', 'Remediated', 'False positives', 'Errors (not counted)', 'Not executed', 'Product errors (not counted)', 'Needs review (not counted)']));
    out.push(row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:']));
    for (const mode of [...figures.byMode, figures.all]) {
      out.push(row([
        mode.mode === 'all' ? '**all modes**' : md(mode.mode),
        formatCount(mode.detection), formatPercent(mode.detection.rate), formatInterval(mode.detection),
        formatCount(mode.alert), formatPercent(mode.alert.rate), formatInterval(mode.alert),
        formatCount(mode.safetyAdvice), formatRemediated(mode.remediation), formatCount(mode.falsePositives),
        String(mode.infraErrors + mode.flowErrors), String(mode.notExecuted), String(mode.productErrors), String(mode.needsReview),
      ].map((text) => text.replace(/\|/g, '\\|'))));
    }
    out.push('');
  }

  out.push('## False positives', '');
  if (model.falsePositives.length === 0) out.push('No visible-monitoring or legitimate app was flagged.', '');
  else {
    out.push(row(['Product', 'Mode', 'App', 'Kind', 'Device', 'Threat name', 'Category']), row(['---', '---', '---', '---', '---', '---', '---']));
    for (const { cell, caseView } of model.falsePositives) {
      out.push(row([md(cell.product.name), md(cell.mode), md(cell.sample.label), md(cell.sample.kind), md(caseView.planned.deviceProfile), md(caseView.final?.threatName ?? '–'), md(caseView.final?.category ?? '–')]));
    }
    out.push('');
  }

  out.push(...renderReviewCases(model));
  out.push(...renderMarkdownDisputes(model));

  out.push('## Detection by family', '');
  out.push(row(['Family', 'Samples', ...model.products.map((product) => md(product.name))]), row(['---', '--:', ...model.products.map(() => '--:')]));
  for (const family of model.familyFigures) {
    out.push(row([md(family.family), String(family.sampleIds.length), ...family.byProduct.map(({ detection }) => (detection.total === 0 ? '–' : `${formatCount(detection)} (${formatPercent(detection.rate)})`))]));
  }
  out.push('');

  out.push(...renderMethod(model));
  return `${out.join('\n')}\n`;
}

function renderLegend(): string {
  return LEGEND_ORDER.map((outcome) => `${OUTCOME_LABELS[outcome].symbol} ${OUTCOME_LABELS[outcome].label}`).join(' · ')
    + '. A cell with several cases (device profiles, repetitions) shows the least favourable completed one, with how many detected.';
}

/** Cases whose match also fits another app: what matched, where, and what else it fits. */
function renderReviewCases(model: ReportModel): string[] {
  const out = ['## Cells a person must decide', ''];
  if (model.reviewCases.length === 0) return [...out, 'No case needs a person\'s decision.', ''];
  out.push('What matched also fits another app on the device, so the harness does not decide. These cases are not counted in any rate until a person does.', '');
  out.push(row(['Product', 'Mode', 'App', 'Device', 'Identified by', 'Matched', 'In the text', 'Also fits', 'Evidence']), row(['---', '---', '---', '---', '---', '---', '---', '---', '---']));
  for (const { cell, caseView, basis } of model.reviewCases) {
    out.push(row([
      md(cell.product.name), md(cell.mode), md(cell.sample.label), md(`${caseView.planned.deviceProfile} · r${caseView.planned.repetition}`),
      md(basis.identifiedBy ?? '–'), md(basis.matched ?? '–'), md(basis.text ?? '–'), md(basis.alsoFits.join(', ') || '–'), md(basis.evidence ?? '–'),
    ]));
  }
  out.push('');
  return out;
}

function formatCell(cell: Cell): string {
  const { symbol } = OUTCOME_LABELS[cell.outcome];
  const mark = cell.cases.some((view) => view.dispute?.applied === true || view.retest !== undefined) ? ' †' : '';
  return `${cell.mixed ? `${symbol} ${cell.detected}/${cell.completed}` : symbol}${mark}`;
}

function renderMethod(model: ReportModel): string[] {
  const { round } = model;
  const out = ['## Method', ''];
  out.push(`- Round file: ${md(round.round.file)} (SHA-256 ${round.round.sha256})`);
  out.push(`- Period: ${formatPeriod(round.startedAt, round.finishedAt)}`);
  out.push(`- Harness: stalkerbench ${md(round.harness.version)}, Node.js ${md(round.harness.node)}, adb ${md(round.harness.adb)}, Appium ${md(round.harness.appium)}, UiAutomator2 driver ${md(round.harness.driver)}`);
  const appDelays = describeAppDelays(round);
  if (appDelays !== undefined) out.push(`- ${md(appDelays)}`);
  out.push(`- Modes: ${model.modes.map(md).join(', ')}; ${round.plan.cases.length} planned cases, ${model.attemptCount} attempts recorded`);
  out.push(`- Detection criteria: categories ${listOrNone(round.detection.categories)}; name patterns ${listOrNone(round.detection.namePatterns)}; safety-advice patterns ${listOrNone(round.detection.safetyAdvicePatterns)}. ${CRITERIA_METHOD}`, '');
  out.push('### How a case is decided', '');
  for (const text of OUTCOME_METHOD) out.push(`- ${text}`);
  out.push('', 'The sample is identified by the strongest of these rules, in this order:', '');
  IDENTIFICATION_METHOD.forEach(({ rule, text }, index) => out.push(`${index + 1}. \`${rule}\`: ${text}`));
  out.push('', 'Each case in results.csv names the rule that decided it (`decided_by`, `identified_by`), what matched, the whole text it was found in and the evidence file.');
  if (model.finalsWithoutBasis > 0) out.push(`${model.finalsWithoutBasis} case(s) were recorded before the harness kept what decided a verdict: their rule is not recorded.`);
  out.push('', md(describeDisputeMethod(model)));
  out.push('', ...renderPlan(model));
  out.push('', ...renderHarnessNoise(model));
  const hosts = summariseHosts(model.attemptHosts);
  if (hosts.length > 0) {
    out.push('### Hosts', '', row(['Host', 'Attempts', 'Workers', 'Versions']), row(['---', '--:', '---', '---']));
    for (const host of hosts) out.push(row([md(host.hostname), String(host.attempts), md(host.workers.join(', ')), md(host.versions.join(' | '))]));
    out.push('');
  }
  out.push('### Devices', '', row(['Profile', 'API level', 'Android', 'Image', 'Model']), row(['---', '--:', '---', '---', '---']));
  for (const device of round.devices) out.push(row([md(device.profile), String(device.apiLevel), md(device.release), md(device.image), md(device.model)]));
  out.push('', '### Products', '', row(['Vendor', 'Product', 'Package', 'Version as installed', 'Signatures', 'APK SHA-256']), row(['---', '---', '---', '---', '---', '---']));
  for (const figures of model.productFigures) {
    const { product } = figures;
    const version = figures.versionsSeen.join(', ') || formatVersion(product.versionName, product.versionCode) || 'unknown';
    out.push(row([md(product.vendor), md(product.name), md(product.package), md(version), md(product.signatureVersion ?? '–'), product.apkSha256]));
  }
  out.push('', '### Samples', '', row(['Sample', 'Kind', 'Family', 'Package', 'SHA-256', 'Certificate SHA-1']), row(['---', '---', '---', '---', '---', '---']));
  for (const sample of model.samples) out.push(row([md(sample.label), md(sample.kind), md(sample.family ?? '–'), md(sample.package), sample.sha256, sample.certSha1]));
  out.push('');
  return out;
}

function renderPlan(model: ReportModel): string[] {
  const { planSha256, planComparison } = model.publication;
  const { summary, deviations } = describePlanComparison(planSha256, planComparison);
  const out = ['### Plan and deviations', ''];
  if (planSha256 !== undefined) out.push(`- Plan: plan.json, published before testing (SHA-256 ${planSha256})`);
  out.push(`- ${md(summary)}`);
  for (const text of deviations) out.push(`  - ${md(text)}`);
  out.push('');
  return out;
}

function renderHarnessNoise(model: ReportModel): string[] {
  const out = ['### Harness noise', ''];
  if (model.harnessNoise.length === 0) return [...out, 'No product flagged the harness\'s own apps.', ''];
  out.push('Products that flagged the harness\'s own apps (Appium\'s server and settings apps): recorded as harness noise, not as detections or false positives.', '');
  out.push(row(['Product', 'App of the harness', 'Threat name', 'Cases', 'Seen in']), row(['---', '---', '---', '--:', '---']));
  for (const { product, entries } of model.harnessNoise) {
    for (const entry of entries) out.push(row([md(product.name), md(entry.packageName), md(entry.threatName || '–'), String(entry.cases), entry.from.join(', ')]));
  }
  out.push('');
  return out;
}

function listOrNone(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.map((value) => `"${md(value)}"`).join(', ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
