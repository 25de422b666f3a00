import { buildReportModel, type ReportInput } from './build-report-model.ts';
import { renderMatrixCsv, renderResultsCsv } from './render-csv.ts';
import { renderHtml, type HtmlOptions } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderSummary } from './render-summary.ts';

export const REPORT_FILES = ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json'] as const;
export type ReportFileName = (typeof REPORT_FILES)[number];

/** Every report file's content from the round's data. Pure: same input, same bytes. */
export function renderReport(input: ReportInput, options: HtmlOptions = {}): Record<ReportFileName, string> {
  const model = buildReportModel(input);
  return {
    'index.html': renderHtml(model, options),
    'report.md': renderMarkdown(model),
    'matrix.csv': renderMatrixCsv(model),
    'results.csv': renderResultsCsv(model),
    'junit.xml': renderJunit(model),
    'summary.json': renderSummary(model),
  };
}
