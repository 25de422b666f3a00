import type { Mode, ProductIdentity, RoundFile } from '../results/index.ts';
import { decidedVerdictOf } from './apply-disputes.ts';
import { isCounted } from './classify-outcome.ts';
import type { Cell, FamilyFigures, ModeFigures, ProductFigures, Rate } from './report-model.ts';
import { computeWilsonInterval } from './wilson-interval.ts';

export function makeRate(count: number, total: number): Rate {
  return { count, total, rate: total === 0 ? undefined : count / total, interval: computeWilsonInterval(count, total) };
}

/**
 * Figures over cases (one case = one sample on one device profile in one repetition). Only
 * completed cases count: an infra-error, flow-error, product-error or unexecuted case is never a
 * miss and never a detection, nor is a completed case a person must decide (needs review); those
 * are counted separately so a reader sees how much is missing.
 */
export function computeModeFigures(mode: Mode | 'all', cells: readonly Cell[]): ModeFigures {
  let completed = 0;
  let detected = 0;
  let alerted = 0;
  let advised = 0;
  let remediationTested = 0;
  let remediated = 0;
  let warningTested = 0;
  let warned = 0;
  let fpWatchwareTotal = 0;
  let fpWatchware = 0;
  let fpCleanTotal = 0;
  let fpClean = 0;
  let infraErrors = 0;
  let flowErrors = 0;
  let productErrors = 0;
  let needsReview = 0;
  let notExecuted = 0;
  for (const cell of cells) {
    const kind = cell.sample.kind;
    for (const view of cell.cases) {
      // A case an upheld dispute decided is counted by its decided verdict, not as the error it recorded.
      if (view.dispute?.applied === true) { /* counted below */ } else if (view.status === 'infra-error') infraErrors += 1;
      else if (view.status === 'flow-error') flowErrors += 1;
      else if (view.status === 'product-error') productErrors += 1;
      if (view.outcome === 'not-executed') notExecuted += 1;
      else if (view.outcome === 'needs-review') needsReview += 1;
      if (!isCounted(view.outcome) || view.final === undefined) continue;
      // The decided verdict: an upheld dispute's, else the final attempt's (apply-disputes.ts).
      const verdict = decidedVerdictOf(view);
      if (kind === 'stalkerware') {
        completed += 1;
        if (verdict.detected) detected += 1;
        if (verdict.alerted) alerted += 1;
        if (verdict.alerted && verdict.safetyAdvice === true) advised += 1;
        // Remediation is recorded beside the verdict, on the final attempt; absent = not tested.
        const remediation = view.final.remediation;
        if (remediation !== undefined) {
          remediationTested += 1;
          if (remediation.remediated) remediated += 1;
          if (remediation.warned !== null) { warningTested += 1; if (remediation.warned) warned += 1; }
        }
      } else if (kind === 'watchware') {
        fpWatchwareTotal += 1;
        if (verdict.detected) fpWatchware += 1;
      } else {
        fpCleanTotal += 1;
        if (verdict.detected) fpClean += 1;
      }
    }
  }
  return {
    mode,
    detection: makeRate(detected, completed),
    alert: makeRate(alerted, completed),
    safetyAdvice: makeRate(advised, alerted),
    remediation: makeRate(remediated, remediationTested),
    remediationWarned: makeRate(warned, warningTested),
    falsePositives: makeRate(fpWatchware + fpClean, fpWatchwareTotal + fpCleanTotal),
    falsePositivesWatchware: makeRate(fpWatchware, fpWatchwareTotal),
    falsePositivesClean: makeRate(fpClean, fpCleanTotal),
    infraErrors,
    flowErrors,
    productErrors,
    needsReview,
    notExecuted,
  };
}

/** Each product's figures; `cells` are grouped by product once rather than filtered per product. */
export function computeProductFigures(products: readonly ProductIdentity[], modes: readonly Mode[], cells: readonly Cell[]): ProductFigures[] {
  const byProduct = groupCells(cells, (cell) => cell.product.id);
  return products.map((product) => {
    const own = byProduct.get(product.id) ?? [];
    const versions = new Set<string>();
    for (const cell of own) {
      for (const view of cell.cases) {
        const installed = view.final?.product;
        if (installed && (installed.versionName !== null || installed.versionCode !== null)) {
          versions.add(formatVersion(installed.versionName, installed.versionCode));
        }
      }
    }
    return {
      product,
      versionsSeen: [...versions].sort(),
      byMode: modes.map((mode) => computeModeFigures(mode, own.filter((cell) => cell.mode === mode))),
      all: computeModeFigures('all', own),
    };
  });
}

/** Detection per stalkerware family and product, all modes together. */
export function computeFamilyFigures(round: RoundFile, cells: readonly Cell[]): FamilyFigures[] {
  const families = new Map<string, string[]>();
  const familyOf = new Map<string, string>();
  for (const sample of round.samples) {
    if (sample.kind !== 'stalkerware') continue;
    const family = sample.family ?? 'Unattributed';
    families.set(family, [...(families.get(family) ?? []), sample.id]);
    familyOf.set(sample.id, family);
  }
  // One pass over the cells, bucketed by family and product.
  const buckets = groupCells(cells, (cell) => {
    const family = familyOf.get(cell.sample.id);
    return family === undefined ? undefined : `${family}\u0000${cell.product.id}`;
  });
  return [...families.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([family, sampleIds]) => ({
      family,
      sampleIds,
      byProduct: round.products.map((product) => ({
        productId: product.id,
        detection: computeModeFigures('all', buckets.get(`${family}\u0000${product.id}`) ?? []).detection,
      })),
    }));
}

/** Cells by key, in their order; cells whose key is undefined are left out. */
function groupCells(cells: readonly Cell[], keyOf: (cell: Cell) => string | undefined): Map<string, Cell[]> {
  const groups = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = keyOf(cell);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(cell);
    else groups.set(key, [cell]);
  }
  return groups;
}

/** "5.2.1 (521)", "5.2.1", or "(521)". */
export function formatVersion(versionName: string | null, versionCode: number | null): string {
  if (versionName !== null && versionCode !== null) return `${versionName} (${versionCode})`;
  if (versionName !== null) return versionName;
  return versionCode === null ? '' : `(${versionCode})`;
}
