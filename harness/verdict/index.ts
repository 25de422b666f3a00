export { decideVerdict, entryPointsAtSample } from './decide-verdict.ts';
export type { DetectionCriteria, DetectionPhase, ObservedAlert, ScanEntry, Verdict, VerdictInput, VerdictSample } from './types.ts';
