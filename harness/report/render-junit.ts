import { formatVersion } from './compute-figures.ts';
import { escapeXml as x } from './escape-xml.ts';
import { formatDuration } from './format-figures.ts';
import { OUTCOME_LABELS } from './outcome-labels.ts';
import type { CaseView, Cell, Outcome, ReportModel } from './report-model.ts';
import { summariseBasis, summariseHarnessNoise } from './verdict-words.ts';

/**
 * junit.xml for a vendor's CI: one testsuite per product, one testcase per sample × mode.
 * A miss (and a false positive on watchware/clean) is a <failure>; a harness or UI-flow error
 * is an <error>, so CI tells "our product regressed" from "the lab had a bad day". A cell that
 * needs a person's review, or in which the product crashed or stopped responding, is neither a
 * verdict nor the lab's fault: it is <skipped> with a message saying so.
 */
export function renderJunit(model: ReportModel): string {
  // Cells grouped by product in one pass (in cell order), not filtered once per product.
  const cellsByProduct = new Map<string, Cell[]>(model.products.map((product) => [product.id, []]));
  for (const cell of model.cells) cellsByProduct.get(cell.product.id)?.push(cell);
  const suites = model.products.map((product) => {
    const cells = cellsByProduct.get(product.id) ?? [];
    const cases = cells.map((cell) => renderTestcase(cell));
    const count = (outcomes: readonly string[]) => cells.filter((cell) => outcomes.includes(cell.outcome)).length;
    const version = formatVersion(product.versionName, product.versionCode);
    const time = seconds(cells);
    return [
      `  <testsuite name="${x(`${product.vendor} ${product.name}`)}" tests="${cells.length}" failures="${count(['missed', 'flagged'])}" errors="${count(['error'])}" skipped="${count(SKIPPED)}" time="${time}" timestamp="${x(model.round.startedAt)}">`,
      '    <properties>',
      `      <property name="product.id" value="${x(product.id)}"/>`,
      `      <property name="product.package" value="${x(product.package)}"/>`,
      `      <property name="product.version" value="${x(version)}"/>`,
      `      <property name="product.apkSha256" value="${x(product.apkSha256)}"/>`,
      '    </properties>',
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const all = model.cells;
  const totals = {
    tests: all.length,
    failures: all.filter((cell) => cell.outcome === 'missed' || cell.outcome === 'flagged').length,
    errors: all.filter((cell) => cell.outcome === 'error').length,
    skipped: all.filter((cell) => SKIPPED.includes(cell.outcome)).length,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`stalkerbench ${model.round.round.id}`)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(all)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

const SKIPPED: readonly Outcome[] = ['not-executed', 'needs-review', 'product-error'];

function renderTestcase(cell: Cell): string {
  const open = `    <testcase classname="${x(cell.product.id)}" name="${x(`${cell.sample.label} [${cell.mode}]`)}" time="${seconds([cell])}">`;
  const body: string[] = [];
  const completed = cell.cases.filter((view) => view.status === 'completed');
  switch (cell.outcome) {
    case 'missed': {
      const missed = completed.filter((view) => view.final?.detected === false).length;
      body.push(`      <failure type="missed" message="${x(`${cell.sample.label} (${cell.sample.package}) not detected in ${missed} of ${completed.length} completed case(s)`)}"/>`);
      break;
    }
    case 'flagged': {
      const flagged = completed.find((view) => view.final?.detected === true)?.final;
      const name = [flagged?.threatName, flagged?.category].filter((part) => part !== null && part !== undefined).join(' / ') || 'an unnamed threat';
      body.push(`      <failure type="false-positive" message="${x(`${cell.sample.kind} app ${cell.sample.label} flagged as ${name}`)}"/>`);
      break;
    }
    case 'error': {
      const failed = cell.cases.find((view) => view.status === 'infra-error' || view.status === 'flow-error');
      const error = failed?.final?.error;
      body.push(`      <error type="${x(failed?.status ?? 'error')}" message="${x(error ? `${error.code}: ${error.message}` : 'failed')}"/>`);
      break;
    }
    case 'needs-review': {
      const review = cell.cases.find((view) => view.outcome === 'needs-review')?.final?.basis;
      const what = review ? `: ${summariseBasis(review)}` : '';
      body.push(`      <skipped message="${x(`needs review, not a failure of the product: a person must decide${what}`)}"/>`);
      break;
    }
    case 'product-error': {
      const error = cell.cases.find((view) => view.outcome === 'product-error')?.final?.error;
      body.push(`      <skipped message="${x(`product-error, not counted as a miss or a detection: the product crashed or stopped responding${error ? ` (${error.code}: ${error.message})` : ''}`)}"/>`);
      break;
    }
    case 'not-executed':
      body.push('      <skipped message="not executed"/>');
      break;
    default:
      break;
  }
  body.push(`      <system-out>${x(cell.cases.map(describeCase).join('\n'))}</system-out>`);
  return [open, ...body, '    </testcase>'].join('\n');
}

function describeCase(view: CaseView): string {
  const final = view.final;
  const parts = [`${view.planned.caseId} (${view.planned.deviceProfile}, repetition ${view.planned.repetition}): ${OUTCOME_LABELS[view.outcome].label}`];
  if (final?.threatName) parts.push(`threat: ${final.threatName}${final.category ? ` (${final.category})` : ''}`);
  if (final?.alertText) parts.push(`alert: ${final.alertText}`);
  if (final?.timeToAlertMs !== null && final?.timeToAlertMs !== undefined) parts.push(`time to alert: ${formatDuration(final.timeToAlertMs)}`);
  if (final?.error) parts.push(`error: ${final.error.code}: ${final.error.message}`);
  // Brief: one short line per case in a CI log (the skip message of a case to review has the whole text).
  if (final?.basis) parts.push(`decided by: ${summariseBasis(final.basis, { brief: true })}`);
  if (final?.harnessNoise && final.harnessNoise.length > 0) parts.push(`harness noise (not a detection): ${summariseHarnessNoise(final.harnessNoise)}`);
  if (view.attempts.length > 1) parts.push(`attempts: ${view.attempts.length}`);
  return parts.join('; ');
}

/** The cells' final attempts' durations, summed in case order. */
function seconds(cells: readonly Cell[]): string {
  let ms = 0;
  for (const cell of cells) for (const view of cell.cases) ms += view.final?.timings.durationMs ?? 0;
  return (ms / 1000).toFixed(3);
}
