import type { AttemptHostRecord } from './attempt-hosts.ts';
import type { PlanComparison } from './plan-deviations.ts';
import type {
  AttemptResult, CaseStatus, DetectionSource, Mode, PlannedCase, ProductIdentity, RoundFile, SampleIdentity, VerdictBasis,
} from '../results/index.ts';
import type { Dispute } from '../disputes/index.ts';
import type { AppiumLogSegment } from './appium-log-segments.ts';
import type { Interval } from './wilson-interval.ts';

/**
 * What one case, or one matrix cell, shows. Stalkerware rows use the first three; watchware and
 * clean rows use `flagged` (a false positive) and `not-flagged`; any row can be `needs-review`
 * (completed, but the match also fits another app: a person decides, not counted),
 * `product-error` (the product crashed or stopped responding: not counted), `error` (the device,
 * adb, Appium or the UI flow failed: not counted) or `not-executed`.
 */
export type Outcome =
  | 'detected-alerted'
  | 'detected-silent'
  | 'missed'
  | 'flagged'
  | 'not-flagged'
  | 'needs-review'
  | 'product-error'
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
  /** The decided outcome: the final attempt's, or an upheld dispute's verdict (apply-disputes.ts). */
  outcome: Outcome;
  /** The lab's decision on a vendor's claim about this case (disputes.yaml), when there is one. */
  dispute?: CaseDispute | undefined;
  /** The case was run again (`run --retest`): a newer final attempt replaced this earlier one. */
  retest?: CaseRetest | undefined;
}

/** A vendor's claim about one case and the lab's decision, as the report applies it. */
export interface CaseDispute {
  dispute: Dispute;
  /** The outcome the results recorded, before an upheld decision. */
  originalOutcome: Outcome;
  /** True when an upheld decision replaced the recorded verdict (false: listed, cell unchanged). */
  applied: boolean;
}

/** The verdict a retest replaced: the first final attempt of the case, and its outcome. */
export interface CaseRetest {
  original: AttemptResult;
  originalOutcome: Outcome;
}

/** One entry of the report's Disputes section: a claim, its case and what it did. */
export interface DisputeRow {
  dispute: Dispute;
  cell: Cell;
  caseView: CaseView;
}

export interface Cell {
  /** Stable, data-free id used for anchors: `cell-<n>`. */
  id: string;
  product: ProductIdentity;
  sample: SampleIdentity;
  mode: Mode;
  cases: CaseView[];
  outcome: Outcome;
  /** Counted cases (completed, not needing review), and among them detected / alerted. */
  completed: number;
  detected: number;
  alerted: number;
  /** Completed cases whose match also fits another app: a person decides; not counted. */
  needsReview: number;
  /** Cases in which the product crashed or stopped responding; not counted. */
  productErrors: number;
  /** Infra and flow errors; not counted. */
  errors: number;
  notExecuted: number;
  /**
   * The cell's counted cases disagree (e.g. detected on one device profile, missed on another),
   * or the cell shows needs-review beside counted cases.
   */
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
  /**
   * Samples gone after the product's remediation, among counted stalkerware cases whose remediation
   * was tested (round option `remediation`; methodology.md, "Remediation"). Total 0: not tested.
   */
  remediation: Rate;
  /** Of those remediations, the ones where the product warned before Android's removal screens (profile `remediation.warning`). */
  remediationWarned: Rate;
  /** Flagged watchware and clean apps among completed watchware/clean cases. */
  falsePositives: Rate;
  falsePositivesWatchware: Rate;
  falsePositivesClean: Rate;
  infraErrors: number;
  flowErrors: number;
  /** The product crashed or stopped responding (status product-error): not counted. */
  productErrors: number;
  /** Completed, but the match also fits another app (rule ambiguous): a person decides; not counted. */
  needsReview: number;
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

/** A case whose verdict a person must decide (basis rule `ambiguous`). */
export interface ReviewCase {
  cell: Cell;
  caseView: CaseView;
  basis: VerdictBasis;
}

/** One app of the harness the product flagged, with how often (final attempts). */
export interface HarnessNoiseEntry {
  packageName: string;
  threatName: string;
  /** Cases whose final attempt recorded it. */
  cases: number;
  from: DetectionSource[];
}

export interface ProductHarnessNoise {
  product: ProductIdentity;
  /** By package, then threat name. */
  entries: HarnessNoiseEntry[];
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
  /** Every claim of disputes.yaml with its case, in the file's order (empty without one). */
  disputes: DisputeRow[];
  /** Cases run again with `run --retest`, in cell order. */
  retested: Array<{ cell: Cell; caseView: CaseView }>;
  /** Cases a person must decide, in cell order. */
  reviewCases: ReviewCase[];
  /** Per product (round order), the harness's own apps it flagged; products without any are left out. */
  harnessNoise: ProductHarnessNoise[];
  /** Final attempts written before verdict bases were recorded (rule not recorded). */
  finalsWithoutBasis: number;
  evidence: EvidenceListing;
  /** The parts of the round's Appium log (appium-log-segments.ts), oldest first; empty when it has none. */
  appiumLog: readonly AppiumLogSegment[];
  /** Attempts read, and facts a reader should know (e.g. a torn last line). */
  notes: string[];
  attemptCount: number;
  /** The published plan's hash and the publication's seal, when known (html-publication.ts). */
  publication: ReportPublication;
  /** Host of each attempt (attempt-hosts.ts), by case and attempt; empty for a round run on one machine. */
  attemptHosts: ReadonlyMap<string, AttemptHostRecord>;
}

/** What the method section says about the plan and the sealed publication. */
export interface ReportPublication {
  /** SHA-256 of plan.json in the round folder (plan.sha256 beside it), when there is a plan. */
  planSha256?: string | undefined;
  /** How the round that was run deviates from that plan (plan-deviations.ts). */
  planComparison?: PlanComparison | undefined;
  /** Set while `stalkerbench publish` renders the report it seals. */
  seal?: { recordSha256: string; keyFingerprint: string } | undefined;
}
