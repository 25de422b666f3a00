import { describeDecidedVerdict, firstRecordedOutcome } from './apply-disputes.ts';
import { escapeMarkdown as md } from './escape-markdown.ts';
import { OUTCOME_LABELS } from './outcome-labels.ts';
import type { ReportModel } from './report-model.ts';

/** report.md's "Disputes" section: every claim and decision, then the retested cases. */
export function renderMarkdownDisputes(model: ReportModel): string[] {
  const out = ['## Disputes', ''];
  if (model.disputes.length === 0) out.push('No vendor disputed a verdict of this round.', '');
  else {
    out.push('Claims from the round\'s disputes.yaml and the lab\'s decisions. An upheld claim replaces the cell\'s verdict (marked †); rejected, retest and pending claims leave it unchanged.', '');
    out.push(row(['Case', 'Claim', 'By', 'Decision', 'Reason', 'Decided by', 'Recorded', 'Shown']), row(['---', '---', '---', '---', '---', '---', '---', '---']));
    for (const { dispute, caseView } of model.disputes) {
      const decision = dispute.verdict === undefined ? dispute.decision : `${dispute.decision}: ${describeDecidedVerdict(dispute.verdict)}`;
      out.push(row([
        md(dispute.case), md(dispute.claim), md(`${dispute.by}, ${dispute.claimedAt}`), md(decision), md(dispute.reason ?? '–'),
        md(dispute.decidedBy === undefined ? '–' : `${dispute.decidedBy}${dispute.decidedAt === undefined ? '' : `, ${dispute.decidedAt}`}`),
        OUTCOME_LABELS[firstRecordedOutcome(caseView)].label, OUTCOME_LABELS[caseView.outcome].label,
      ]));
    }
    out.push('');
  }
  if (model.retested.length > 0) {
    out.push('### Retested cases', '', 'Run again with `stalkerbench run --retest`; every attempt stays in results.jsonl and the newest final attempt decides.', '');
    for (const { caseView } of model.retested) {
      out.push(`- ${md(caseView.planned.caseId)}: ${OUTCOME_LABELS[caseView.retest?.originalOutcome ?? 'not-executed'].label} (attempt ${caseView.retest?.original.attempt ?? '?'}) → ${OUTCOME_LABELS[caseView.outcome].label} (attempt ${caseView.final?.attempt ?? '?'})`);
    }
    out.push('');
  }
  return out;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
