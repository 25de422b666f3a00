import { relative, sep } from 'node:path';
import { loadRoundFolder } from './load-round-folder.ts';
import { readPublishedPlan } from './read-published-plan.ts';
import type { ReportPublication } from './report-model.ts';
import { planReport } from './render-report.ts';
import { writeReportFiles } from './write-report.ts';

export interface ReportRoundFolderOptions {
  /** Folder for the report files. @default the round folder itself */
  out?: string;
  /** Set by `stalkerbench publish`: the seal the report shows (harness/publish). */
  seal?: ReportPublication['seal'];
}

export interface WrittenReport {
  /** Absolute paths of the files written, index.html first. */
  paths: string[];
  /** Facts about the input that the report states (torn last line, unfinished cases). */
  notes: string[];
}

/**
 * Loads a round folder, renders every report file and writes them: what `stalkerbench report`
 * does, for callers such as `run` and `demo`. Input errors (REPORT_INPUT_INVALID,
 * RESULTS_CORRUPT) are thrown before anything is written.
 */
export async function reportRoundFolder(folder: string, options: ReportRoundFolderOptions = {}): Promise<WrittenReport> {
  const out = options.out ?? folder;
  const loaded = await loadRoundFolder(folder);
  const plan = await readPublishedPlan(folder, loaded.round);
  const input = { ...loaded, publication: { planSha256: plan?.sha256, planComparison: plan?.comparison, seal: options.seal } };
  const base = relative(out, folder).split(sep).join('/');
  const files = planReport(input, { evidenceBase: base === '' ? '' : `${base}/` });
  const paths = await writeReportFiles(out, files);
  return { paths, notes: [...(input.notes ?? [])] };
}
