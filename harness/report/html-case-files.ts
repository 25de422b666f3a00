import type { AttemptHostRecord } from './attempt-hosts.ts';
import type { AttemptResult, EvidenceItem } from '../results/index.ts';
import { formatVersion } from './compute-figures.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { evidenceUrl } from './evidence-url.ts';
import { formatDuration, formatTime } from './format-figures.ts';
import type { CaseView, EvidenceListing } from './report-model.ts';

const TEXT_KIND_NAMES: Readonly<Record<string, string>> = {
  'ui-dump': 'UI hierarchy dump', notifications: 'Notification dump', logcat: 'Logcat excerpt', text: 'Text',
};

/** What an attempt recorded, as a definition list: device, status, version, verdict fields, error, times. */
export function renderAttemptFacts(final: AttemptResult, view: CaseView, host?: AttemptHostRecord): SafeHtml {
  const facts: Array<[string, string | SafeHtml]> = [
    ['Device', `${view.planned.deviceProfile}${final.device ? ` (${final.device.serial})` : ''}, repetition ${view.planned.repetition}`],
    ...(host === undefined ? [] : [['Host', `${host.hostname} (worker ${host.workerId})`] as [string, string]]),
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
  facts.push(['Remediated', describeRemediation(final.remediation)]);
  facts.push(['Started', formatTime(final.timings.startedAt)], ['Duration', formatDuration(final.timings.durationMs)]);
  return html`<dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The case's remediation in words (methodology.md, "Remediation"): "not tested" when it was not. */
function describeRemediation(remediation: AttemptResult['remediation']): string {
  if (remediation === undefined) return 'not tested';
  const left = [remediation.packageInstalled && 'still installed', remediation.processRunning && 'still running',
    remediation.deviceAdmin && 'still a device admin', remediation.accessibilityEnabled && 'accessibility still on'].filter((part): part is string => part !== false);
  const flow = remediation.flow === 'completed' ? '' : `; the remediate flow ended as ${remediation.flow}${remediation.error ? ` (${remediation.error.code}: ${remediation.error.message})` : ''}`;
  const warned = remediation.warned === null ? 'no warning named in the profile' : remediation.warned ? 'the product warned before Android\'s removal screens' : 'no warning from the product before Android\'s removal screens';
  return `${remediation.remediated ? 'yes: the sample is gone' : `no: ${left.join(', ')}`}; ${warned}${flow}`;
}

export function renderSteps(attempt: AttemptResult): SafeHtml | '' {
  if (attempt.timings.steps.length === 0) return '';
  return html`<table class="steps"><caption class="vh">Step timings</caption><thead><tr><th scope="col">Step</th><th scope="col" class="num">Time</th></tr></thead><tbody>${attempt.timings.steps.map((step) => html`<tr><td>${step.name}</td><td class="num">${formatDuration(step.ms)}</td></tr>`)}</tbody></table>`;
}

/**
 * An attempt's evidence files: screenshots as images (loaded from the round's evidence/ folder by
 * relative path), text dumps inlined as escaped text in a <details> (cut at the loader's limit,
 * with a link to the whole file), files that are gone marked missing.
 */
export function renderFiles(items: readonly EvidenceItem[], listing: EvidenceListing, base: string): SafeHtml {
  const shots = items.filter((item) => item.kind === 'screenshot');
  const texts = items.filter((item) => item.kind !== 'screenshot');
  return html`${shots.length > 0 ? html`<div class="shots">${shots.map((item) => {
    const url = evidenceUrl(base, item.path);
    return listing.has(item.path)
      ? html`<figure><a href="${url}"><img src="${url}" loading="lazy" alt="${`Screenshot at step ${item.step}`}"></a><figcaption>${item.step}</figcaption></figure>`
      : html`<figure><span class="missing">screenshot missing: ${item.path}</span><figcaption>${item.step}</figcaption></figure>`;
  })}</div>` : ''}${texts.map((item) => renderText(item, listing, base))}`;
}

/** "2 screenshots, 3 text dumps", for the link from index.html to a case's page. */
export function describeFiles(attempts: readonly AttemptResult[]): string {
  let shots = 0;
  let texts = 0;
  for (const attempt of attempts) for (const item of attempt.evidence) if (item.kind === 'screenshot') shots += 1; else texts += 1;
  if (shots + texts === 0) return 'no evidence files';
  const parts = [];
  if (shots > 0) parts.push(`${shots} screenshot${shots === 1 ? '' : 's'}`);
  if (texts > 0) parts.push(`${texts} text dump${texts === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function renderText(item: EvidenceItem, listing: EvidenceListing, base: string): SafeHtml {
  const file = listing.get(item.path);
  const name = `${TEXT_KIND_NAMES[item.kind] ?? item.kind} · ${item.step}`;
  if (!file) return html`<p class="missing">${name}: file missing (${item.path})</p>`;
  const link = html`<a href="${evidenceUrl(base, item.path)}">${item.path}</a>`;
  if (!file.inline) return html`<p>${name}: ${link} (${formatSize(file.size)}, not inlined)</p>`;
  return html`<details class="dump"><summary>${name} (${formatSize(file.size)})</summary><pre>${file.inline.text}</pre>${file.inline.truncated ? html`<p>Cut at ${formatSize(file.inline.text.length)}; full file: ${link}</p>` : html`<p>File: ${link}</p>`}</details>`;
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return 'size unknown';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
