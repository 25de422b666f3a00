import { z } from 'zod';
import { idSchema, packageNameSchema, regexSourceSchema, relativePathSchema, refuseSplitsBesideArchive, sha256Schema, splitApksSchema } from './common-schemas.ts';
import { flowSchema } from './flow-schema.ts';
import { resultsSchema } from './results-schema.ts';
import { locatorSelectorSchema } from './selector-schema.ts';
import { systemDialogsSchema } from './system-dialogs-schema.ts';

/** A dialog or screen the product raises that counts as an alert, and where its text is. */
const alertDialogSchema = z.strictObject({
  /** Present while the dialog is shown. */
  match: locatorSelectorSchema,
  /** The element holding the threat name / message; the whole dialog's text when absent. */
  text: locatorSelectorSchema.optional(),
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
    /** Relative to the profile file: one `.apk`, the base APK of `splits`, or an `.apks` archive (bundletool's APK set). */
    file: relativePathSchema,
    /** SHA-256 of `file` (of the whole archive for an `.apks`). */
    sha256: sha256Schema,
    /** Config/feature split APKs installed with the base through `adb install-multiple`, each pinned. */
    splits: splitApksSchema,
  }).superRefine(refuseSplitsBesideArchive),
  /** Accept Android permission dialogs whenever they show up during the product's flows. @default true */
  autoAcceptPermissionDialogs: z.boolean().default(true),
  /**
   * System dialogs Android or Google Play may put in front of the product (Play Protect on install,
   * "isn't responding", the profile's own), answered when a step's element is not shown, while the
   * APKs install, and by `dismissSystemDialogs`; each one answered is evidence. See system-dialogs-schema.ts. @default []
   */
  systemDialogs: systemDialogsSchema,
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
    /**
     * Remove the detected sample the way the product offers it (its Remove button, then Android's own
     * screens). Run only in rounds with `remediation: true`, after a detection (methodology.md, "Remediation").
     */
    remediate: flowSchema.optional(),
  })
    // Any other key is a named flow that `run` steps call (`- run: signIn`); names are checked on load.
    .catchall(flowSchema),
  /**
   * Snippet files whose named flows this profile may `run` (relative to the profile), e.g.
   * `[../snippets/google-sign-in.yaml]`. @default []
   */
  use: z.array(relativePathSchema).default([]),
  /** Where the scan's results are: a list (default), cards, a dialog, details screens, or notifications only (results-schema.ts). */
  results: resultsSchema,
  /** How remediation is judged; with `flows.remediate` (methodology.md, "Remediation"). */
  remediation: z.strictObject({
    /**
     * The product's own warning before it removes an app (e.g. "Removing this app may alert the person who
     * installed it"): seen on screen during the remediate flow before Android's uninstall or device-admin
     * screen → `warned: true`.
     */
    warning: locatorSelectorSchema.optional(),
  }).optional(),
  /** What counts as the product's alert; required, so that a profile says what its alerts look like. */
  alerts: alertWatchSchema,
  expectedDelays: expectedDelaysSchema.default({ firstStartMs: 20_000, updateMs: 60_000, scanMs: 120_000, realTimeAlertMs: 60_000 }),
  notes: z.string().default(''),
}).superRefine((profile, context) => {
  if (profile.results.notification !== undefined && profile.alerts.notificationPatterns.length === 0) {
    context.addIssue({ code: 'custom', path: ['alerts', 'notificationPatterns'], message: 'results shape notification reads threats from notifications: notificationPatterns cannot be `none`' });
  }
  if (profile.remediation !== undefined && profile.flows.remediate === undefined) {
    context.addIssue({ code: 'custom', path: ['remediation'], message: 'remediation needs flows.remediate: the steps that remove the detected sample' });
  }
});

export type ProductProfile = z.output<typeof productProfileSchema>;
export type { ResultsConfig, ResultsMapping, NotificationResults } from './results-schema.ts';
export type AlertWatch = z.output<typeof alertWatchSchema>;
