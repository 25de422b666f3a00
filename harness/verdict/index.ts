export { decideVerdict } from './decide-verdict.ts';
export { HARNESS_APPS, SYSTEM_APPS } from './known-apps.ts';
export type { KnownApp } from './known-apps.ts';
export type {
  DetectionCriteria, DetectionPhase, HarnessNoise, IdentificationRule, ObservedAlert, ScanEntry, Verdict, VerdictBasis, VerdictInput,
  VerdictSample,
} from './types.ts';
