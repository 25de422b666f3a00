import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { displayPathOf, loadSampleCatalogue, sampleCatalogueSchema } from '../config/index.ts';
import { readConfigText } from '../config/load-yaml-file.ts';
import { HarnessError } from '../errors/index.ts';
import { indexIndicators, loadIndicators } from '../indicators/index.ts';
import { writeFileAtomic } from '../results/write-file-atomic.ts';
import { indexFamilyNames } from './classify-sample.ts';
import { mergeCatalogue, type MergeResult } from './merge-catalogue.ts';
import { loadSampleHashes, type KnownSampleHash } from './sample-hashes.ts';
import { scanFolder, type FolderScan } from './scan-folder.ts';

export interface IngestOptions {
  folder: string;
  /** ioc.yaml, watchware.yaml: any number of indicator files. */
  indicators: readonly string[];
  /** samples.csv, optional. */
  hashes: string | undefined;
  catalogue: string;
  /** The side report (unknown, rejected, duplicates). @default the catalogue's name with .ingest.json */
  report: string | undefined;
  title: string | undefined;
  maxBytes: number;
  dryRun: boolean;
  cwd: string;
}

export interface IngestOutcome {
  folder: string;
  catalogue: string;
  report: string;
  scan: FolderScan;
  merge: MergeResult;
  written: boolean;
}

/** `reports/q4.yaml` → `reports/q4.ingest.json`. */
export function defaultReportPath(catalogue: string): string {
  return `${catalogue.replace(/\.ya?ml$/i, '')}.ingest.json`;
}

/**
 * Sample intake: reads every file of `folder` (never installs anything), identifies each APK,
 * matches it against the indicators and merges the known ones into the catalogue, written
 * atomically (temp file and rename) together with a side report of unknown, rejected and
 * duplicate files. Nothing is written on a dry run, nor when the result would hold no sample.
 */
export async function ingestFolder(options: IngestOptions): Promise<IngestOutcome> {
  const folder = path.resolve(options.cwd, options.folder);
  const catalogue = path.resolve(options.cwd, options.catalogue);
  const report = path.resolve(options.cwd, options.report ?? defaultReportPath(options.catalogue));
  const entries = (await Promise.all(options.indicators.map((file) => loadIndicators(file, { cwd: options.cwd })))).flat();
  const hashes: Map<string, KnownSampleHash> = options.hashes === undefined ? new Map() : await loadSampleHashes(options.hashes, options.cwd);
  // A broken existing catalogue is refused before anything is read: merging into it would hide the fault.
  const existingText = existsSync(catalogue) ? await readExisting(catalogue, options.cwd) : undefined;
  const scan = await scanFolder(folder, { index: indexIndicators(entries), hashes, familyNames: indexFamilyNames(entries) }, options.maxBytes);
  const merge = mergeCatalogue({
    existingText, catalogueFile: catalogue, folder, known: scan.known,
    title: options.title ?? `Samples ingested from ${path.basename(folder)}`,
  });
  checkMerged(merge, catalogue, options.cwd);
  const outcome: IngestOutcome = { folder, catalogue, report, scan, merge, written: false };
  if (merge.sampleCount === 0) {
    throw new HarnessError('USAGE', `no file in ${displayPathOf(folder, options.cwd)} is a sample the indicators name (${scan.unknown.length} unknown, ${scan.rejected.length} rejected): no catalogue written`, {
      hint: 'check --indicators (and --watchware / --hashes) and the folder; run with --dry-run to see every file and why',
    });
  }
  if (options.dryRun) return outcome;
  await mkdir(path.dirname(catalogue), { recursive: true });
  await writeFileAtomic(catalogue, merge.text);
  await writeFileAtomic(report, `${JSON.stringify(sideReport(outcome, options.cwd), null, 2)}\n`);
  return { ...outcome, written: true };
}

async function readExisting(catalogue: string, cwd: string): Promise<string> {
  await loadSampleCatalogue(catalogue, { cwd });
  return readConfigText(catalogue, 'sample catalogue', cwd);
}

/** The merged text must load as a catalogue; if it does not, that is a bug here, not the user's input. */
function checkMerged(merge: MergeResult, catalogue: string, cwd: string): void {
  if (merge.sampleCount === 0) return;
  const result = sampleCatalogueSchema.safeParse(parse(merge.text));
  if (!result.success) {
    throw new HarnessError('INTERNAL', `ingest made a catalogue for ${displayPathOf(catalogue, cwd)} that does not load: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, {
      hint: 'nothing was written; report this with the folder listing',
    });
  }
}

/** Machine-readable record of the intake: what was catalogued, and every file that was not, and why. */
function sideReport(outcome: IngestOutcome, cwd: string): unknown {
  return {
    format: 'stalkerbench-ingest/1',
    folder: displayPathOf(outcome.folder, cwd),
    catalogue: path.basename(outcome.catalogue),
    catalogued: outcome.merge.entries,
    unknown: outcome.scan.unknown,
    rejected: outcome.scan.rejected,
    duplicates: outcome.scan.duplicates,
  };
}
