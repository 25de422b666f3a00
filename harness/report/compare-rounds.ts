import type { Mode } from '../results/index.ts';
import { formatVersion } from './compute-figures.ts';
import type { Cell, Outcome, ProductFigures, Rate, ReportModel } from './report-model.ts';

export interface CellChange {
  sampleId: string;
  sample: string;
  mode: Mode;
  before: Outcome;
  after: Outcome;
}

export interface ProductComparison {
  productId: string;
  vendor: string;
  name: string;
  /** In both rounds, only the new one, or only the old one. */
  presence: 'both' | 'added' | 'removed';
  versionBefore: string;
  versionAfter: string;
  versionChanged: boolean;
  detectionBefore: Rate | undefined;
  detectionAfter: Rate | undefined;
  /** Detected before, missed now: what a vendor's CI gate fails on. */
  regressions: CellChange[];
  newDetections: CellChange[];
  alertsLost: CellChange[];
  alertsGained: CellChange[];
  newFalsePositives: CellChange[];
  fixedFalsePositives: CellChange[];
  /**
   * A verdict before, and now a case a person must decide (needs review) or a product error: not
   * a regression (the harness did not decide, or the product did not finish), but a change for a
   * person to look at. `--fail-on-regression` does not fire on these.
   */
  changedNeedsReview: CellChange[];
  /** A side is an error or not executed (or needed review before), so no verdict can be compared. */
  notComparable: CellChange[];
}

export interface RoundComparison {
  before: { id: string; title: string; startedAt: string };
  after: { id: string; title: string; startedAt: string };
  products: ProductComparison[];
  regressionCount: number;
  /** Samples whose file hash differs between the rounds (same id, different file). */
  changedSamples: string[];
  /** Cases whose verdict a lab decided (upheld dispute) or a retest replaced, per round: the comparison uses those verdicts. */
  decided: { before: { upheld: number; retested: number }; after: { upheld: number; retested: number } };
}

function countDecided(model: ReportModel): { upheld: number; retested: number } {
  let upheld = 0;
  let retested = 0;
  for (const cell of model.cells) {
    for (const view of cell.cases) {
      if (view.dispute?.applied === true) upheld += 1;
      if (view.retest !== undefined) retested += 1;
    }
  }
  return { upheld, retested };
}

const DETECTED: ReadonlySet<Outcome> = new Set(['detected-alerted', 'detected-silent']);
const COMPARABLE: ReadonlySet<Outcome> = new Set(['detected-alerted', 'detected-silent', 'missed', 'flagged', 'not-flagged']);
const UNDECIDED: ReadonlySet<Outcome> = new Set(['needs-review', 'product-error']);

/** Per product, what changed between two rounds, cell by cell (product × sample × mode). Pure. */
export function compareRounds(before: ReportModel, after: ReportModel): RoundComparison {
  const beforeCells = indexCells(before.cells);
  const afterCells = indexCells(after.cells);
  const beforeFigures = new Map(before.productFigures.map((figures) => [figures.product.id, figures]));
  const afterFigures = new Map(after.productFigures.map((figures) => [figures.product.id, figures]));
  const ids = [...new Set([...after.products.map((product) => product.id), ...before.products.map((product) => product.id)])];

  const products = ids.map((productId): ProductComparison => {
    const old = beforeFigures.get(productId);
    const now = afterFigures.get(productId);
    const identity = (now ?? old)?.product;
    const comparison: ProductComparison = {
      productId,
      vendor: identity?.vendor ?? '',
      name: identity?.name ?? productId,
      presence: old && now ? 'both' : now ? 'added' : 'removed',
      versionBefore: describeVersion(old),
      versionAfter: describeVersion(now),
      versionChanged: describeVersion(old) !== describeVersion(now),
      detectionBefore: old?.all.detection,
      detectionAfter: now?.all.detection,
      regressions: [], newDetections: [], alertsLost: [], alertsGained: [], newFalsePositives: [], fixedFalsePositives: [], changedNeedsReview: [], notComparable: [],
    };
    if (!old || !now) return comparison;
    for (const cell of after.cells) {
      if (cell.product.id !== productId) continue;
      const previous = beforeCells.get(cellKey(cell));
      if (!previous || previous.cases.length === 0 || cell.cases.length === 0) continue;
      const change: CellChange = { sampleId: cell.sample.id, sample: cell.sample.label, mode: cell.mode, before: previous.outcome, after: cell.outcome };
      if (previous.outcome === cell.outcome) continue;
      if (COMPARABLE.has(previous.outcome) && UNDECIDED.has(cell.outcome)) comparison.changedNeedsReview.push(change);
      else if (!COMPARABLE.has(previous.outcome) || !COMPARABLE.has(cell.outcome)) comparison.notComparable.push(change);
      else if (DETECTED.has(previous.outcome) && cell.outcome === 'missed') comparison.regressions.push(change);
      else if (previous.outcome === 'missed' && DETECTED.has(cell.outcome)) comparison.newDetections.push(change);
      else if (previous.outcome === 'detected-alerted' && cell.outcome === 'detected-silent') comparison.alertsLost.push(change);
      else if (previous.outcome === 'detected-silent' && cell.outcome === 'detected-alerted') comparison.alertsGained.push(change);
      else if (previous.outcome === 'not-flagged' && cell.outcome === 'flagged') comparison.newFalsePositives.push(change);
      else if (previous.outcome === 'flagged' && cell.outcome === 'not-flagged') comparison.fixedFalsePositives.push(change);
    }
    return comparison;
  });

  const beforeSamples = new Map(before.samples.map((sample) => [sample.id, sample.sha256]));
  const changedSamples = after.samples.filter((sample) => beforeSamples.has(sample.id) && beforeSamples.get(sample.id) !== sample.sha256).map((sample) => sample.id);
  return {
    before: { id: before.round.round.id, title: before.round.round.title, startedAt: before.round.startedAt },
    after: { id: after.round.round.id, title: after.round.round.title, startedAt: after.round.startedAt },
    products,
    regressionCount: products.reduce((sum, product) => sum + product.regressions.length, 0),
    changedSamples,
    decided: { before: countDecided(before), after: countDecided(after) },
  };
}

function describeVersion(figures: ProductFigures | undefined): string {
  if (!figures) return '';
  if (figures.versionsSeen.length > 0) return figures.versionsSeen.join(', ');
  return formatVersion(figures.product.versionName, figures.product.versionCode);
}

function indexCells(cells: readonly Cell[]): Map<string, Cell> {
  return new Map(cells.map((cell) => [cellKey(cell), cell]));
}

function cellKey(cell: Cell): string {
  return `${cell.product.id}\u0000${cell.sample.id}\u0000${cell.mode}`;
}
