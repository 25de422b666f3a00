import type { Cell, Outcome } from './report-model.ts';

export interface OutcomeLabel {
  /** One character for Markdown, CSV and the legend. */
  symbol: string;
  /** Machine-friendly word for CSV and JSON. */
  word: string;
  /** What a reader sees next to the symbol. */
  label: string;
  /** One sentence for the legend. */
  explanation: string;
}

export const OUTCOME_LABELS: Readonly<Record<Outcome, OutcomeLabel>> = {
  'detected-alerted': {
    symbol: '●', word: 'detected-alerted', label: 'Detected and alerted',
    explanation: 'The product identified the stalkerware and showed the person a warning (notification or dialog).',
  },
  'detected-silent': {
    symbol: '◐', word: 'detected-no-alert', label: 'Detected, no alert',
    explanation: 'The product listed the stalkerware in its results but raised no warning on its own.',
  },
  missed: {
    symbol: '○', word: 'missed', label: 'Missed',
    explanation: 'The case ran to the end and the product did not identify the stalkerware.',
  },
  flagged: {
    symbol: '✕', word: 'false-positive', label: 'Flagged (false positive)',
    explanation: 'A visible-monitoring or legitimate app was reported as a threat.',
  },
  'not-flagged': {
    symbol: '✓', word: 'not-flagged', label: 'Not flagged (correct)',
    explanation: 'A visible-monitoring or legitimate app was left alone, as it should be.',
  },
  'needs-review': {
    symbol: '◇', word: 'needs-review', label: 'Needs review, not counted',
    explanation: 'The case completed, but what matched (a label or name) also fits another app on the device: a person must decide. Not counted until then.',
  },
  'product-error': {
    symbol: '⊘', word: 'product-error', label: 'Product error, not counted',
    explanation: 'The product crashed or stopped responding during the case, after retries. Not counted as a miss or a detection.',
  },
  error: {
    symbol: '⚠', word: 'error', label: 'Error, not counted',
    explanation: 'The device, adb, Appium or the app\'s UI flow failed after retries. Not counted as a miss or a detection.',
  },
  'not-executed': {
    symbol: '–', word: 'not-executed', label: 'Not executed',
    explanation: 'The case was planned but has no result. Not counted.',
  },
};

/** Every outcome in the order legends list them. */
export const LEGEND_ORDER: readonly Outcome[] = [
  'detected-alerted', 'detected-silent', 'missed', 'flagged', 'not-flagged', 'needs-review', 'product-error', 'error', 'not-executed',
];

/**
 * "● detected-alerted", with "(1/2 detected)" when the cell's completed cases disagree, and how
 * many need review when the cell shows another outcome.
 */
export function describeCellWord(cell: Cell): string {
  const { symbol, word } = OUTCOME_LABELS[cell.outcome];
  const parts: string[] = [];
  if (cell.mixed) parts.push(`${cell.detected}/${cell.completed} detected`);
  if (cell.needsReview > 0 && cell.outcome !== 'needs-review') parts.push(`${cell.needsReview} needs review`);
  parts.push(...describeDecisions(cell));
  return parts.length > 0 ? `${symbol} ${word} (${parts.join('; ')})` : `${symbol} ${word}`;
}

/** "decided on a dispute", "retested": a cell whose verdict is not (only) the first recorded one says so. */
export function describeDecisions(cell: Cell): string[] {
  const upheld = cell.cases.filter((view) => view.dispute?.applied === true).length;
  const retested = cell.cases.filter((view) => view.retest !== undefined).length;
  return [
    ...(upheld > 0 ? [`${upheld === cell.cases.length ? '' : `${upheld} `}decided on a dispute`] : []),
    ...(retested > 0 ? [`${retested === cell.cases.length ? '' : `${retested} `}retested`] : []),
  ];
}

/** Reader-facing text of a cell, e.g. "Missed (1 of 2 cases detected)". */
export function describeCellLabel(cell: Cell): string {
  const { label } = OUTCOME_LABELS[cell.outcome];
  const parts: string[] = [];
  if (cell.mixed) parts.push(`${cell.detected} of ${cell.completed} ${cell.needsReview > 0 ? 'counted ' : ''}cases detected`);
  if (cell.needsReview > 0 && cell.outcome !== 'needs-review') parts.push(`${cell.needsReview} ${cell.needsReview === 1 ? 'case needs' : 'cases need'} review`);
  parts.push(...describeDecisions(cell));
  return parts.length > 0 ? `${label} (${parts.join('; ')})` : label;
}
