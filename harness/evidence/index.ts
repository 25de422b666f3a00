export { EvidenceRecorder, toPathSegment } from './evidence-recorder.ts';
export type { ScreenSource } from './evidence-recorder.ts';
