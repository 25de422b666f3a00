import { buildReportModel, type ReportInput } from './build-report-model.ts';
import { casePagePath } from './case-page-name.ts';
import { renderCasePage } from './html-case-page.ts';
import { EVIDENCE_CASE_BUDGET, hasCasePage, listDetailedCells } from './html-evidence.ts';
import { renderMatrixCsvChunks, renderResultsCsvChunks } from './render-csv.ts';
import { renderHtml, type HtmlOptions } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderSummary } from './render-summary.ts';

export const REPORT_FILES = ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json'] as const;
export type ReportFileName = (typeof REPORT_FILES)[number];

/**
 * A report file's content: its text, or pieces whose concatenation is its text (the CSV files,
 * written piece by piece: escape-csv.ts renderCsvChunks says why).
 */
export type ReportContent = string | readonly string[];

/** A file's whole text. */
export function reportText(content: ReportContent): string {
  return typeof content === 'string' ? content : content.join('');
}

/**
 * Every report file's content from the round's data, by path inside the report folder: the six
 * files of REPORT_FILES, and `cases/<case>.html` for each case index.html shows case by case
 * that has evidence to show (html-evidence.ts). Pure: same input, same bytes.
 */
export function renderReport(input: ReportInput, options: HtmlOptions = {}): Record<string, ReportContent> {
  const files: Record<string, ReportContent> = {};
  for (const [name, render] of Object.entries(planReport(input, options))) files[name] = render();
  return files;
}

/** A report file not rendered yet: rendering it is left to the writer (write-report.ts). */
export type ReportRender = () => ReportContent;

/**
 * The same files as renderReport, each as a function that renders it: the model is built once,
 * here, and the writer renders, writes and drops one file at a time, so that a large round's
 * 70 MB of output never sits in memory whole (harness/report/README.md, "Scale").
 */
export function planReport(input: ReportInput, options: HtmlOptions = {}): Record<string, ReportRender> {
  const model = buildReportModel(input);
  const files: Record<string, ReportRender> = {
    'index.html': () => renderHtml(model, options),
    'report.md': () => renderMarkdown(model),
    'matrix.csv': () => renderMatrixCsvChunks(model),
    'results.csv': () => renderResultsCsvChunks(model),
    'junit.xml': () => renderJunit(model),
    'summary.json': () => renderSummary(model),
  };
  for (const cell of listDetailedCells(model, options.evidenceCaseBudget ?? EVIDENCE_CASE_BUDGET)) {
    for (const view of cell.cases) {
      if (hasCasePage(view, model)) files[casePagePath(view.planned.caseId)] = () => renderCasePage(model, cell, view, options.evidenceBase ?? '');
    }
  }
  return files;
}
