import { buildReportModel, type ReportInput } from './build-report-model.ts';
import { casePagePath } from './case-page-name.ts';
import { renderCasePage } from './html-case-page.ts';
import { EVIDENCE_CASE_BUDGET, hasCasePage, listDetailedCells } from './html-evidence.ts';
import { renderMatrixCsv, renderResultsCsv } from './render-csv.ts';
import { renderHtml, type HtmlOptions } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderSummary } from './render-summary.ts';

export const REPORT_FILES = ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json'] as const;
export type ReportFileName = (typeof REPORT_FILES)[number];

/**
 * Every report file's content from the round's data, by path inside the report folder: the six
 * files of REPORT_FILES, and `cases/<case>.html` for each case index.html shows case by case
 * that has evidence to show (html-evidence.ts). Pure: same input, same bytes.
 */
export function renderReport(input: ReportInput, options: HtmlOptions = {}): Record<string, string> {
  const model = buildReportModel(input);
  const files: Record<string, string> = {
    'index.html': renderHtml(model, options),
    'report.md': renderMarkdown(model),
    'matrix.csv': renderMatrixCsv(model),
    'results.csv': renderResultsCsv(model),
    'junit.xml': renderJunit(model),
    'summary.json': renderSummary(model),
  };
  for (const cell of listDetailedCells(model, options.evidenceCaseBudget ?? EVIDENCE_CASE_BUDGET)) {
    for (const view of cell.cases) {
      if (hasCasePage(view, model)) files[casePagePath(view.planned.caseId)] = renderCasePage(model, cell, view, options.evidenceBase ?? '');
    }
  }
  return files;
}
