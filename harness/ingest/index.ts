export { ingestFolder, defaultReportPath } from './ingest-folder.ts';
export type { IngestOptions, IngestOutcome } from './ingest-folder.ts';
export { formatIngestSummary, countByFamily } from './format-summary.ts';
export { DEFAULT_MAX_SAMPLE_BYTES, LARGEST_MAX_SAMPLE_BYTES } from './read-sample-file.ts';
export { classifySample, indexFamilyNames } from './classify-sample.ts';
export { inferSetup } from './infer-setup.ts';
export { loadSampleHashes, parseCsv } from './sample-hashes.ts';
export { mergeCatalogue } from './merge-catalogue.ts';
export { scanFolder } from './scan-folder.ts';
