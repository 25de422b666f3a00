export { buildReportModel } from './build-report-model.ts';
export type { ReportInput } from './build-report-model.ts';
export type {
  Outcome, EvidenceFile, EvidenceListing, CaseView, Cell, Rate, ModeFigures, ProductFigures, FamilyFigures,
  FalsePositive, ReviewCase, HarnessNoiseEntry, ProductHarnessNoise, ReportModel,
} from './report-model.ts';
export { classifyCase, classifyCell, isCounted } from './classify-outcome.ts';
export { computeWilsonInterval, Z_95 } from './wilson-interval.ts';
export type { Interval } from './wilson-interval.ts';
export { OUTCOME_LABELS, LEGEND_ORDER } from './outcome-labels.ts';
export { VERDICT_RULE_WORDS, IDENTIFIED_BY_WORDS, RULE_NOT_RECORDED, summariseBasis } from './verdict-words.ts';
export { escapeCsvCell } from './escape-csv.ts';
export { escapeMarkdown } from './escape-markdown.ts';
export { escapeHtml } from './escape-html.ts';
export { escapeXml } from './escape-xml.ts';
export { renderMatrixCsv, renderResultsCsv } from './render-csv.ts';
export { renderMarkdown } from './render-markdown.ts';
export { renderHtml } from './render-html.ts';
export type { HtmlOptions } from './render-html.ts';
export { renderJunit } from './render-junit.ts';
export { renderSummary } from './render-summary.ts';
export { planReport, renderReport, REPORT_FILES, reportText } from './render-report.ts';
export type { ReportContent, ReportRender } from './render-report.ts';
export type { ReportFileName } from './render-report.ts';
export { loadRoundFolder } from './load-round-folder.ts';
export type { LoadOptions } from './load-round-folder.ts';
export { writeReportFiles } from './write-report.ts';
export type { ReportFile } from './write-report.ts';
export { compareRounds } from './compare-rounds.ts';
export type { RoundComparison, ProductComparison, CellChange } from './compare-rounds.ts';
export { renderComparisonMarkdown } from './render-comparison.ts';
export { reportRoundFolder } from './report-round-folder.ts';
export type { ReportRoundFolderOptions, WrittenReport } from './report-round-folder.ts';
