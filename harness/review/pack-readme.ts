import { showName } from '../publish/index.ts';
import type { ProductSlice } from './select-product.ts';

export interface Withheld {
  path: string;
  reason: string;
}

/** README.txt of a review pack: what it holds, what was left out and why, how to dispute. */
export function renderPackReadme(slice: ProductSlice, attempts: number, withheld: readonly Withheld[]): string {
  const { product, round } = slice;
  const lines = [
    `Review pack: ${product.name} (${product.vendor}), round ${round.round.id} — ${round.round.title}`,
    '',
    `This pack holds only this product's cases: ${round.plan.cases.length} planned cases, ${attempts} attempts recorded.`,
    '  index.html, cases/   the report rendered from this product\'s cases alone (open index.html)',
    '  report.md, *.csv, junit.xml, summary.json   the same figures in other formats',
    '  results.jsonl        this product\'s lines of the round\'s results.jsonl, byte for byte',
    '  round.json           the round reduced to this product, the samples and devices it met',
    '  samples.json         the samples: package, SHA-256, signing certificate, kind, family (no APK files)',
    '  evidence/            screenshots, UI dumps, notifications and logs of these cases',
    '  appium-logs/         the Appium log parts written while these cases ran (when they name no other vendor)',
    '  METHOD.md, plan.*    the method, and the plan published before testing',
    '  plan-cut.*           when plan.json lists other vendors: the published plan cut to this product,',
    '                       naming the SHA-256 of the whole plan it was cut from',
    '',
  ];
  if (withheld.length > 0) {
    lines.push('Withheld from this pack:');
    for (const item of withheld) lines.push(`  ${showName(item.path)}: ${item.reason}`);
    lines.push('');
  }
  lines.push(
    'To dispute a verdict, send the lab, per case id (results.jsonl caseId), what you claim and why',
    '(e.g. "detected; the screen was not read", "the sample does not run on this Android version"),',
    'within the review period. The lab decides each claim (upheld, rejected, retest) and tells you the',
    'decision and its reason before the round is published.',
    '',
  );
  return lines.join('\n');
}
