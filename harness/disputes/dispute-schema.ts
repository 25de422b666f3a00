import { z } from 'zod';

/** What the lab decided about a vendor's claim (methodology.md, "Vendor review and disputes"). */
export const DISPUTE_DECISIONS = ['upheld', 'rejected', 'retest', 'pending'] as const;
export type DisputeDecision = (typeof DISPUTE_DECISIONS)[number];

/** The file a round folder holds its disputes in, beside round.json and results.jsonl. */
export const DISPUTES_FILE = 'disputes.yaml';

// YAML 1.2 reads an unquoted 2025-03-01 as a string: a day or a full time with its offset.
const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected a date (2025-03-01) or a time with its offset (2025-03-01T10:00:00Z)',
});

/**
 * The cell a lab decides on upholding a claim: only what a cell shows. For a stalkerware sample
 * `detected` is a detection and `alerted` an alert; for a watchware or clean app `detected` is a
 * false positive. An alert names the threat, so `alerted` needs `detected` (as in results.jsonl).
 */
export const decidedVerdictSchema = z.object({
  detected: z.boolean(),
  alerted: z.boolean(),
}).strict().refine((verdict) => !verdict.alerted || verdict.detected, {
  message: 'an alert identifies the threat, so alerted: true needs detected: true',
  path: ['alerted'],
});
export type DecidedVerdict = z.infer<typeof decidedVerdictSchema>;

export const disputeSchema = z.object({
  /** The case id as in results.jsonl and round.json, e.g. `sentinel.mspy.on-demand.pixel-api33.r1`. */
  case: z.string().min(1),
  /** The vendor's claim, in its words. */
  claim: z.string().min(1),
  /** Who claims it (the vendor). */
  by: z.string().min(1),
  claimedAt: dateOrTime,
  decision: z.enum(DISPUTE_DECISIONS, { error: (issue) => (issue.input === undefined ? `required field is missing: one of ${DISPUTE_DECISIONS.join(', ')}` : undefined) }),
  /** Why the lab decided so; required once decided. */
  reason: z.string().min(1).optional(),
  decidedBy: z.string().min(1).optional(),
  decidedAt: dateOrTime.optional(),
  /** The decided cell; required for `upheld`, refused otherwise (a rejected claim changes nothing). */
  verdict: decidedVerdictSchema.optional(),
}).strict().superRefine(checkDecision, { when: () => true });
// `when`: these checks run even when another field of the entry is wrong, so that every problem is
// reported at once; the entry may then be malformed, hence the defensive reads in checkDecision.

/** A decided claim says why, who and when; an upheld one says the verdict, and only it may. */
function checkDecision(entry: unknown, context: z.RefinementCtx): void {
  if (typeof entry !== 'object' || entry === null) return;
  const fields = entry as Record<string, unknown>;
  const decision = fields['decision'];
  if (typeof decision !== 'string' || !(DISPUTE_DECISIONS as readonly string[]).includes(decision) || decision === 'pending') return;
  const says = { reason: 'why', decidedBy: 'who decided', decidedAt: 'when it was decided' } as const;
  for (const [field, what] of Object.entries(says)) {
    if (fields[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: `required field is missing: a ${decision} claim says ${what}` });
  }
  if (decision === 'upheld' && fields['verdict'] === undefined) {
    context.addIssue({ code: 'custom', path: ['verdict'], message: 'an upheld claim needs the decided verdict, e.g. verdict: { detected: true, alerted: false }' });
  }
  if (decision !== 'upheld' && fields['verdict'] !== undefined) {
    context.addIssue({ code: 'custom', path: ['verdict'], message: `only an upheld claim changes the verdict; remove verdict from this ${decision} claim` });
  }
}
export type Dispute = z.infer<typeof disputeSchema>;

/** disputes.yaml: `disputes:` and a list, one entry per disputed case. */
export const disputesFileSchema = z.object({
  disputes: z.array(disputeSchema),
}).strict();
export type DisputesFile = z.infer<typeof disputesFileSchema>;
