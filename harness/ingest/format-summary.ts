import { escapeText } from './escape-text.ts';
import type { MergeResult } from './merge-catalogue.ts';
import type { FolderScan } from './scan-folder.ts';

export interface SummaryInput {
  folder: string;
  catalogue: string;
  scan: FolderScan;
  merge: MergeResult;
  /** Where the catalogue and side report went, or undefined for a dry run. */
  written: { catalogue: string; report: string } | undefined;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The counts per family (added / changed / unchanged), families in byte order. */
export function countByFamily(merge: MergeResult): Array<{ family: string; added: number; changed: number; unchanged: number }> {
  const counts = new Map<string, { added: number; changed: number; unchanged: number }>();
  for (const entry of merge.entries) {
    const row = counts.get(entry.family) ?? { added: 0, changed: 0, unchanged: 0 };
    row[entry.outcome] += 1;
    counts.set(entry.family, row);
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([family, row]) => ({ family, ...row }));
}

/** What `ingest` prints: a summary a person reads, every name escaped. */
export function formatIngestSummary(input: SummaryInput): string {
  const { scan, merge } = input;
  const count = (outcome: string): number => merge.entries.filter((entry) => entry.outcome === outcome).length;
  const apks = scan.known.length + scan.unknown.length + scan.duplicates.length;
  const lines = [
    `ingest ${escapeText(input.folder)} → ${escapeText(input.catalogue)}`,
    `  files      ${plural(scan.filesSeen, 'file')} read: ${plural(apks, 'APK')}, ${scan.rejected.length} rejected, ${plural(scan.duplicates.length, 'duplicate')} folded`,
    `  catalogue  added ${count('added')}, changed ${count('changed')}, unchanged ${count('unchanged')}; rejected ${scan.rejected.length}; unknown ${scan.unknown.length} (not catalogued)`
      + (merge.keptOutsideFolder > 0 ? `; ${merge.keptOutsideFolder} earlier entries not in the folder kept` : ''),
  ];
  const families = countByFamily(merge);
  if (families.length > 0) {
    const width = Math.min(32, Math.max(6, ...families.map((row) => escapeText(row.family).length)));
    lines.push('  by family', `    ${'family'.padEnd(width)}  added  changed  unchanged`);
    for (const row of families) {
      lines.push(`    ${escapeText(row.family).padEnd(width)}  ${String(row.added).padStart(5)}  ${String(row.changed).padStart(7)}  ${String(row.unchanged).padStart(9)}`);
    }
  }
  const changed = merge.entries.filter((entry) => entry.outcome === 'changed');
  if (changed.length > 0) {
    lines.push('  changed');
    for (const entry of changed) lines.push(`    ${escapeText(entry.id)}: ${entry.changes.join('; ')}`);
  }
  if (scan.unknown.length > 0) {
    lines.push('  unknown, not catalogued (no indicator names them; add them by hand with a kind if they belong in a round)');
    for (const item of scan.unknown) lines.push(`    ${escapeText(item.relative)}  ${escapeText(item.packageName)}  sha256 ${item.sha256}`);
  }
  if (scan.rejected.length > 0) {
    lines.push('  rejected');
    for (const item of scan.rejected) lines.push(`    ${escapeText(item.relative)}: ${item.code} ${escapeText(item.reason)}`);
  }
  if (scan.duplicates.length > 0) {
    lines.push('  duplicates (same SHA-256, folded into one entry)');
    for (const item of scan.duplicates) lines.push(`    ${escapeText(item.relative)} = ${escapeText(item.sameAs)}`);
  }
  const added = count('added');
  if (added > 0) lines.push(`  review     ${added} new ${added === 1 ? 'entry carries' : 'entries carry'} REVIEW notes: check their setup (inferred from the manifest) before a round uses them`);
  lines.push(input.written === undefined
    ? '  dry run    nothing written'
    : `  written    ${escapeText(input.written.catalogue)}, ${escapeText(input.written.report)}`);
  return `${lines.join('\n')}\n`;
}
