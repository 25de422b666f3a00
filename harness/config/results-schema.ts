/**
 * How a product profile says where the product's scan results are (`results:` in a product profile):
 * a list (today's form, `shape: list`, the default), a dialog, cards, a list whose entries open a
 * details screen, or no results screen at all (`shape: notification`). See scenarios/README.md,
 * "Results shapes", and methodology.md ("No evidence, no verdict").
 */
import { z } from 'zod';
import { regexSourceSchema } from './common-schemas.ts';
// Results are read with one locator per selector (or from a page source): no index or relative keys.
import { locatorSelectorSchema as selectorSchema } from './selector-schema.ts';

/** The threat's fields on the details screen an entry opens (`shape: details`). */
const detailsScreenSchema = z.strictObject({
  /** Present while the details screen is shown. */
  screen: selectorSchema,
  /** The threat name on the details screen. */
  threatName: selectorSchema,
  package: selectorSchema.optional(),
  appLabel: selectorSchema.optional(),
  category: selectorSchema.optional(),
  /** How long to wait for the details screen after tapping an entry, and for the list after going back. @default 5000 */
  timeoutMs: z.int().positive().default(5000),
  /** Entries opened at most; a list with more is not read whole (RESULTS_INCOMPLETE). @default 30 */
  maxEntries: z.int().min(1).max(200).default(30),
});

/**
 * Results on a screen: each threat is an item; the other selectors are searched inside that item.
 * `noThreats` is what the screen shows when nothing was found.
 */
export const resultsMappingSchema = z.strictObject({
  /**
   * - `list` (default): a list (RecyclerView, ListView) of entries, scrolled to its end;
   * - `cards`: one card per threat in a scrolling page (a ScrollView, not a list), read the same way;
   * - `dialog`: the results in a dialog (`dialog` says which): entries and `noThreats` inside it only;
   * - `details`: each entry opens a details screen (`details`) where the threat is named: the harness
   *   opens every entry, reads it, goes back.
   * Absent: `list`. (`notification` has its own form: notificationResultsSchema.)
   */
  shape: z.enum(['list', 'cards', 'dialog', 'details'], { error: () => 'expected one of list, cards, dialog, details, notification' }).optional(),
  /** One entry of the results list (a row, a card, a line of the dialog). */
  item: selectorSchema,
  /** The threat name inside an entry (e.g. "Android/Monitor.Mspy"); for `details`, the entry's title. */
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
   * Shown instead of entries when the scan found nothing (for `dialog`: inside the dialog). A results
   * screen that shows neither an entry nor this is not a clean result: the case ends as a flow-error
   * (RESULTS_NOT_SHOWN).
   */
  noThreats: selectorSchema,
  /** Scroll the list to read entries below the fold. @default true */
  scroll: z.boolean().default(true),
  /** `shape: dialog`: the dialog's root element (e.g. its panel `android:id/parentPanel` or its title). */
  dialog: selectorSchema.optional(),
  /** `shape: details`: the details screen an entry opens. */
  details: detailsScreenSchema.optional(),
  /**
   * Set only by the `shape: notification` form (never written in a profile next to the list fields):
   * how the scan's end and its threat notifications are read.
   */
  notification: z.never().optional(),
}).superRefine((mapping, context) => {
  const shape = mapping.shape ?? 'list';
  if (shape === 'dialog' && mapping.dialog === undefined) {
    context.addIssue({ code: 'custom', path: ['dialog'], message: 'shape dialog needs `dialog`: a selector for the results dialog (e.g. { id: android:id/parentPanel })' });
  }
  if (shape === 'details' && mapping.details === undefined) {
    context.addIssue({ code: 'custom', path: ['details'], message: 'shape details needs `details`: { screen, threatName } of the details screen an entry opens' });
  }
  if (shape === 'dialog' || shape === 'details') {
    // These shapes are read from page sources only (read-scan-results.ts): a selector must be answerable there.
    const selectors = [mapping.item, mapping.threatName, mapping.package, mapping.appLabel, mapping.category, mapping.noThreats, mapping.dialog,
      mapping.details?.screen, mapping.details?.threatName, mapping.details?.package, mapping.details?.appLabel, mapping.details?.category];
    const live = (selector: (typeof selectors)[number]): boolean => selector !== undefined && (selector.xpath !== undefined || selector.uiautomator !== undefined
      || selector.idMatches !== undefined || selector.textMatches !== undefined || selector.descMatches !== undefined);
    if (selectors.some(live)) {
      context.addIssue({ code: 'custom', path: ['shape'], message: `shape ${shape} reads its selectors from the page source: use id, text, textContains, desc or descContains, not a regular expression, xpath or uiautomator` });
    }
  }
  if (shape !== 'dialog' && mapping.dialog !== undefined) {
    context.addIssue({ code: 'custom', path: ['dialog'], message: `\`dialog\` is only read with shape dialog (this mapping has shape ${shape})` });
  }
  if (shape !== 'details' && mapping.details !== undefined) {
    context.addIssue({ code: 'custom', path: ['details'], message: `\`details\` is only read with shape details (this mapping has shape ${shape})` });
  }
});

/**
 * No results screen: the detection is read from the product's notifications after the scan. The
 * threat notifications are those `alerts.notificationPatterns` matches (posted by the product after the
 * sample was installed, not ongoing); each becomes a scan entry, identified by the same rules as a
 * list entry. "Not detected" needs the scan's end observed (`finished`) and no threat notification
 * within `withinMs` of it; an unobserved end is RESULTS_NOT_SHOWN.
 */
const notificationFormSchema = z.strictObject({
  shape: z.literal('notification'),
  /** How the scan's end shows: exactly one of an element on screen or a notification text (regular expression). */
  finished: z.strictObject({
    selector: selectorSchema.optional(),
    notification: regexSourceSchema.optional(),
  }).refine((value) => (value.selector === undefined) !== (value.notification === undefined), {
    message: 'finished needs exactly one of `selector` (an element shown when the scan is over) and `notification` (a text of the product\'s "scan finished" notification)',
  }),
  /** How long to look for the scan's end after the scan flow. @default 10000 */
  finishedTimeoutMs: z.int().positive().default(10_000),
  /** After the end was seen: how long threat notifications may take to arrive. @default 10000 */
  withinMs: z.int().min(0).default(10_000),
});

export type NotificationResults = Omit<z.output<typeof notificationFormSchema>, 'shape'>;

/**
 * The profile's `results`, in one output type whatever the shape, so that every reader of a list
 * mapping keeps its fields: the notification form is carried in `notification`, its list fields
 * are selectors that never match (a notification-only product has no results screen; nothing reads
 * them, read-scan-results.ts dispatches on `notification` first).
 */
export interface ResultsMapping extends Omit<z.output<typeof resultsMappingSchema>, 'shape' | 'notification'> {
  shape?: 'list' | 'cards' | 'dialog' | 'details' | 'notification' | undefined;
  notification?: NotificationResults | undefined;
}

const NEVER_SHOWN = { xpath: '/*[false()]' } as const;

const notificationToMapping = notificationFormSchema.transform(({ shape, ...notification }): ResultsMapping => ({
  shape, item: NEVER_SHOWN, threatName: NEVER_SHOWN, noThreats: NEVER_SHOWN, scroll: false, notification,
}));

/**
 * `shape: notification` picks the notification form, anything else the screen form: a mistake is then
 * reported against the form the profile meant, not as a union of both forms' complaints.
 */
export const resultsSchema: z.ZodType<ResultsMapping, unknown> = z.unknown().transform((value, context): ResultsMapping => {
  const isNotification = typeof value === 'object' && value !== null && (value as Record<string, unknown>)['shape'] === 'notification';
  const parsed = (isNotification ? notificationToMapping : resultsMappingSchema).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) context.issues.push({ ...issue, input: value } as never);
  return z.NEVER;
});

export type ResultsConfig = ResultsMapping;
export type DetailsScreen = z.output<typeof detailsScreenSchema>;

export function isNotificationResults(results: ResultsMapping): results is ResultsMapping & { notification: NotificationResults } {
  return results.notification !== undefined;
}
