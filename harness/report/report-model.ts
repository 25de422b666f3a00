import type {
  AttemptResult, CaseStatus, Mode, PlannedCase, ProductIdentity, RoundFile, SampleIdentity,
} from '../results/index.ts';
import type { Interval } from './wilson-interval.ts';

/**
 * What one case, or one matrix cell, shows. Stalkerware rows use the first three; watchware and
 * clean rows use `flagged` (a false positive) and `not-flagged`; any row can be `error` (the
 * harness or the UI flow failed: not counted) or `not-executed`.
 */
export type Outcome =
  | 'detected-alerted'
  | 'detected-silent'
  | 'missed'
  | 'flagged'
  | 'not-flagged'
  | 'error'
  | 'not-executed';

/** A file under the round's evidence/ folder, with its text when the report inlines it. */
export interface EvidenceFile {
  /** Known for text files the report read; undefined for others (not needed). */
  size: number | undefined;
  /** Inlined text (UI dump, notifications, logcat), cut at the report's size limit. */
  inline: { text: string; truncated: boolean } | undefined;
}

/** Relative path (`evidence/…`) → file, for every file that exists. */
export type EvidenceListing = ReadonlyMap<string, EvidenceFile>;

export interface CaseView {
  planned: PlannedCase;
  /** The settling attempt; undefined while the case has none. */
  final: AttemptResult | undefined;
  attempts: AttemptResult[];
  status: CaseStatus;
  outcome: Outcome;
}

export interface Cell {
  /** Stable, data-free id used for anchors: `cell-<n>`. */
  id: string;
  product: ProductIdentity;
  sample: SampleIdentity;
  mode: Mode;
  cases: CaseView[];
  outcome: Outcome;
  /** Completed cases, and among them detected / alerted. */
  completed: number;
  detected: number;
  alerted: number;
  errors: number;
  notExecuted: number;
  /** Completed cases in this cell disagree (e.g. detected on one device profile, missed on another). */
  mixed: boolean;
}

/** k of n, with the rate and its 95 % Wilson interval (undefined when n is 0). */
export interface Rate {
  count: number;
  total: number;
  rate: number | undefined;
  interval: Interval | undefined;
}

export interface ModeFigures {
  /** A mode, or 'all' for every mode together. */
  mode: Mode | 'all';
  detection: Rate;
  alert: Rate;
  /** Alerts that warned before removal or pointed to help, among alerted stalkerware cases (for review). */
  safetyAdvice: Rate;
  /** Flagged watchware and clean apps among completed watchware/clean cases. */
  falsePositives: Rate;
  falsePositivesWatchware: Rate;
  falsePositivesClean: Rate;
  infraErrors: number;
  flowErrors: number;
  notExecuted: number;
}

export interface ProductFigures {
  product: ProductIdentity;
  /** Versions as installed, read from the final attempts (normally exactly one). */
  versionsSeen: string[];
  byMode: ModeFigures[];
  all: ModeFigures;
}

export interface FamilyFigures {
  family: string;
  sampleIds: string[];
  byProduct: Array<{ productId: string; detection: Rate }>;
}

export interface FalsePositive {
  cell: Cell;
  caseView: CaseView;
}

export interface ReportModel {
  round: RoundFile;
  modes: Mode[];
  products: ProductIdentity[];
  /** Stalkerware first, then watchware, then clean; round order within a kind. */
  samples: SampleIdentity[];
  /** Every cell, sample-major then product then mode. */
  cells: Cell[];
  productFigures: ProductFigures[];
  familyFigures: FamilyFigures[];
  falsePositives: FalsePositive[];
  evidence: EvidenceListing;
  /** Attempts read, and facts a reader should know (e.g. a torn last line). */
  notes: string[];
  attemptCount: number;
}
