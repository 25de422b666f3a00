import type { AttemptHostRecord } from './attempt-hosts.ts';
import type { Dispute } from '../disputes/index.ts';
import { HarnessError } from '../errors/index.ts';
import { MODES, SAMPLE_KINDS, type AttemptResult, type PlannedCase, type RoundFile } from '../results/index.ts';
import type { AppiumLogSegment } from './appium-log-segments.ts';
import { applyDispute, decidedVerdictOf } from './apply-disputes.ts';
import { classifyCase, classifyCell, isCounted } from './classify-outcome.ts';
import { collectHarnessNoise } from './collect-harness-noise.ts';
import { computeFamilyFigures, computeProductFigures } from './compute-figures.ts';
import type { CaseView, Cell, DisputeRow, EvidenceListing, FalsePositive, Outcome, ReportModel, ReportPublication, ReviewCase } from './report-model.ts';

export interface ReportInput {
  round: RoundFile;
  /** Every attempt from results.jsonl, in file order. */
  results: readonly AttemptResult[];
  evidence: EvidenceListing;
  /** The parts of the round's Appium log, oldest first. @default [] */
  appiumLog?: readonly AppiumLogSegment[];
  /** Facts about the input the report should state (e.g. a torn last line was ignored). */
  notes?: readonly string[];
  /** The plan's hash and the publication's seal (report-round-folder.ts). @default {} */
  publication?: ReportPublication;
  /** The round's disputes.yaml, checked against the plan (harness/disputes). @default [] */
  disputes?: readonly Dispute[];
  /** Host of each attempt, by attemptKeyOf(case, attempt), when the round ran across machines. @default empty */
  attemptHosts?: ReadonlyMap<string, AttemptHostRecord>;
}

/** The whole report as data: every renderer is a function of this. Pure. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { round } = input;
  const { finals, firstFinals, attempts } = indexAttempts(round.plan.cases, input.results);
  const disputeByCase = new Map((input.disputes ?? []).map((dispute) => [dispute.case, dispute]));
  const notes = [...(input.notes ?? [])];
  const products = round.products;
  const samples = SAMPLE_KINDS.flatMap((kind) => round.samples.filter((sample) => sample.kind === kind));
  const modes = MODES.filter((mode) => round.plan.cases.some((entry) => entry.mode === mode));
  // Cells are sample-major, then product, then mode: a case's cell is found by index arithmetic
  // instead of a string key per case (100,000 cases on a large round).
  const sampleIndex = new Map(samples.map((sample, index) => [sample.id, index]));
  const productIndex = new Map(products.map((product, index) => [product.id, index]));
  const modeIndex = new Map(modes.map((mode, index) => [mode, index]));
  const casesByCell: CaseView[][] = Array.from({ length: samples.length * products.length * modes.length }, () => []);
  for (let index = 0; index < round.plan.cases.length; index += 1) {
    const entry = round.plan.cases[index];
    if (entry === undefined) continue;
    const s = sampleIndex.get(entry.sampleId);
    const p = productIndex.get(entry.productId);
    const m = modeIndex.get(entry.mode);
    if (s === undefined || p === undefined || m === undefined) continue; // the round schema guarantees all three
    const final = finals[index];
    const kind = samples[s]?.kind ?? 'stalkerware';
    const view: CaseView = { planned: entry, final, attempts: attempts[index] ?? [], status: final?.status ?? 'not-executed', outcome: classifyCase(final, kind) };
    // A retest appends a newer final attempt; the first one is kept and shown as what it replaced.
    const firstFinal = firstFinals[index];
    if (firstFinal !== undefined && firstFinal !== final) view.retest = { original: firstFinal, originalOutcome: classifyCase(firstFinal, kind) };
    const dispute = disputeByCase.get(entry.caseId);
    if (dispute !== undefined) {
      const applied = applyDispute(dispute, final, kind);
      view.dispute = applied.caseDispute;
      view.outcome = applied.outcome;
      if (dispute.decision === 'upheld' && !applied.caseDispute.applied) notes.push(`The upheld claim on case ${entry.caseId} is not applied: the case has no final result to decide.`);
    }
    casesByCell[(s * products.length + p) * modes.length + m]?.push(view);
  }

  const cells: Cell[] = [];
  for (const sample of samples) {
    for (const product of products) {
      for (const mode of modes) {
        const cases = (casesByCell[cells.length] ?? []).sort(compareCases);
        cells.push({ id: `cell-${cells.length + 1}`, product, sample, mode, cases, ...countCell(cases) });
      }
    }
  }

  const falsePositives: FalsePositive[] = [];
  const reviewCases: ReviewCase[] = [];
  const disputeRows = new Map<string, DisputeRow>();
  const retested: ReportModel['retested'] = [];
  for (const cell of cells) {
    for (const caseView of cell.cases) {
      if (caseView.dispute !== undefined) disputeRows.set(caseView.planned.caseId, { dispute: caseView.dispute.dispute, cell, caseView });
      if (caseView.retest !== undefined) retested.push({ cell, caseView });
      if (caseView.outcome === 'flagged') falsePositives.push({ cell, caseView });
      else if (caseView.outcome === 'needs-review' && caseView.final?.basis) reviewCases.push({ cell, caseView, basis: caseView.final.basis });
    }
  }

  let open = 0;
  let finalsWithoutBasis = 0;
  for (let index = 0; index < round.plan.cases.length; index += 1) {
    const final = finals[index];
    if (final === undefined) open += 1;
    else if (final.basis === undefined) finalsWithoutBasis += 1;
  }
  if (open > 0) notes.push(`${open} of ${round.plan.cases.length} planned cases have no final result${round.finishedAt === null ? ' (the round has not finished)' : ''}; they are shown as not executed and not counted.`);

  return {
    round,
    modes,
    products,
    samples,
    cells,
    productFigures: computeProductFigures(products, modes, cells),
    familyFigures: computeFamilyFigures(round, cells),
    falsePositives,
    reviewCases,
    // In the file's order, as the lab wrote them.
    disputes: (input.disputes ?? []).flatMap((dispute) => disputeRows.get(dispute.case) ?? []),
    retested,
    harnessNoise: collectHarnessNoise(products, cells),
    finalsWithoutBasis,
    evidence: input.evidence,
    appiumLog: input.appiumLog ?? [],
    notes,
    attemptCount: input.results.length,
    publication: input.publication ?? {},
    attemptHosts: input.attemptHosts ?? new Map(),
  };
}

/**
 * Each planned case's final attempt and every attempt, by the case's index in the plan: one
 * map lookup per result, which also finds results for cases the round never planned. The rules
 * are those of finalOutcomes and groupAttempts (harness/results/final-outcomes.ts): the last
 * line marked final wins; attempts in attempt order, ties in file order.
 */
function indexAttempts(cases: readonly PlannedCase[], results: readonly AttemptResult[]): {
  finals: Array<AttemptResult | undefined>;
  /** The first final attempt in file order: the one a retest replaced, when there are several. */
  firstFinals: Array<AttemptResult | undefined>;
  attempts: Array<AttemptResult[] | undefined>;
} {
  const indexOf = new Map<string, number>();
  cases.forEach((entry, index) => indexOf.set(entry.caseId, index));
  const finals: Array<AttemptResult | undefined> = new Array<AttemptResult | undefined>(cases.length).fill(undefined);
  const firstFinals: Array<AttemptResult | undefined> = new Array<AttemptResult | undefined>(cases.length).fill(undefined);
  const attempts: Array<AttemptResult[] | undefined> = new Array<AttemptResult[] | undefined>(cases.length).fill(undefined);
  const unknown = new Set<string>();
  for (const result of results) {
    const index = indexOf.get(result.caseId);
    if (index === undefined) {
      unknown.add(result.caseId);
      continue;
    }
    if (result.final) {
      finals[index] = result;
      firstFinals[index] ??= result;
    }
    const list = attempts[index];
    if (list) list.push(result);
    else attempts[index] = [result];
  }
  if (unknown.size > 0) {
    throw new HarnessError('REPORT_INPUT_INVALID', `results.jsonl has results for ${unknown.size} case(s) that round.json does not plan`, {
      details: [...unknown].slice(0, 10).map((caseId) => `unknown case '${caseId}'`),
      hint: 'round.json and results.jsonl must come from the same round folder',
    });
  }
  for (const list of attempts) if (list !== undefined && list.length > 1) list.sort((a, b) => a.attempt - b.attempt);
  return { finals, firstFinals, attempts };
}

type CellCounts = Pick<Cell, 'outcome' | 'completed' | 'detected' | 'alerted' | 'needsReview' | 'productErrors' | 'errors' | 'notExecuted' | 'mixed'>;

/** A cell's outcome and counts, in one pass over its cases. */
function countCell(cases: readonly CaseView[]): CellCounts {
  const outcomes: Outcome[] = [];
  let completed = 0;
  let detected = 0;
  let alerted = 0;
  let needsReview = 0;
  let productErrors = 0;
  let errors = 0;
  let notExecuted = 0;
  let firstCompleted: Outcome | undefined;
  let mixed = false;
  for (const view of cases) {
    outcomes.push(view.outcome);
    if (view.outcome === 'error') errors += 1;
    else if (view.outcome === 'product-error') productErrors += 1;
    else if (view.outcome === 'needs-review') needsReview += 1;
    else if (view.outcome === 'not-executed') notExecuted += 1;
    if (!isCounted(view.outcome)) continue;
    completed += 1;
    // Upheld disputes count as decided (apply-disputes.ts).
    const verdict = decidedVerdictOf(view);
    if (verdict.detected) detected += 1;
    if (verdict.alerted) alerted += 1;
    if (firstCompleted === undefined) firstCompleted = view.outcome;
    else if (view.outcome !== firstCompleted) mixed = true;
  }
  const outcome = classifyCell(outcomes);
  // A cell shown as needing review beside counted cases gives their fraction too.
  if (outcome === 'needs-review' && completed > 0) mixed = true;
  return { outcome, completed, detected, alerted, needsReview, productErrors, errors, notExecuted, mixed };
}

function compareCases(a: CaseView, b: CaseView): number {
  if (a.planned.deviceProfile !== b.planned.deviceProfile) return a.planned.deviceProfile < b.planned.deviceProfile ? -1 : 1;
  return a.planned.repetition - b.planned.repetition;
}
