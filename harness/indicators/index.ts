export { indicatorEntrySchema, indicatorFileSchema, normaliseCertificate } from './indicator-schema.ts';
export type { IndicatorEntry } from './indicator-schema.ts';
export { loadIndicators } from './load-indicators.ts';
export { identifyApp, indexIndicators } from './identify-app.ts';
export type { AppFingerprint, IndicatorIndex, IndicatorMatch } from './identify-app.ts';
