import { z } from 'zod';
import { idSchema, regexSourceSchema, relativePathSchema } from './common-schemas.ts';
import { profileNameSchema } from './emulator-profile-schema.ts';

export const MODES = ['on-demand', 'real-time', 'false-positive'] as const;
export type Mode = (typeof MODES)[number];

/** `products[]`: a profile file (ends in .yaml/.yml, relative to the round) or a profile id. */
const productReferenceSchema = z.string().min(1);

const sampleSelectionSchema = z.strictObject({
  /** Catalogue file, relative to the round. */
  catalogue: relativePathSchema,
  /** `all` or a list of sample ids from that catalogue. @default all */
  select: z.union([z.literal('all'), z.array(idSchema).min(1)], {
    error: () => 'expected `all` or a list of sample ids',
  }).default('all'),
});

const physicalDevicesSchema = z.strictObject({
  physical: z.strictObject({
    /** adb serials of the phones. */
    serials: z.array(z.string().min(1)).min(1),
    /** Samples are live spyware: installing them on a real phone needs this set on purpose. @default false */
    allowSamples: z.boolean().default(false),
  }),
});

/**
 * One entry of `devices`: a profile name, or `{ profile, instances }` when this round wants another
 * number of emulators of the profile than the profile's own `instances` (e.g. the demo on 2 cores).
 */
const emulatorDeviceSchema = z.union([
  profileNameSchema,
  z.strictObject({ profile: profileNameSchema, instances: z.int().min(1).max(32) }),
], { error: () => 'expected a profile name (e.g. pixel-api33) or { profile: pixel-api33, instances: 4 }' });
export type EmulatorDeviceEntry = z.infer<typeof emulatorDeviceSchema>;

const devicesSchema = z.union([z.array(emulatorDeviceSchema).min(1), physicalDevicesSchema], {
  error: () => 'expected a list of emulator profile names (e.g. [pixel-api33], or [{ profile: pixel-api33, instances: 4 }]) or { physical: { serials: [...], allowSamples: false } }',
});

const timeoutsSchema = z.strictObject({
  /** Whole case, all attempts' phases together. @default 900000 */
  caseMs: z.int().positive().default(900_000),
  /** A flow step without its own timeoutMs. @default 15000 */
  stepMs: z.int().positive().default(15_000),
  /** Watching for alerts when the product profile sets none. @default 60000 */
  alertWatchMs: z.int().positive().default(60_000),
  /** Overrides every device profile's bootTimeoutMs when set. */
  bootMs: z.int().positive().optional(),
});

const appiumSchema = z.union([z.literal('local'), z.strictObject({ urls: z.array(z.url()).min(1) })], {
  error: () => 'expected `local` or { urls: [http://host:4723/] }',
});

/** Alert text that warns before removal or points to help (methodology: "safety advice"). */
export const DEFAULT_SAFETY_ADVICE_PATTERNS = [
  'before (you )?(remov|uninstall)',
  '(abuser|stalker|the person).*(may|might|could|will) (be )?(notified|alerted|notice)',
  'safety plan|help ?line|hotline|support (service|organi[sz]ation)',
] as const;

const detectionSchema = z.strictObject({
  /** Categories that count as a detection (case-insensitive); empty = any category. @default [] */
  categories: z.array(z.string().min(1)).default([]),
  /** Regular expressions that, matched by a threat name, make an entry point at the sample. @default [] */
  namePatterns: z.array(regexSourceSchema).default([]),
  /** Regular expressions marking an alert as giving safety advice. */
  safetyAdvicePatterns: z.array(regexSourceSchema).default([...DEFAULT_SAFETY_ADVICE_PATTERNS]),
});

/** The real-time protocol's options. */
const realTimeSchema = z.strictObject({
  /**
   * After the alert watch, bring the product to the front and record an in-app alert it shows then
   * (products that keep their real-time findings inside the app until it is opened). @default false
   */
  openProductAfterWatch: z.boolean().default(false),
});

const settingKeySchema = z.string().regex(/^[A-Za-z0-9_.]+$/, 'setting names use letters, digits, "_" and "."');
const settingsSchema = z.record(settingKeySchema, z.string());

/** Android settings written into every emulator's clean snapshot, per namespace. */
const deviceSettingsSchema = z.strictObject({
  global: settingsSchema.optional(),
  secure: settingsSchema.optional(),
  system: settingsSchema.optional(),
});

/**
 * A round (`scenarios/rounds/<id>.yaml`): which products meet which samples on which devices, in
 * which modes, how often, with which budgets, and where the results go.
 */
export const roundSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1),
    /** Published test window, ISO dates. */
    dates: z.strictObject({ start: z.iso.date(), end: z.iso.date().optional() }).optional(),
    products: z.array(productReferenceSchema).min(1),
    /**
     * What a product's licence allows, by product id: `maxDevices` is how many devices may run that
     * product at once (e.g. `limits: { avast-mobile: { maxDevices: 2 } }`). `run` starts a case of
     * the product only while fewer are running; on many hosts the product gets its own queue with
     * that global concurrency. Products not listed have no limit. @default {}
     */
    limits: z.record(idSchema, z.strictObject({ maxDevices: z.int().min(1).max(1_000) })).default({}),
    samples: z.array(sampleSelectionSchema).min(1),
    devices: devicesSchema,
    /**
     * `on-demand` and `real-time` are the protocols. `false-positive` runs the watchware and clean
     * samples too (under each listed protocol, on-demand when none is listed). @default [on-demand]
     */
    modes: z.array(z.enum(MODES)).min(1).default(['on-demand']),
    /** Each case runs this many times. @default 1 */
    repetitions: z.int().min(1).max(100).default(1),
    timeouts: timeoutsSchema.default({ caseMs: 900_000, stepMs: 15_000, alertWatchMs: 60_000 }),
    /** Extra attempts after an infrastructure or product error (never after a flow error or a result). */
    retries: z.strictObject({ infra: z.int().min(0).max(10).default(2) }).default({ infra: 2 }),
    /** Cases run at once (at most the number of device instances). @default 1 */
    concurrency: z.int().min(1).max(64).default(1),
    appium: appiumSchema.default('local'),
    realTime: realTimeSchema.default({ openProductAfterWatch: false }),
    /**
     * After a case detected its sample, run the product's `flows.remediate` and record whether the
     * sample is gone (methodology.md, "Remediation"); products without that flow are "not tested".
     * Opt-in: removal can warn an abuser, so it is never part of the detection case. @default false
     */
    remediation: z.boolean().default(false),
    detection: detectionSchema.default({
      categories: [],
      namePatterns: [],
      safetyAdvicePatterns: [...DEFAULT_SAFETY_ADVICE_PATTERNS],
    }),
    /**
     * `settings put <namespace> <name> <value>` for each entry, on every emulator before its clean
     * snapshot is saved, so every case starts with them (e.g. `global: { window_animation_scale: "0" }`).
     * Not applied to physical devices. @default {}
     */
    deviceSettings: deviceSettingsSchema.default({}),
    /**
     * Virtual emulators only: every delay of the virtual apps (setting `stalkerbench_app_delay_scale`
     * in the clean snapshot) and the products' `expectedDelays` (the harness's watch budgets) are
     * multiplied by this, so that a demo runs in minutes with non-zero times. Real apps ignore the
     * setting: on real emulators leave it at 1, or shortened watches end before a real product alerts.
     * Physical rounds ignore it. round.json and the report's method record it. @default 1
     */
    appDelayScale: z.number().gt(0).max(1).default(1),
    output: z.strictObject({
      /** Relative to the round file. @default reports/<id> under the current directory */
      dir: relativePathSchema.optional(),
    }).default({}),
  })
  .superRefine((round, context) => {
    const duplicates = round.modes.filter((mode, index) => round.modes.indexOf(mode) !== index);
    if (duplicates.length > 0) context.addIssue({ code: 'custom', path: ['modes'], message: `'${duplicates[0]}' is listed twice` });
    if (round.dates?.end !== undefined && round.dates.end < round.dates.start) {
      context.addIssue({ code: 'custom', path: ['dates', 'end'], message: 'end is before start' });
    }
  });

export type Round = z.output<typeof roundSchema>;
export type DetectionCriteriaConfig = z.output<typeof detectionSchema>;
export type RoundTimeouts = z.output<typeof timeoutsSchema>;
