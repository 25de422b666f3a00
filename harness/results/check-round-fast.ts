import { MODES, type PlannedCase, type RoundFile } from './round-schema.ts';
import { hasKeyCount, isRecord, type UnknownRecord } from './plain-record.ts';

/** What the schema's safeParse returns on success, which is all the fast path ever returns. */
export interface FastRoundParse {
  success: true;
  data: RoundFile;
}

/**
 * A faster way through `round.json` when its plan is large. The plan is almost all of the file
 * (one entry per case: 100,000 on a large round) and has no defaults, so its entries are checked
 * here by plain code; the rest of the file still goes through the schema (`parseRest`: the
 * schema's parser, given the file with an empty plan), and the schema's cross-checks on the plan
 * (unique case ids, known product, sample and device) are repeated here. Like
 * check-attempt-fast.ts it only ever accepts: undefined means "not sure", and the caller parses
 * the whole file with the schema, which decides and words every issue.
 */
export function parseRoundFast(
  json: unknown,
  parseRest: (json: unknown) => { success: boolean; data?: RoundFile | undefined },
): FastRoundParse | undefined {
  if (!isRecord(json) || !isRecord(json['plan']) || !hasKeyCount(json['plan'], 1)) return undefined;
  const cases = json['plan']['cases'];
  if (!Array.isArray(cases) || !cases.every(isPlannedCaseFast)) return undefined;
  const rest = parseRest({ ...json, plan: { cases: [] } });
  if (!rest.success || rest.data === undefined) return undefined;
  const products = new Set(rest.data.products.map((product) => product.id));
  const samples = new Set(rest.data.samples.map((sample) => sample.id));
  const devices = new Set(rest.data.devices.map((device) => device.profile));
  const seen = new Set<string>();
  for (const entry of cases) {
    if (seen.has(entry.caseId) || !products.has(entry.productId) || !samples.has(entry.sampleId) || !devices.has(entry.deviceProfile)) return undefined;
    seen.add(entry.caseId);
  }
  return { success: true, data: { ...rest.data, plan: { cases } } };
}


/** plannedCaseSchema: ids are strings of 1 to 200 characters. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 200;
}

function isPlannedCaseFast(value: unknown): value is PlannedCase {
  if (!isRecord(value) || !hasKeyCount(value, 6)) return false;
  const repetition = value['repetition'];
  return isId(value['caseId']) && isId(value['productId']) && isId(value['sampleId']) && isId(value['deviceProfile'])
    && typeof value['mode'] === 'string' && (MODES as readonly string[]).includes(value['mode'])
    && typeof repetition === 'number' && Number.isSafeInteger(repetition) && repetition >= 1;
}
