import { firstRecordedOutcome } from './apply-disputes.ts';
import { formatVersion } from './compute-figures.ts';
import { roundRatio } from './format-figures.ts';
import { OUTCOME_LABELS } from './outcome-labels.ts';
import type { ModeFigures, Rate, ReportModel } from './report-model.ts';
import { CRITERIA_METHOD, IDENTIFICATION_METHOD, OUTCOME_METHOD } from './verdict-words.ts';

export const SUMMARY_SCHEMA_VERSION = 1;

/** summary.json: the report's figures, machine-readable. Deterministic for the same input. */
export function renderSummary(model: ReportModel): string {
  const { round } = model;
  const summary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    round: { id: round.round.id, title: round.round.title, file: round.round.file, sha256: round.round.sha256, startedAt: round.startedAt, finishedAt: round.finishedAt },
    harness: round.harness,
    method: {
      unit: 'case: one sample on one device profile in one repetition',
      counted: 'completed cases only; infra-error, flow-error, product-error, not-executed and completed cases that need review (ambiguous) are reported separately',
      identification: IDENTIFICATION_METHOD.map(({ rule, text }) => ({ rule, text })),
      outcomes: OUTCOME_METHOD,
      criteria: CRITERIA_METHOD,
      resultsWithoutVerdictBasis: model.finalsWithoutBasis,
      decidedVerdicts: 'rates and the matrix use the decided verdicts: an upheld dispute\'s verdict, else the newest final attempt (a retest replaces an earlier one); see disputes and retested',
      interval: 'Wilson score, 95 %',
    },
    totals: {
      plannedCases: round.plan.cases.length,
      attempts: model.attemptCount,
      byStatus: countStatuses(model),
    },
    notes: model.notes,
    products: model.productFigures.map((figures) => ({
      id: figures.product.id,
      vendor: figures.product.vendor,
      name: figures.product.name,
      package: figures.product.package,
      versionInRound: formatVersion(figures.product.versionName, figures.product.versionCode) || null,
      versionsSeen: figures.versionsSeen,
      byMode: Object.fromEntries(figures.byMode.map((mode) => [mode.mode, toJsonFigures(mode)])),
      all: toJsonFigures(figures.all),
    })),
    falsePositives: model.falsePositives.map(({ cell, caseView }) => ({
      productId: cell.product.id, sampleId: cell.sample.id, kind: cell.sample.kind, mode: cell.mode,
      caseId: caseView.planned.caseId, deviceProfile: caseView.planned.deviceProfile,
      threatName: caseView.final?.threatName ?? null, category: caseView.final?.category ?? null,
    })),
    needsReview: model.reviewCases.map(({ cell, caseView, basis }) => ({
      productId: cell.product.id, sampleId: cell.sample.id, kind: cell.sample.kind, mode: cell.mode,
      caseId: caseView.planned.caseId, deviceProfile: caseView.planned.deviceProfile,
      identifiedBy: basis.identifiedBy, matched: basis.matched, text: basis.text, from: basis.from, alsoFits: basis.alsoFits, evidence: basis.evidence,
    })),
    harnessNoise: model.harnessNoise.map(({ product, entries }) => ({
      productId: product.id,
      entries: entries.map(({ packageName, threatName, cases, from }) => ({ packageName, threatName, cases, from })),
    })),
    families: model.familyFigures.map((family) => ({
      family: family.family,
      samples: family.sampleIds,
      byProduct: Object.fromEntries(family.byProduct.map(({ productId, detection }) => [productId, toJsonRate(detection)])),
    })),
    // The lab's decisions on vendors' claims; rates and the matrix above use the decided verdicts.
    disputes: model.disputes.map(({ dispute, caseView }) => ({
      caseId: dispute.case, claim: dispute.claim, by: dispute.by, claimedAt: dispute.claimedAt, decision: dispute.decision,
      reason: dispute.reason ?? null, decidedBy: dispute.decidedBy ?? null, decidedAt: dispute.decidedAt ?? null,
      verdict: dispute.verdict ?? null, disputed: true, applied: caseView.dispute?.applied === true,
      originalVerdict: OUTCOME_LABELS[firstRecordedOutcome(caseView)].word, decidedVerdict: OUTCOME_LABELS[caseView.outcome].word,
    })),
    retested: model.retested.map(({ caseView }) => ({
      caseId: caseView.planned.caseId, originalAttempt: caseView.retest?.original.attempt ?? null, finalAttempt: caseView.final?.attempt ?? null,
      originalVerdict: OUTCOME_LABELS[caseView.retest?.originalOutcome ?? 'not-executed'].word, decidedVerdict: OUTCOME_LABELS[caseView.outcome].word,
    })),
    matrix: model.cells.map((cell) => ({
      sampleId: cell.sample.id, productId: cell.product.id, mode: cell.mode,
      outcome: OUTCOME_LABELS[cell.outcome].word, completed: cell.completed, detected: cell.detected, alerted: cell.alerted,
      needsReview: cell.needsReview, productErrors: cell.productErrors, errors: cell.errors, notExecuted: cell.notExecuted,
    })),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

function countStatuses(model: ReportModel): Record<string, number> {
  const counts: Record<string, number> = { completed: 0, 'infra-error': 0, 'product-error': 0, 'flow-error': 0, 'not-executed': 0 };
  for (const cell of model.cells) for (const view of cell.cases) counts[view.status] = (counts[view.status] ?? 0) + 1;
  return counts;
}

function toJsonFigures(figures: ModeFigures) {
  return {
    detection: toJsonRate(figures.detection),
    alert: toJsonRate(figures.alert),
    safetyAdvice: toJsonRate(figures.safetyAdvice),
    /** Total 0: remediation not tested. */
    remediation: toJsonRate(figures.remediation),
    remediationWarned: toJsonRate(figures.remediationWarned),
    falsePositives: toJsonRate(figures.falsePositives),
    falsePositivesWatchware: toJsonRate(figures.falsePositivesWatchware),
    falsePositivesClean: toJsonRate(figures.falsePositivesClean),
    notCounted: {
      infraErrors: figures.infraErrors, flowErrors: figures.flowErrors, productErrors: figures.productErrors,
      needsReview: figures.needsReview, notExecuted: figures.notExecuted,
    },
  };
}

function toJsonRate(rate: Rate) {
  return {
    count: rate.count,
    total: rate.total,
    rate: roundRatio(rate.rate),
    ci95: rate.interval ? [roundRatio(rate.interval.low), roundRatio(rate.interval.high)] : null,
  };
}
