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
  error: {
    symbol: '⚠', word: 'error', label: 'Error, not counted',
    explanation: 'The device, adb, Appium or the app\'s UI flow failed after retries. Not counted as a miss or a detection.',
  },
  'not-executed': {
    symbol: '–', word: 'not-executed', label: 'Not executed',
    explanation: 'The case was planned but has no result. Not counted.',
  },
};

/** "● detected-alerted", with "(1/2 detected)" when the cell's completed cases disagree. */
export function describeCellWord(cell: Cell): string {
  const { symbol, word } = OUTCOME_LABELS[cell.outcome];
  return cell.mixed ? `${symbol} ${word} (${cell.detected}/${cell.completed} detected)` : `${symbol} ${word}`;
}

/** Reader-facing text of a cell, e.g. "Missed (1 of 2 cases detected)". */
export function describeCellLabel(cell: Cell): string {
  const { label } = OUTCOME_LABELS[cell.outcome];
  return cell.mixed ? `${label} (${cell.detected} of ${cell.completed} cases detected)` : label;
}
