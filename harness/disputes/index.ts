export { DISPUTE_DECISIONS, DISPUTES_FILE, decidedVerdictSchema, disputeSchema, disputesFileSchema } from './dispute-schema.ts';
export type { DecidedVerdict, Dispute, DisputeDecision, DisputesFile } from './dispute-schema.ts';
export { loadDisputes } from './load-disputes.ts';
export type { LoadDisputesOptions } from './load-disputes.ts';
