import { z } from 'zod';
import { idSchema, packageNameSchema, regexSourceSchema, relativePathSchema, sha256Schema } from './common-schemas.ts';
import { flowSchema } from './flow-schema.ts';
import { selectorSchema } from './selector-schema.ts';

/**
 * How to read the product's results screen: each threat is a list item; the other selectors are
 * searched inside that item. `noThreats` is what the screen shows when nothing was found.
 */
const resultsMappingSchema = z.strictObject({
  /** One entry of the results list. */
  item: selectorSchema,
  /** The threat name inside an entry (e.g. "Android/Monitor.Mspy"). */
  threatName: selectorSchema,
  /** The package inside an entry, when the product shows it. */
  package: selectorSchema.optional(),
  /**
   * The app's label inside an entry, for products that name the app by its label and give a
   * generic threat name ("Potentially unwanted app"); the generic name stays the threat name.
   */
  appLabel: selectorSchema.optional(),
  /** The category inside an entry ("Stalkerware", "PUA"), when shown. */
  category: selectorSchema.optional(),
  /**
   * Shown instead of entries when the scan found nothing. A results screen that shows neither an
   * entry nor this is not a clean result: the case ends as a flow-error (RESULTS_NOT_SHOWN).
   */
  noThreats: selectorSchema,
  /** Scroll the list to read entries below the fold. @default true */
  scroll: z.boolean().default(true),
});

/** A dialog or screen the product raises that counts as an alert, and where its text is. */
const alertDialogSchema = z.strictObject({
  /** Present while the dialog is shown. */
  match: selectorSchema,
  /** The element holding the threat name / message; the whole dialog's text when absent. */
  text: selectorSchema.optional(),
});

const NOTIFICATION_PATTERNS_EXPECTED = 'the texts of the product\'s threat notifications (e.g. [threat found, spyware]), `none` if it never alerts by notification, or `any` if every notification it posts is a threat alert';

/** `notificationPatterns: any` stands for this pattern, which matches every text. */
export const ANY_NOTIFICATION_PATTERN = '(?:)';

const alertWatchSchema = z.strictObject({
  /**
   * Which notifications of the product's package are threat alerts: a list of texts (regular
   * expressions, case-insensitive) its threat notifications carry, `none` when it never alerts by
   * notification, or `any` when every notification it posts is a threat alert. Required, and never an
   * empty list: "every notification counts" by default made an "app X is safe" notice that names the
   * sample an alert, a wrong "alerted" cell. Ongoing and foreground-service notifications, and those
   * already posted before the sample was installed, never count. Output: the patterns (`none` → [],
   * `any` → one pattern matching everything).
   */
  notificationPatterns: z
    .union([z.literal('none'), z.literal('any'), z.array(regexSourceSchema).min(1, { error: () => `an empty list is not allowed: ${NOTIFICATION_PATTERNS_EXPECTED}` })], {
      error: () => `expected ${NOTIFICATION_PATTERNS_EXPECTED}`,
    })
    .transform((value) => (value === 'none' ? [] : value === 'any' ? [ANY_NOTIFICATION_PATTERN] : value)),
  /** Dialogs/screens the product raises for a threat. @default [] */
  dialogs: z.array(alertDialogSchema).default([]),
});

/** How long the product normally takes; used as the budget of the matching phase. */
const expectedDelaysSchema = z.strictObject({
  /** First start: alerts raised for threats already present. @default 20000 */
  firstStartMs: z.int().positive().default(20_000),
  /** Signature update. @default 60000 */
  updateMs: z.int().positive().default(60_000),
  /** Full scan, from tapping scan until the results show. @default 120000 */
  scanMs: z.int().positive().default(120_000),
  /** Real-time protection: from sample install until an alert. @default 60000 */
  realTimeAlertMs: z.int().positive().default(60_000),
});

/**
 * A product profile (`scenarios/products/<id>.yaml`): the vendor's app, its APK, and how to drive
 * its UI: onboarding with defaults, update, scan, reading results, dismissing its alerts.
 */
export const productProfileSchema = z.strictObject({
  /** Id rounds refer to. */
  id: idSchema,
  vendor: z.string().min(1),
  /** Product name as published. */
  name: z.string().min(1),
  /** Package the APK must declare. */
  package: packageNameSchema,
  apk: z.strictObject({
    /** Relative to the profile file. */
    file: relativePathSchema,
    sha256: sha256Schema,
  }),
  /** Accept Android permission dialogs whenever they show up during the product's flows. @default true */
  autoAcceptPermissionDialogs: z.boolean().default(true),
  flows: z.strictObject({
    /** From first launch to the main screen, accepting defaults (EULA, permissions). */
    onboarding: flowSchema,
    /** Update signatures / definitions. @default [] */
    update: flowSchema.default([]),
    /** Start a full scan and wait until it has finished. */
    scan: flowSchema,
    /** From the end of the scan to the results list, when they are not shown right away. */
    results: flowSchema.optional(),
    /** Close an alert dialog without acting on the threat (removal could warn an abuser). */
    dismissAlert: flowSchema.optional(),
  }),
  results: resultsMappingSchema,
  /** What counts as the product's alert; required, so that a profile says what its alerts look like. */
  alerts: alertWatchSchema,
  expectedDelays: expectedDelaysSchema.default({ firstStartMs: 20_000, updateMs: 60_000, scanMs: 120_000, realTimeAlertMs: 60_000 }),
  notes: z.string().default(''),
});

export type ProductProfile = z.output<typeof productProfileSchema>;
export type ResultsMapping = z.output<typeof resultsMappingSchema>;
export type AlertWatch = z.output<typeof alertWatchSchema>;
