import { formatVersion } from './compute-figures.ts';
import type { AttemptResult } from '../results/index.ts';
import { renderCsvChunks, type CsvValue } from './escape-csv.ts';
import { describeRemediated } from './format-figures.ts';
import { OUTCOME_LABELS, describeCellWord } from './outcome-labels.ts';
import type { ReportModel } from './report-model.ts';
import { RULE_NOT_RECORDED, summariseHarnessNoise } from './verdict-words.ts';

/** matrix.csv: one row per sample, one column per product × mode, a symbol and a word per cell. */
export function renderMatrixCsv(model: ReportModel): string {
  return renderMatrixCsvChunks(model).join('');
}

/** matrix.csv in pieces (escape-csv.ts renderCsvChunks): what the report writes. */
export function renderMatrixCsvChunks(model: ReportModel): string[] {
  const header = ['sample', 'sample_id', 'kind', 'family', 'sha256'];
  for (const product of model.products) {
    for (const mode of model.modes) header.push(`${product.vendor} ${product.name} [${mode}]`);
  }
  const perRow = model.products.length * model.modes.length;
  const rows = model.samples.map((sample, index) => {
    const cells = model.cells.slice(index * perRow, (index + 1) * perRow);
    return [sample.label, sample.id, sample.kind, sample.family, sample.sha256, ...cells.map(describeCellWord)];
  });
  return renderCsvChunks(header, rows);
}

const RESULTS_HEADER = [
  'case_id', 'product_id', 'vendor', 'product', 'product_version_installed', 'sample_id', 'sample', 'sample_package',
  'sample_kind', 'family', 'mode', 'device_profile', 'repetition', 'outcome', 'status', 'attempts', 'detected',
  'detected_by', 'alerted', 'alert_kinds', 'threat_name', 'category', 'alert_text', 'time_to_alert_ms',
  'safety_advice', 'error_code', 'error_message', 'device_serial', 'started_at', 'ended_at', 'duration_ms',
  'evidence_files',
  // What decided the outcome (the final attempt's basis), appended so older readers keep their columns.
  'decided_by', 'identified_by', 'matched', 'matched_in', 'matched_from', 'also_fits', 'basis_evidence', 'harness_noise',
  // Disputes and retests (disputes.yaml, run --retest): `outcome` is the decided one, these say how.
  'disputed', 'dispute_decision', 'dispute_reason', 'original_verdict', 'retested',
  // Remediation (round option `remediation`): yes / no / not tested, and what was seen and left.
  'remediated', 'remediation_flow', 'remediation_warned', 'remediation_left',
];

/** What remained of the sample after remediation: "installed;running;device-admin;accessibility", or empty. */
function describeLeft(remediation: AttemptResult['remediation']): string | undefined {
  if (remediation === undefined) return undefined;
  const left = [remediation.packageInstalled && 'installed', remediation.processRunning && 'running', remediation.deviceAdmin && 'device-admin', remediation.accessibilityEnabled && 'accessibility'];
  return left.filter((part): part is string => part !== false).join(';');
}

/**
 * results.csv: one row per planned case with every outcome field of its final attempt, and what
 * decided it (rule, identification, matched text and the text it was found in, evidence file).
 * `outcome` is the decided verdict; `detected`/`alerted` stay the final attempt's as recorded, and
 * a case an upheld dispute decided says so (`disputed`, `original_verdict`).
 */
export function renderResultsCsv(model: ReportModel): string {
  return renderResultsCsvChunks(model).join('');
}

/** results.csv in pieces (escape-csv.ts renderCsvChunks): what the report writes. */
export function renderResultsCsvChunks(model: ReportModel): string[] {
  return renderCsvChunks(RESULTS_HEADER, listResultRows(model));
}

/** Rows made as csv-stringify takes them, so only one batch of them exists at a time. */
function* listResultRows(model: ReportModel): Generator<CsvValue[]> {
  for (const cell of model.cells) {
    for (const view of cell.cases) {
      const final = view.final;
      const basis = final?.basis;
      yield [
        view.planned.caseId, cell.product.id, cell.product.vendor, cell.product.name,
        final ? formatVersion(final.product.versionName, final.product.versionCode) : '',
        cell.sample.id, cell.sample.label, cell.sample.package, cell.sample.kind, cell.sample.family,
        cell.mode, view.planned.deviceProfile, view.planned.repetition,
        OUTCOME_LABELS[view.outcome].word, view.status, view.attempts.length,
        final?.detected, final?.detectedBy.join(';'), final?.alerted, final?.alertKinds.join(';'),
        final?.threatName, final?.category, final?.alertText, final?.timeToAlertMs,
        final?.safetyAdvice, final?.error?.code, final?.error?.message, final?.device?.serial,
        final?.timings.startedAt, final?.timings.endedAt, final?.timings.durationMs, final?.evidence.length,
        final === undefined ? undefined : basis?.rule ?? RULE_NOT_RECORDED, basis?.identifiedBy, basis?.matched, basis?.text,
        basis?.from, basis?.alsoFits.join(';'), basis?.evidence, summariseHarnessNoise(final?.harnessNoise),
        view.dispute !== undefined, view.dispute?.dispute.decision, view.dispute?.dispute.reason,
        // The recorded verdict a decision or a retest replaced; empty when the shown one is the first recorded.
        view.dispute?.applied === true ? OUTCOME_LABELS[view.dispute.originalOutcome].word : view.retest !== undefined ? OUTCOME_LABELS[view.retest.originalOutcome].word : undefined,
        view.retest !== undefined,
        describeRemediated(final?.remediation), final?.remediation?.flow, final?.remediation?.warned ?? undefined, describeLeft(final?.remediation),
      ];
    }
  }
}
