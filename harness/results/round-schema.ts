import { z } from 'zod';

/**
 * `round.json`: what a round planned and on what it ran. The round runner writes it at the start
 * of a round (plan, identities, environment) and again when it learns installed product versions
 * and the finish time. Reports read it together with `results.jsonl`.
 */
export const ROUND_SCHEMA_VERSION = 1;

export const MODES = ['on-demand', 'real-time'] as const;
export type Mode = (typeof MODES)[number];

export const SAMPLE_KINDS = ['stalkerware', 'watchware', 'clean'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256');
const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(200);

export const plannedCaseSchema = z.object({
  caseId: id,
  productId: id,
  sampleId: id,
  mode: z.enum(MODES),
  /** 1-based repetition of the same product × sample × mode × device profile. */
  repetition: z.int().min(1),
  deviceProfile: id,
}).strict();

/** One APK of a split set as installed (`adb install-multiple`): file name, SHA-256, size, split name. */
export const installedApkFileSchema = z.object({
  name: z.string().min(1),
  sha256,
  size: z.int().min(0),
  /** The split name (`config.xxhdpi`); absent for the base APK. */
  split: z.string().min(1).optional(),
}).strict();

export const productIdentitySchema = z.object({
  id,
  vendor: z.string().min(1),
  name: z.string().min(1),
  package: z.string().min(1),
  apkSha256: sha256,
  /** A split set's APKs, base first, each with its own SHA-256; absent for a single APK. */
  apkFiles: z.array(installedApkFileSchema).optional(),
  /** As installed on the device, filled in during the round; null until then. */
  versionName: z.string().nullable().default(null),
  versionCode: z.int().nullable().default(null),
  /** Signature-database version where the product shows one. */
  signatureVersion: z.string().optional(),
}).strict();

export const sampleIdentitySchema = z.object({
  id,
  label: z.string(),
  package: z.string().min(1),
  sha256,
  kind: z.enum(SAMPLE_KINDS),
  /** Family from the stalkerware indicators; null for clean apps or when unmatched. */
  family: z.string().nullable(),
  /** Signing-certificate SHA-1, upper-case hex as the indicators data writes it. */
  certSha1: z.string().regex(/^[0-9A-F]{40}$/, 'expected an upper-case hex SHA-1'),
  /** A split set's APKs, base first, each with its own SHA-256; absent for a single APK. */
  apkFiles: z.array(installedApkFileSchema).optional(),
}).strict();

export const deviceIdentitySchema = z.object({
  profile: id,
  apiLevel: z.int().min(1),
  release: z.string(),
  image: z.string(),
  model: z.string(),
}).strict();

export const detectionCriteriaSchema = z.object({
  categories: z.array(z.string()),
  namePatterns: z.array(z.string()),
  safetyAdvicePatterns: z.array(z.string()),
}).strict();

export const roundFileSchema = z.object({
  schemaVersion: z.literal(ROUND_SCHEMA_VERSION),
  round: z.object({
    id,
    title: z.string(),
    /** The round YAML, relative to the repository. */
    file: z.string(),
    sha256,
  }).strict(),
  harness: z.object({
    version: z.string(),
    node: z.string(),
    adb: z.string(),
    appium: z.string(),
    driver: z.string(),
  }).strict(),
  startedAt: isoTime,
  /** Null while the round is running or after a crash. */
  finishedAt: isoTime.nullable(),
  plan: z.object({ cases: z.array(plannedCaseSchema) }).strict(),
  products: z.array(productIdentitySchema),
  samples: z.array(sampleIdentitySchema),
  devices: z.array(deviceIdentitySchema),
  detection: detectionCriteriaSchema,
  /**
   * The round's `appDelayScale` on virtual emulators: their apps' delays and the products' watch
   * budgets were multiplied by it. Absent: 1 (real delays), and always on physical devices.
   */
  appDelayScale: z.number().gt(0).max(1).optional(),
}).strict().superRefine((round, context) => {
  const unique = (values: readonly string[], path: string) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) context.addIssue({ code: 'custom', path: [path, index], message: `duplicate id '${value}'` });
      seen.add(value);
    });
    return seen;
  };
  const products = unique(round.products.map((product) => product.id), 'products');
  const samples = unique(round.samples.map((sample) => sample.id), 'samples');
  const devices = unique(round.devices.map((device) => device.profile), 'devices');
  const cases = new Set<string>();
  round.plan.cases.forEach((planned, index) => {
    const at = (field: string) => ['plan', 'cases', index, field];
    if (cases.has(planned.caseId)) context.addIssue({ code: 'custom', path: at('caseId'), message: `duplicate case '${planned.caseId}'` });
    cases.add(planned.caseId);
    if (!products.has(planned.productId)) context.addIssue({ code: 'custom', path: at('productId'), message: `no product '${planned.productId}' in products` });
    if (!samples.has(planned.sampleId)) context.addIssue({ code: 'custom', path: at('sampleId'), message: `no sample '${planned.sampleId}' in samples` });
    if (!devices.has(planned.deviceProfile)) context.addIssue({ code: 'custom', path: at('deviceProfile'), message: `no device profile '${planned.deviceProfile}' in devices` });
  });
});

export type RoundFile = z.infer<typeof roundFileSchema>;
/** round.json as written by hand or by the runner, before schema defaults are applied. */
export type RoundFileInput = z.input<typeof roundFileSchema>;
export type PlannedCase = z.infer<typeof plannedCaseSchema>;
export type ProductIdentity = z.infer<typeof productIdentitySchema>;
export type SampleIdentity = z.infer<typeof sampleIdentitySchema>;
export type DeviceIdentity = z.infer<typeof deviceIdentitySchema>;
export type DetectionCriteria = z.infer<typeof detectionCriteriaSchema>;
