import { z } from 'zod';
import type { RoundFile } from '../results/index.ts';

/**
 * What changed between the plan published before testing (plan.json, `stalkerbench plan`) and the
 * round that was run (round.json): AMTSO's Testing Protocol Standard asks a lab to disclose every
 * such deviation. Only facts both files record are compared; the plan's timeouts, retries and
 * concurrency are not in round.json, so a change there shows as a changed round file (its SHA-256).
 */
export interface PlanDeviation {
  /** What part of the plan: round, products, samples, modes, cases, devices, criteria, dates. */
  topic: string;
  /** One sentence a reader understands without opening either file. */
  text: string;
}

export interface PlanComparison {
  /** Deviations found; empty when the round ran as planned. */
  deviations: PlanDeviation[];
  /** Set when plan.json could not be read as a plan: nothing could be compared. */
  unreadable?: string;
}

const sha = z.string();
/** The parts of plan.json (harness/plan/build-plan.ts, format stalkerbench-plan/1) compared here. */
const publishedPlanSchema = z.object({
  format: z.literal('stalkerbench-plan/1'),
  round: z.object({ id: z.string(), sha256: sha }),
  dates: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
  products: z.array(z.object({ id: z.string(), versionName: z.string().nullable(), versionCode: z.number(), apkSha256: sha })),
  modes: z.array(z.string()),
  samples: z.object({
    total: z.number(),
    byKind: z.object({ clean: z.number() }),
    families: z.array(z.object({ family: z.string(), kind: z.string(), samples: z.number() })),
    hashes: z.array(z.object({ id: z.string(), sha256: sha })).nullable(),
  }),
  cases: z.object({ total: z.number() }),
  criteria: z.object({ detection: z.object({ categories: z.array(z.string()), namePatterns: z.array(z.string()) }) }),
  repetitions: z.number(),
  devices: z.union([
    z.object({ kind: z.literal('emulators'), profiles: z.array(z.object({ name: z.string(), apiLevel: z.number() })), appDelayScale: z.number().optional() }),
    z.object({ kind: z.literal('physical') }),
  ]),
});

type PublishedPlan = z.infer<typeof publishedPlanSchema>;

const list = (values: readonly string[]): string => values.join(', ');
const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, index) => value === b[index]);
const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** Compares plan.json's text with round.json. */
export function comparePlan(planText: string, round: RoundFile): PlanComparison {
  let plan: PublishedPlan;
  try {
    const parsed = publishedPlanSchema.safeParse(JSON.parse(planText));
    if (!parsed.success) return { deviations: [], unreadable: `plan.json is not a stalkerbench plan (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message ?? 'invalid'})` };
    plan = parsed.data;
  } catch (error) {
    return { deviations: [], unreadable: `plan.json is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const deviations: PlanDeviation[] = [];
  const add = (topic: string, text: string): void => { deviations.push({ topic, text }); };

  if (plan.round.id !== round.round.id) add('round', `the plan is for round ${plan.round.id}, the results are of round ${round.round.id}`);
  if (plan.round.sha256 !== round.round.sha256) {
    add('round', `the round file changed after the plan was published (SHA-256 ${plan.round.sha256.slice(0, 12)}… planned, ${round.round.sha256.slice(0, 12)}… run): timeouts, retries or concurrency may differ from the plan`);
  }
  compareProducts(plan, round, add);
  compareSamples(plan, round, add);

  const ranModes = sorted(new Set(round.plan.cases.map((entry) => entry.mode)));
  const plannedModes = sorted(plan.modes.filter((mode) => mode !== 'false-positive'));
  if (!same(plannedModes, ranModes)) add('modes', `modes planned: ${list(plannedModes) || 'none'}; run: ${list(ranModes) || 'none'}`);
  if (plan.cases.total !== round.plan.cases.length) add('cases', `${plan.cases.total} cases planned, ${round.plan.cases.length} in the round`);
  const repetitions = round.plan.cases.reduce((max, entry) => Math.max(max, entry.repetition), 0);
  if (round.plan.cases.length > 0 && repetitions !== plan.repetitions) add('cases', `${plan.repetitions} repetition(s) planned, ${repetitions} run`);

  if (plan.devices.kind === 'emulators') {
    const planned = sorted(plan.devices.profiles.map((profile) => `${profile.name} (API ${profile.apiLevel})`));
    const ran = sorted(round.devices.map((device) => `${device.profile} (API ${device.apiLevel})`));
    if (!same(planned, ran)) add('devices', `device profiles planned: ${list(planned)}; run: ${list(ran) || 'none'}`);
    // Plans written before plans stated the scale have none: then nothing is claimed either way.
    const plannedScale = plan.devices.appDelayScale;
    if (plannedScale !== undefined && plannedScale !== (round.appDelayScale ?? 1)) add('devices', `app delays planned scaled ×${plannedScale}; run ${round.appDelayScale === undefined ? 'at real delays' : `scaled ×${round.appDelayScale}`}`);
  } else if (round.devices.some((device) => device.profile !== 'physical')) {
    add('devices', 'physical phones were planned; the round ran on emulators');
  }

  const criteria = plan.criteria.detection;
  if (!same(criteria.categories, round.detection.categories)) add('criteria', `detection categories planned: ${list(criteria.categories) || 'any'}; applied: ${list(round.detection.categories) || 'any'}`);
  if (!same(criteria.namePatterns, round.detection.namePatterns)) add('criteria', `threat-name patterns planned: ${list(criteria.namePatterns) || 'none'}; applied: ${list(round.detection.namePatterns) || 'none'}`);

  const started = round.startedAt.slice(0, 10);
  if (plan.dates.start !== null && started < plan.dates.start.slice(0, 10)) add('dates', `the round started on ${started}, before the planned start ${plan.dates.start.slice(0, 10)}`);
  const finished = round.finishedAt?.slice(0, 10);
  if (plan.dates.end !== null && finished !== undefined && finished > plan.dates.end.slice(0, 10)) add('dates', `the round finished on ${finished}, after the planned end ${plan.dates.end.slice(0, 10)}`);
  return { deviations };
}

type Add = (topic: string, text: string) => void;

function compareProducts(plan: PublishedPlan, round: RoundFile, add: Add): void {
  const ran = new Map(round.products.map((product) => [product.id, product]));
  const planned = new Map(plan.products.map((product) => [product.id, product]));
  for (const product of plan.products) {
    const actual = ran.get(product.id);
    if (actual === undefined) {
      add('products', `${product.id} was planned and not tested`);
      continue;
    }
    if (actual.apkSha256 !== product.apkSha256) add('products', `${product.id}: another APK was tested than planned (SHA-256 ${product.apkSha256.slice(0, 12)}… planned, ${actual.apkSha256.slice(0, 12)}… tested)`);
    const versionRan = actual.versionName ?? (actual.versionCode === null ? null : String(actual.versionCode));
    const versionPlanned = product.versionName ?? String(product.versionCode);
    if (versionRan !== null && versionRan !== versionPlanned && actual.apkSha256 === product.apkSha256) {
      add('products', `${product.id}: version ${versionPlanned} planned, ${versionRan} installed`);
    }
  }
  for (const product of round.products) if (!planned.has(product.id)) add('products', `${product.id} was tested without being in the plan`);
}

function compareSamples(plan: PublishedPlan, round: RoundFile, add: Add): void {
  if (plan.samples.total !== round.samples.length) add('samples', `${plan.samples.total} samples planned, ${round.samples.length} tested`);
  const familyKey = (kind: string, family: string): string => `${family} (${kind})`;
  // Clean apps have no family in round.json (the plan names them by label): they are compared by count.
  const cleanRan = round.samples.filter((sample) => sample.kind === 'clean').length;
  if (plan.samples.byKind.clean !== cleanRan) add('samples', `${plan.samples.byKind.clean} clean app(s) planned, ${cleanRan} tested`);
  const plannedFamilies = new Map(plan.samples.families.filter((entry) => entry.kind !== 'clean').map((entry) => [familyKey(entry.kind, entry.family), entry.samples]));
  const ranFamilies = new Map<string, number>();
  for (const sample of round.samples) {
    if (sample.kind === 'clean') continue;
    const key = familyKey(sample.kind, sample.family ?? 'no family');
    ranFamilies.set(key, (ranFamilies.get(key) ?? 0) + 1);
  }
  for (const key of sorted(new Set([...plannedFamilies.keys(), ...ranFamilies.keys()]))) {
    const before = plannedFamilies.get(key) ?? 0;
    const after = ranFamilies.get(key) ?? 0;
    if (before !== after) add('samples', `family ${key}: ${before} sample(s) planned, ${after} tested`);
  }
  if (plan.samples.hashes === null) return;
  const ran = new Map(round.samples.map((sample) => [sample.id, sample.sha256]));
  for (const sample of plan.samples.hashes) {
    const actual = ran.get(sample.id);
    if (actual !== undefined && actual !== sample.sha256) add('samples', `${sample.id}: another file was tested than planned (SHA-256 ${sample.sha256.slice(0, 12)}… planned, ${actual.slice(0, 12)}… tested)`);
  }
}

/**
 * What the method section says about the plan, as plain sentences (the renderers escape them): the
 * first line, then one line per deviation. Device-free text, but plan.json is a file anyone could edit.
 */
export function describePlanComparison(planSha256: string | undefined, comparison: PlanComparison | undefined): { summary: string; deviations: string[] } {
  if (planSha256 === undefined) return { summary: 'No plan was published for this round (no plan.json in the round folder): deviations cannot be shown.', deviations: [] };
  if (comparison?.unreadable !== undefined) return { summary: `${comparison.unreadable}: deviations from it were not checked.`, deviations: [] };
  const deviations = (comparison?.deviations ?? []).map((entry) => `${entry.topic}: ${entry.text}`);
  return {
    summary: deviations.length === 0
      ? 'The round ran as planned: no deviation from the published plan in products, APKs, versions, samples, modes, cases, devices, criteria or dates.'
      : `${deviations.length} deviation(s) from the published plan:`,
    deviations,
  };
}
