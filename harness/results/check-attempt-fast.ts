import {
  ALERT_KINDS, CASE_STATUSES, DETECTION_SOURCES, EVIDENCE_KINDS, IDENTIFICATION_RULES, ISO_TIME_PATTERN, VERDICT_RULES,
  type AttemptResult,
} from './attempt-schema.ts';
import { isSafeEvidencePath } from './evidence-path.ts';
import { hasKeyCount, isRecord, type UnknownRecord } from './plain-record.ts';

/**
 * A fast pre-check for one parsed line of results.jsonl. Running the zod schema on every line
 * of a 100,000-line file costs about a second; this plain check costs a few percent of that.
 * It only ever *accepts*: true means `attemptResultSchema` accepts `value` and would return an
 * equal object (the schema transforms nothing), so the parsed JSON can be used as it is. False
 * means "not sure": the caller then runs the schema, which decides and words the error. So a gap
 * here can only cost speed, never let a bad line through; `check-attempt-fast.test.ts` checks
 * that every value accepted here is accepted by the schema too.
 */
export function isAttemptAcceptedFast(value: unknown): value is AttemptResult {
  // 17 keys, and the optional `error`, `basis` and `harnessNoise` when present: checked below.
  if (!isRecord(value)) return false;
  const optionalKeys = Number('error' in value) + Number('basis' in value) + Number('harnessNoise' in value);
  if (!hasKeyCount(value, 17 + optionalKeys)) return false;
  const detectedBy = value['detectedBy'];
  const alertKinds = value['alertKinds'];
  const detected = value['detected'];
  const alerted = value['alerted'];
  const status = value['status'];
  const error = value['error'];
  if (!isNonEmptyString(value['caseId']) || !isSafeInt(value['attempt']) || value['attempt'] < 1) return false;
  if (typeof value['final'] !== 'boolean' || typeof detected !== 'boolean' || typeof alerted !== 'boolean') return false;
  if (!isOneOf(status, CASE_STATUSES)) return false;
  if (!isArrayOf(detectedBy, DETECTION_SOURCES) || !isArrayOf(alertKinds, ALERT_KINDS)) return false;
  if (!isStringOrNull(value['threatName']) || !isStringOrNull(value['category']) || !isStringOrNull(value['alertText'])) return false;
  const timeToAlert = value['timeToAlertMs'];
  if (timeToAlert !== null && !isNonNegativeNumber(timeToAlert)) return false;
  const advice = value['safetyAdvice'];
  if (advice !== null && typeof advice !== 'boolean') return false;
  if ('error' in value && !isError(error)) return false;
  const basis = value['basis'];
  if ('basis' in value && !isBasis(basis)) return false;
  if ('harnessNoise' in value && !isNoiseList(value['harnessNoise'])) return false;
  if (isRecord(basis) && basis['rule'] === 'ambiguous' && detected) return false;
  if (isRecord(basis) && basis['rule'] === 'identified' && !detected) return false;
  if (value['device'] !== null && !isDevice(value['device'])) return false;
  if (!isProduct(value['product']) || !isTimings(value['timings']) || !isEvidenceList(value['evidence'])) return false;
  // The schema's cross-field rules (superRefine in attempt-schema.ts).
  if (alerted && !detected) return false;
  if (detected !== detectedBy.length > 0 || alerted !== alertKinds.length > 0) return false;
  return status === 'completed' || status === 'not-executed' || error !== undefined;
}


function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

function isArrayOf<T extends string>(value: unknown, options: readonly T[]): value is T[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isOneOf(item, options)) return false;
  return true;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function isSafeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isNonNegativeNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isIsoTime(value: unknown): boolean {
  return typeof value === 'string' && ISO_TIME_PATTERN !== undefined && ISO_TIME_PATTERN.test(value);
}

function isError(value: unknown): boolean {
  return isRecord(value) && hasKeyCount(value, 2) && isNonEmptyString(value['code']) && typeof value['message'] === 'string';
}

function isBasis(value: unknown): boolean {
  if (!isRecord(value) || !hasKeyCount(value, 7) || !isOneOf(value['rule'], VERDICT_RULES)) return false;
  if (value['identifiedBy'] !== null && !isOneOf(value['identifiedBy'], IDENTIFICATION_RULES)) return false;
  if (!isStringOrNull(value['matched']) || !isStringOrNull(value['text'])) return false;
  if (value['from'] !== null && !isOneOf(value['from'], DETECTION_SOURCES)) return false;
  const evidence = value['evidence'];
  if (evidence !== null && !(typeof evidence === 'string' && isSafeEvidencePath(evidence))) return false;
  const alsoFits = value['alsoFits'];
  if (!Array.isArray(alsoFits)) return false;
  // for…of, not every(): a hole (never in JSON, but in a test's mutation) must count as not a string.
  for (const item of alsoFits) if (typeof item !== 'string') return false;
  return true;
}

function isNoiseList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (!isRecord(item) || !hasKeyCount(item, 3) || !isNonEmptyString(item['packageName'])) return false;
    if (typeof item['threatName'] !== 'string' || !isOneOf(item['from'], DETECTION_SOURCES)) return false;
  }
  return true;
}

function isDevice(value: unknown): boolean {
  return isRecord(value) && hasKeyCount(value, 2) && typeof value['serial'] === 'string' && typeof value['profile'] === 'string';
}

function isProduct(value: unknown): boolean {
  if (!isRecord(value) || !hasKeyCount(value, 2) || !isStringOrNull(value['versionName'])) return false;
  return value['versionCode'] === null || isSafeInt(value['versionCode']);
}

function isTimings(value: unknown): boolean {
  if (!isRecord(value) || !hasKeyCount(value, 4)) return false;
  if (!isIsoTime(value['startedAt']) || !isIsoTime(value['endedAt']) || !isNonNegativeNumber(value['durationMs'])) return false;
  const steps = value['steps'];
  if (!Array.isArray(steps)) return false;
  for (const step of steps) {
    if (!isRecord(step) || !hasKeyCount(step, 2) || typeof step['name'] !== 'string' || !isNonNegativeNumber(step['ms'])) return false;
  }
  return true;
}

function isEvidenceList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (!isRecord(item) || !hasKeyCount(item, 3) || !isOneOf(item['kind'], EVIDENCE_KINDS)) return false;
    if (!isNonEmptyString(item['step']) || typeof item['path'] !== 'string' || !isSafeEvidencePath(item['path'])) return false;
  }
  return true;
}
