export {
  ROUND_SCHEMA_VERSION, MODES, SAMPLE_KINDS, roundFileSchema, plannedCaseSchema, productIdentitySchema,
  sampleIdentitySchema, deviceIdentitySchema, detectionCriteriaSchema,
} from './round-schema.ts';
export type {
  Mode, SampleKind, RoundFile, RoundFileInput, PlannedCase, ProductIdentity, SampleIdentity, DeviceIdentity,
  DetectionCriteria,
} from './round-schema.ts';
export {
  CASE_STATUSES, DETECTION_SOURCES, ALERT_KINDS, EVIDENCE_KINDS, IDENTIFICATION_RULES, VERDICT_RULES, attemptResultSchema,
  evidenceItemSchema, verdictBasisSchema, harnessNoiseSchema,
} from './attempt-schema.ts';
export type {
  CaseStatus, DetectionSource, AlertKind, EvidenceKind, AttemptResult, EvidenceItem, IdentificationRule, VerdictRule,
  VerdictBasis, HarnessNoise,
} from './attempt-schema.ts';
export { isSafeEvidencePath } from './evidence-path.ts';
export { ROUND_FILE, readRoundFile, parseRoundFile, writeRoundFile } from './round-file.ts';
export { ATTEMPT_HOSTS_FILE, RESULTS_FILE, readResults } from './read-results.ts';
export type { ReadResults } from './read-results.ts';
export { parseResultsBytes, parseResultsText } from './parse-results.ts';
export type { ParsedResults, TornLine } from './parse-results.ts';
export { openResultStore } from './result-store.ts';
export type { ResultStore } from './result-store.ts';
export { finalOutcomes, groupAttempts } from './final-outcomes.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
