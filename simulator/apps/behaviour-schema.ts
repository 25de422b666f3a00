/**
 * The behaviour file an APK built for the simulator carries as `assets/stalkerbench-behaviour.json`
 * (documented in simulator/README.md, "Virtual apps"). Screens come from widget-schema.ts; what taps
 * do beyond navigation is an `event` whose name maps to a list of effects run in order.
 */
import { z } from 'zod';
import { CHECKED_ACCESS } from './product/granted-access.ts';
import { appSpecSchema, dialogSchema } from './widget-schema.ts';

export const BEHAVIOUR_ENTRY = 'assets/stalkerbench-behaviour.json';

const permissionNameSchema = z.string().regex(/^[\w.]+$/, 'expected a permission name like android.permission.READ_SMS');
const classNameSchema = z.string().regex(/^\.?[\w.$]+$/, 'expected a class name like .service.SyncService');

export const SPECIAL_ACCESS = ['accessibility', 'device-admin', 'notification-listener', 'usage-access'] as const;
export type SpecialAccess = (typeof SPECIAL_ACCESS)[number];

const notificationSchema = z.strictObject({
  /** NotificationChannel id, as `dumpsys notification` shows it. */
  channel: z.string().min(1),
  title: z.string().min(1),
  text: z.string(),
  /** Post with Notification.BigTextStyle and this (possibly multi-line) text; placeholders as in `text`. */
  bigText: z.string().optional(),
  /**
   * The channel's importance (NotificationChannel IMPORTANCE_LOW 2, DEFAULT 3, HIGH 4): `high` peeks as a
   * heads-up banner for 5 s (simulator/ui/heads-up.ts). @default 'default'
   */
  importance: z.enum(['low', 'default', 'high']).optional(),
});

/** NotificationManager.IMPORTANCE_* of a behaviour file's `importance`. */
export const IMPORTANCE_LEVELS = { low: 2, default: 3, high: 4 } as const;

export type EffectInput =
  | { do: 'navigate' | 'replace'; screen: string }
  | { do: 'back' | 'finish' | 'dismiss' }
  | { do: 'dialog'; dialog: z.output<typeof dialogSchema> }
  | { do: 'set'; flag: string; value?: boolean | undefined }
  | { do: 'setFromCheckbox'; field: string; flag: string }
  | { do: 'if'; flag: string; then: EffectInput[]; else?: EffectInput[] | undefined }
  | { do: 'run'; event: string }
  | { do: 'requestPermissions'; permissions: string[] }
  | { do: 'openSpecialAccess'; access: SpecialAccess }
  | { do: 'grantSpecialAccess'; access: SpecialAccess }
  | { do: 'wait'; ms: number }
  | { do: 'requireText'; field: string; pattern: string; otherwise: EffectInput[] }
  | { do: 'log'; tag: string; message: string; priority?: 'V' | 'D' | 'I' | 'W' | 'E' | undefined; field?: string | undefined }
  | { do: 'notify'; id?: number | undefined; channel: string; title: string; text: string }
  | { do: 'updateSignatures' | 'scan' | 'firstStartScan' | 'startProtection' | 'cancelScan' }
  | { do: 'removeThreat' | 'ignoreThreat'; package: string }
  | { do: 'showThreat'; package: string }
  | { do: 'hideIcon' | 'startService' | 'startCollecting' }
  | { do: 'toast'; text: string; long?: boolean | undefined };

export const effectSchema: z.ZodType<EffectInput> = z.lazy(() => z.discriminatedUnion('do', [
  z.strictObject({ do: z.enum(['navigate', 'replace']), screen: z.string().min(1) }),
  z.strictObject({ do: z.enum(['back', 'finish', 'dismiss']) }),
  z.strictObject({ do: z.literal('dialog'), dialog: dialogSchema }),
  z.strictObject({ do: z.literal('set'), flag: z.string().min(1), value: z.boolean().optional() }),
  z.strictObject({ do: z.literal('setFromCheckbox'), field: z.string().min(1), flag: z.string().min(1) }),
  z.strictObject({ do: z.literal('run'), event: z.string().min(1) }),
  z.strictObject({ do: z.literal('if'), flag: z.string().min(1), then: z.array(effectSchema), else: z.array(effectSchema).optional() }),
  z.strictObject({ do: z.literal('requestPermissions'), permissions: z.array(permissionNameSchema).min(1) }),
  z.strictObject({ do: z.literal('openSpecialAccess'), access: z.enum(SPECIAL_ACCESS) }),
  z.strictObject({ do: z.literal('grantSpecialAccess'), access: z.enum(SPECIAL_ACCESS) }),
  z.strictObject({ do: z.literal('wait'), ms: z.int().min(0) }),
  z.strictObject({ do: z.literal('requireText'), field: z.string().min(1), pattern: z.string().min(1), otherwise: z.array(effectSchema) }),
  /** A logcat line; `{field}` in the message is the text of the app's EditText `field` (an app logging the account it tried). */
  z.strictObject({ do: z.literal('log'), tag: z.string().min(1), message: z.string(), priority: z.enum(['V', 'D', 'I', 'W', 'E']).optional(), field: z.string().min(1).optional() }),
  z.strictObject({ do: z.literal('notify'), id: z.int().positive().optional(), channel: z.string().min(1), title: z.string().min(1), text: z.string() }),
  z.strictObject({ do: z.enum(['updateSignatures', 'scan', 'firstStartScan', 'startProtection', 'cancelScan']) }),
  z.strictObject({ do: z.enum(['removeThreat', 'ignoreThreat']), package: z.string().min(1) }),
  /**
   * The threat of the last scan in this package becomes the one `{alertLabel}`, `{alertAppLabel}`,
   * `{alertPackage}`, `{alertCategory}` name: a details screen opened from a results entry.
   */
  z.strictObject({ do: z.literal('showThreat'), package: z.string().min(1) }),
  z.strictObject({ do: z.enum(['hideIcon', 'startService', 'startCollecting']) }),
  /** A security product's Toast (LENGTH_SHORT 2 s, `long`: LENGTH_LONG 3.5 s); placeholders as in texts. */
  z.strictObject({ do: z.literal('toast'), text: z.string().min(1), long: z.boolean().optional() }),
]));

/** What identifies a threat. Every listed condition of a rule must hold; lists inside a condition match any. */
const ruleMatchSchema = z.strictObject({
  packages: z.array(z.string().min(1)).min(1).optional(),
  /** Signing-certificate SHA-1, hex (case ignored). */
  certificateSha1: z.array(z.string().regex(/^[0-9a-fA-F:]{40,59}$/)).min(1).optional(),
  /** SHA-256 of the APK file, hex. */
  fileSha256: z.array(z.string().regex(/^[0-9a-fA-F]{64}$/)).min(1).optional(),
  /** Requested permissions, all of them. */
  permissions: z.array(permissionNameSchema).min(1).optional(),
  /** Declared component kinds, all of them. */
  components: z.array(z.enum(['accessibility-service', 'device-admin', 'notification-listener'])).min(1).optional(),
  /** The launcher icon is hidden (or the app has none). */
  hiddenIcon: z.boolean().optional(),
  /** Its accessibility service is enabled in settings. */
  accessibilityEnabled: z.boolean().optional(),
});

export const ruleSchema = z.strictObject({
  /** Threat name the product shows; `{appLabel}` and `{package}` are the app's. */
  label: z.string().min(1),
  category: z.string().min(1),
  match: ruleMatchSchema,
});

/**
 * How a product alerts: a notification, an AlertDialog over its screen, and/or one of its own
 * screens brought to the front (`{alertLabel}`, `{alertAppLabel}`, `{alertPackage}`,
 * `{alertCategory}` name the threat there).
 */
const alertFields = {
  notification: notificationSchema.optional(),
  dialog: dialogSchema.optional(),
  screen: z.string().min(1).optional(),
  /**
   * A window drawn over whatever app is in front (TYPE_APPLICATION_OVERLAY), raised at once even from
   * the background — only when the product may draw over other apps (SYSTEM_ALERT_WINDOW: the appop
   * allowed, as Settings → "Display over other apps" or `appops set <pkg> SYSTEM_ALERT_WINDOW allow`
   * sets it, or the permission granted with `pm grant`); without it WindowManager refuses the window
   * (WindowManagerGlobal.addView → BadTokenException "permission denied for window type 2038") and
   * nothing shows. Never the focused window: its buttons take taps, a default UiAutomator2 lookup
   * does not see it.
   */
  overlay: dialogSchema.optional(),
  /**
   * The screen/dialog waits for the next time the product is brought to the front (launcher,
   * `am start`), even when it is in front as the alert is raised: an app that shows what it found
   * only inside itself, never over another app. @default false
   */
  showOnNextLaunch: z.boolean().default(false),
};

const productSchema = z.strictObject({
  /** The scanning/protection service (shown in `dumpsys activity services` while protection runs). */
  service: classNameSchema.optional(),
  signatures: z.strictObject({
    /** Version shown before the first update (`{signatureVersion}`). */
    bundled: z.string().min(1),
    /** Version after `updateSignatures`. */
    latest: z.string().min(1),
    updateMs: z.int().min(0).default(2000),
  }),
  scan: z.strictObject({
    durationMs: z.int().min(0),
    /** Shown (replacing the current screen) while the scan runs. */
    progressScreen: z.string().min(1),
    /** Replaces the progress screen when the scan ends. */
    resultsScreen: z.string().min(1),
    /** Replaces it when nothing was found; resultsScreen when absent. */
    cleanScreen: z.string().min(1).optional(),
    /** Include pre-installed system packages. @default false */
    includeSystem: z.boolean().default(false),
    /** The scan never ends (fault injection). @default false */
    neverFinishes: z.boolean().default(false),
    /**
     * Posted when a scan ends with threats: once per threat when its texts name one (`{label}`,
     * `{appLabel}`, `{package}`, `{category}`), else once (`{threatCount}`).
     */
    notification: notificationSchema.optional(),
    /**
     * An AlertDialog over the results screen when the scan ends with threats ("Scan finished: 2
     * threats"): `{threatLines}` in its title or message is one `threatLine` per threat, joined by
     * new lines (`{label}`, `{appLabel}`, `{package}`, `{category}` are the threat's).
     */
    resultsDialog: z.strictObject({ dialog: dialogSchema, threatLine: z.string().min(1) }).optional(),
    /** An AlertDialog over the clean screen when the scan found nothing. */
    cleanDialog: dialogSchema.optional(),
  }),
  realTime: z.strictObject({
    /** From a package install to the alert. */
    delayMs: z.int().min(0),
    ...alertFields,
  }).optional(),
  /** Alerts for threats found by `firstStartScan`. */
  firstStart: z.strictObject(alertFields).optional(),
  /** Ongoing notification while protection runs (foreground service). */
  foregroundNotification: notificationSchema.optional(),
  rules: z.array(ruleSchema),
  /**
   * Special access the product needs before onboarding goes on: while it holds every one, the
   * render flag `granted:all` is set (and `granted:<access>` per access held, whatever this lists);
   * product/granted-access.ts reads them from the device state. @default []
   */
  requiredAccess: z.array(z.enum(CHECKED_ACCESS)).default([]),
});

const stalkerwareSchema = z.strictObject({
  accessibilityService: classNameSchema.optional(),
  deviceAdmin: classNameSchema.optional(),
  notificationListener: classNameSchema.optional(),
  /** The collecting background service. */
  service: classNameSchema,
  /** Logcat lines written while it collects (one per interval, cycling). */
  collect: z.strictObject({
    tag: z.string().min(1),
    intervalMs: z.int().positive().default(3000),
    lines: z.array(z.string().min(1)).min(1),
  }),
});

const timerSchema = z.strictObject({
  afterMs: z.int().min(0),
  then: z.array(effectSchema).min(1),
});

/** Fault injection the file can ask for at once (the console can set the same at run time). */
const faultsSchema = z.strictObject({
  /** The UI stops responding when this event fires (an ANR dialog follows). */
  hangOnEvent: z.string().min(1).optional(),
  /** The app crashes when this event fires (a product's scan fires `scanFinished` as it ends, before its results show). */
  crashOnEvent: z.string().min(1).optional(),
});

export const behaviourSchema = z.strictObject({
  role: z.enum(['security-product', 'stalkerware', 'app']),
  app: appSpecSchema,
  /**
   * The first entry that holds picks the launch screen (e.g. `onboarded` → `home`); else app.start.
   * An entry holds when its `flag` is set and, with `starts`, the app's start count (activity starts
   * from the launcher or `am start` while another app is in front, counted in its data) is odd or
   * even: a screen shown only on some starts, such as a sign-in prompt every other start.
   */
  launch: z.array(z.strictObject({
    flag: z.string().min(1).optional(),
    starts: z.enum(['odd', 'even']).optional(),
    screen: z.string().min(1),
  }).refine((entry) => entry.flag !== undefined || entry.starts !== undefined, { message: 'a launch entry needs a flag, starts, or both' })).default([]),
  /** Event name (or `prefix:*`, the rest given as `{arg}`) → effects. */
  events: z.record(z.string(), z.array(effectSchema)).default({}),
  /** Screen id → what happens when it has been shown for afterMs (`{progress}` runs 0–100 meanwhile). */
  timers: z.record(z.string(), timerSchema).default({}),
  product: productSchema.optional(),
  stalkerware: stalkerwareSchema.optional(),
  faults: faultsSchema.default({}),
  /**
   * What Google Play Protect makes of this APK on a Google Play image (apps/system-screens/play-protect.ts):
   * `unknown` asks "Send app for security check?", `harmful` says "Blocked by Play Protect", `unsafe`
   * says "Unsafe app blocked"; absent, Play Protect knows the app as safe and installs it silently.
   */
  playProtect: z.enum(['unknown', 'harmful', 'unsafe']).optional(),
}).superRefine((value, context) => {
  if (value.role === 'security-product' && !value.product) context.addIssue({ code: 'custom', path: ['product'], message: 'a security-product needs a "product" section' });
  if (value.role === 'stalkerware' && !value.stalkerware) context.addIssue({ code: 'custom', path: ['stalkerware'], message: 'stalkerware needs a "stalkerware" section' });
  const screens = new Set(Object.keys(value.app.screens));
  const check = (screen: string, path: Array<string | number>): void => {
    if (!screens.has(screen)) context.addIssue({ code: 'custom', path, message: `unknown screen '${screen}'` });
  };
  check(value.app.start, ['app', 'start']);
  value.launch.forEach((entry, index) => check(entry.screen, ['launch', index, 'screen']));
  for (const screen of Object.keys(value.timers)) check(screen, ['timers', screen]);
  if (value.product) {
    check(value.product.scan.progressScreen, ['product', 'scan', 'progressScreen']);
    check(value.product.scan.resultsScreen, ['product', 'scan', 'resultsScreen']);
    if (value.product.scan.cleanScreen) check(value.product.scan.cleanScreen, ['product', 'scan', 'cleanScreen']);
    if (value.product.realTime?.screen) check(value.product.realTime.screen, ['product', 'realTime', 'screen']);
    if (value.product.firstStart?.screen) check(value.product.firstStart.screen, ['product', 'firstStart', 'screen']);
  }
});

export type Behaviour = z.output<typeof behaviourSchema>;
export type ProductBehaviour = z.output<typeof productSchema>;
export type StalkerwareBehaviour = z.output<typeof stalkerwareSchema>;
export type DetectionRule = z.output<typeof ruleSchema>;
export type NotificationTemplate = z.output<typeof notificationSchema>;
export type Effect = EffectInput;
