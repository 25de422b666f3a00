import { ATTEMPT_HOSTS_FILE } from '../results/index.ts';
import { readAttemptHosts } from './attempt-hosts.ts';
import { open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { loadDisputes } from '../disputes/index.ts';
import { readResults, readRoundFile, type AttemptResult } from '../results/index.ts';
import { readAppiumLogSegments } from './appium-log-segments.ts';
import type { ReportInput } from './build-report-model.ts';
import type { EvidenceFile } from './report-model.ts';

export interface LoadOptions {
  /** Read the evidence folder (inlining text dumps) and list the Appium log's parts. @default true */
  evidence?: boolean;
  /** Longest text dump inlined into the page, in bytes. @default 256 KiB */
  maxInlineBytes?: number;
  /** All inlined text together, in bytes; later dumps are linked instead. @default 32 MiB */
  inlineBudgetBytes?: number;
}

const TEXT_KINDS = new Set(['ui-dump', 'notifications', 'logcat', 'text']);

/**
 * Reads a round folder into a ReportInput: round.json (REPORT_INPUT_INVALID when missing or
 * invalid), results.jsonl (RESULTS_CORRUPT on a bad line; a torn last line becomes a note), the
 * evidence files the results reference, and disputes.yaml when there is one (CONFIG_INVALID when
 * an entry is bad). Reads only: nothing is written.
 */
export async function loadRoundFolder(folder: string, options: LoadOptions = {}): Promise<ReportInput> {
  const round = await readRoundFile(folder);
  const read = await readResults(folder);
  const notes: string[] = [];
  if (!read.exists) notes.push('This round folder has no results.jsonl yet: no case has finished.');
  if (read.torn) {
    notes.push(`results.jsonl line ${read.torn.line} was cut off by a crash mid-write (${read.torn.bytes} bytes) and is ignored; resuming the round repeats that attempt.`);
  }
  const evidence = options.evidence === false ? new Map<string, EvidenceFile>() : await listEvidence(folder, read.results, options);
  const appiumLog = options.evidence === false ? [] : await readAppiumLogSegments(folder);
  // The lab's decisions on vendors' claims: a bad disputes.yaml stops the report (CONFIG_INVALID).
  const disputes = await loadDisputes(folder, new Set(round.plan.cases.map((entry) => entry.caseId)));
  const { hosts: attemptHosts, skipped } = await readAttemptHosts(folder);
  if (skipped > 0) notes.push(`${ATTEMPT_HOSTS_FILE} has ${skipped} line(s) that are not a host record (a torn last line, an edit); their attempts show no host.`);
  return { round, results: read.results, evidence, appiumLog, notes, disputes, attemptHosts };
}

async function listEvidence(folder: string, results: readonly AttemptResult[], options: LoadOptions): Promise<Map<string, EvidenceFile>> {
  const root = join(folder, 'evidence');
  const listing = new Map<string, EvidenceFile>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/');
    listing.set(path, { size: undefined, inline: undefined });
  }
  if (listing.size === 0) return listing;
  let budget = options.inlineBudgetBytes ?? 32 * 1024 * 1024;
  const maxBytes = options.maxInlineBytes ?? 256 * 1024;
  // Final attempts first: when the budget runs out, the evidence behind a verdict is inlined.
  const ordered = [...results].sort((a, b) => Number(b.final) - Number(a.final));
  for (const result of ordered) {
    for (const item of result.evidence) {
      const file = listing.get(item.path);
      if (!file || file.inline || !TEXT_KINDS.has(item.kind)) continue;
      const read = await readHead(join(folder, item.path), Math.min(maxBytes, Math.max(0, budget)));
      file.size = read.size;
      if (budget > 0) {
        file.inline = { text: read.text, truncated: read.size > read.bytes };
        budget -= read.bytes;
      }
    }
  }
  return listing;
}

async function readHead(path: string, limit: number): Promise<{ text: string; bytes: number; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, limit));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { text: buffer.subarray(0, bytesRead).toString('utf8'), bytes: bytesRead, size };
  } finally {
    await handle.close();
  }
}
