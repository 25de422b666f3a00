import { HarnessError } from '../errors/index.ts';
import {
  finalOutcomes, groupAttempts, MODES, SAMPLE_KINDS, type AttemptResult, type RoundFile,
} from '../results/index.ts';
import { classifyCase, classifyCell, isCompleted } from './classify-outcome.ts';
import { computeFamilyFigures, computeProductFigures } from './compute-figures.ts';
import type { CaseView, Cell, EvidenceListing, FalsePositive, ReportModel } from './report-model.ts';

export interface ReportInput {
  round: RoundFile;
  /** Every attempt from results.jsonl, in file order. */
  results: readonly AttemptResult[];
  evidence: EvidenceListing;
  /** Facts about the input the report should state (e.g. a torn last line was ignored). */
  notes?: readonly string[];
}

/** The whole report as data: every renderer is a function of this. Pure. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { round } = input;
  const planned = new Set(round.plan.cases.map((entry) => entry.caseId));
  const unknown = [...new Set(input.results.map((result) => result.caseId).filter((caseId) => !planned.has(caseId)))];
  if (unknown.length > 0) {
    throw new HarnessError('REPORT_INPUT_INVALID', `results.jsonl has results for ${unknown.length} case(s) that round.json does not plan`, {
      details: unknown.slice(0, 10).map((caseId) => `unknown case '${caseId}'`),
      hint: 'round.json and results.jsonl must come from the same round folder',
    });
  }
  const finals = finalOutcomes(input.results);
  const attempts = groupAttempts(input.results);
  const products = round.products;
  const samples = SAMPLE_KINDS.flatMap((kind) => round.samples.filter((sample) => sample.kind === kind));
  const modes = MODES.filter((mode) => round.plan.cases.some((entry) => entry.mode === mode));
  const productById = new Map(products.map((product) => [product.id, product]));
  const sampleById = new Map(samples.map((sample) => [sample.id, sample]));

  const casesByCell = new Map<string, CaseView[]>();
  for (const entry of round.plan.cases) {
    const sample = sampleById.get(entry.sampleId);
    if (!sample || !productById.has(entry.productId)) continue; // the round schema guarantees both
    const final = finals.get(entry.caseId);
    const view: CaseView = {
      planned: entry,
      final,
      attempts: attempts.get(entry.caseId) ?? [],
      status: final?.status ?? 'not-executed',
      outcome: classifyCase(final, sample.kind),
    };
    const key = cellKey(entry.sampleId, entry.productId, entry.mode);
    const list = casesByCell.get(key);
    if (list) list.push(view);
    else casesByCell.set(key, [view]);
  }

  const cells: Cell[] = [];
  for (const sample of samples) {
    for (const product of products) {
      for (const mode of modes) {
        const cases = (casesByCell.get(cellKey(sample.id, product.id, mode)) ?? [])
          .sort(compareCases);
        const outcomes = cases.map((view) => view.outcome);
        const completed = cases.filter((view) => isCompleted(view.outcome));
        cells.push({
          id: `cell-${cells.length + 1}`,
          product,
          sample,
          mode,
          cases,
          outcome: classifyCell(outcomes),
          completed: completed.length,
          detected: completed.filter((view) => view.final?.detected === true).length,
          alerted: completed.filter((view) => view.final?.alerted === true).length,
          errors: outcomes.filter((outcome) => outcome === 'error').length,
          notExecuted: outcomes.filter((outcome) => outcome === 'not-executed').length,
          mixed: new Set(completed.map((view) => view.outcome)).size > 1,
        });
      }
    }
  }

  const falsePositives: FalsePositive[] = cells.flatMap((cell) => cell.cases
    .filter((view) => view.outcome === 'flagged')
    .map((caseView) => ({ cell, caseView })));

  const notes = [...(input.notes ?? [])];
  const open = round.plan.cases.filter((entry) => !finals.has(entry.caseId)).length;
  if (open > 0) notes.push(`${open} of ${round.plan.cases.length} planned cases have no final result${round.finishedAt === null ? ' (the round has not finished)' : ''}; they are shown as not executed and not counted.`);

  return {
    round,
    modes,
    products,
    samples,
    cells,
    productFigures: products.map((product) => computeProductFigures(product, modes, cells)),
    familyFigures: computeFamilyFigures(round, cells),
    falsePositives,
    evidence: input.evidence,
    notes,
    attemptCount: input.results.length,
  };
}

function compareCases(a: CaseView, b: CaseView): number {
  if (a.planned.deviceProfile !== b.planned.deviceProfile) return a.planned.deviceProfile < b.planned.deviceProfile ? -1 : 1;
  return a.planned.repetition - b.planned.repetition;
}

function cellKey(sampleId: string, productId: string, mode: string): string {
  return `${sampleId}\u0000${productId}\u0000${mode}`;
}
