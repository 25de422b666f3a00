import { escapeMarkdown as md } from './escape-markdown.ts';
import { formatCount, formatPercent } from './format-figures.ts';
import { OUTCOME_LABELS } from './outcome-labels.ts';
import type { CellChange, ProductComparison, RoundComparison } from './compare-rounds.ts';

/** The comparison as Markdown: a summary table, then per product the changed samples. */
export function renderComparisonMarkdown(comparison: RoundComparison): string {
  const out: string[] = [];
  out.push(`# Changes from ${md(comparison.before.id)} to ${md(comparison.after.id)}`, '');
  out.push(`${md(comparison.before.title)} → ${md(comparison.after.title)}`, '');
  out.push(comparison.regressionCount === 0 ? 'No regressions: no sample detected in the earlier round is missed in the later one.' : `**${comparison.regressionCount} regression(s)**: samples detected in the earlier round are missed in the later one.`, '');
  const { decided } = comparison;
  out.push(`Verdicts as decided after vendor review: an upheld dispute's verdict, else the newest final attempt (before: ${decided.before.upheld} upheld, ${decided.before.retested} retested; after: ${decided.after.upheld} upheld, ${decided.after.retested} retested).`, '');
  if (comparison.changedSamples.length > 0) out.push(`> Sample files changed between the rounds (same id, different SHA-256): ${comparison.changedSamples.map(md).join(', ')}`, '');
  out.push('| Product | Version | Detection before | Detection after | Regressions | New detections | Alerts lost | Alerts gained | New false positives | Changed, needs review |');
  out.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const product of comparison.products) {
    out.push(`| ${md(product.name)} | ${md(describeVersions(product))} | ${rate(product.detectionBefore)} | ${rate(product.detectionAfter)} | ${product.regressions.length} | ${product.newDetections.length} | ${product.alertsLost.length} | ${product.alertsGained.length} | ${product.newFalsePositives.length} | ${product.changedNeedsReview.length} |`);
  }
  out.push('');
  for (const product of comparison.products) {
    const sections: Array<[string, CellChange[]]> = [
      ['Regressions (newly missed)', product.regressions],
      ['Newly detected', product.newDetections],
      ['Alert no longer shown', product.alertsLost],
      ['Alert now shown', product.alertsGained],
      ['New false positives', product.newFalsePositives],
      ['False positives fixed', product.fixedFalsePositives],
      ['Changed, needs review (now a case a person must decide, or a product error: not a regression)', product.changedNeedsReview],
      ['Not comparable (error, not executed or needing review on one side)', product.notComparable],
    ];
    const filled = sections.filter(([, changes]) => changes.length > 0);
    if (filled.length === 0 && product.presence === 'both' && !product.versionChanged) continue;
    out.push(`## ${md(product.vendor)} — ${md(product.name)}`, '');
    if (product.presence === 'added') out.push('Only in the later round.', '');
    if (product.presence === 'removed') out.push('Only in the earlier round.', '');
    if (product.versionChanged && product.presence === 'both') out.push(`Version: ${md(product.versionBefore || 'unknown')} → ${md(product.versionAfter || 'unknown')}`, '');
    for (const [title, changes] of filled) {
      out.push(`### ${title}`, '');
      for (const change of changes) {
        out.push(`- ${md(change.sample)} [${md(change.mode)}]: ${OUTCOME_LABELS[change.before].symbol} ${OUTCOME_LABELS[change.before].label} → ${OUTCOME_LABELS[change.after].symbol} ${OUTCOME_LABELS[change.after].label}`);
      }
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

function describeVersions(product: ProductComparison): string {
  if (product.presence === 'added') return product.versionAfter || 'unknown';
  if (product.presence === 'removed') return product.versionBefore || 'unknown';
  return product.versionChanged ? `${product.versionBefore || 'unknown'} → ${product.versionAfter || 'unknown'}` : product.versionAfter || 'unknown';
}

function rate(value: ProductComparison['detectionBefore']): string {
  return value === undefined ? '–' : `${formatCount(value)} (${formatPercent(value.rate)})`;
}
