import { z } from 'zod';
import { componentNameSchema, idSchema, packageNameSchema, relativePathSchema, refuseSplitsBesideArchive, sha256Schema, splitApksSchema } from './common-schemas.ts';
import { defineStepSchema, type StepOf } from './define-step-schema.ts';
import { STEP_ARGUMENTS, STEP_SIBLINGS } from './flow-schema.ts';
import { grantSpecialAccessSchema } from '../flow/special-access/access-args.ts';

const flagSchema = z.preprocess((value) => (value === null ? true : value), z.literal(true));

/**
 * Which identity runs a privileged step. `shell`: the adb shell (uid 2000), which Android refuses a
 * non-exported service and any component state change. `root`: `adb root` first (debuggable images
 * only: Google APIs, not Google Play), the commands as uid 0, then `adb unroot`.
 */
export const SETUP_VIA = ['shell', 'root'] as const;
export type SetupVia = (typeof SETUP_VIA)[number];
const viaSchema = z.enum(SETUP_VIA, { error: () => 'expected shell or root' }).default('shell');

/** `.SyncService` (via the shell) or `{ component: .SyncService, via: root }`. */
const startServiceSchema = z.union([
  componentNameSchema.transform((component) => ({ component, via: 'shell' as SetupVia })),
  z.strictObject({ component: componentNameSchema, via: viaSchema }),
], { error: () => 'expected a class name like .SyncService, or { component: .SyncService, via: root }' });

/** The bare word (via the shell) or `{ via: root }`. */
const hideLauncherIconSchema = z.union([
  flagSchema.transform(() => ({ via: 'shell' as SetupVia })),
  z.strictObject({ via: viaSchema }),
], { error: () => 'expected the bare word hideLauncherIcon, or { via: root }' });

/**
 * What an abuser does after installing a sample, as structured actions (never shell lines), plus
 * the ordinary UI-flow steps for the sample's own setup screens (license key, "hide app" switch).
 */
export const SETUP_ARGUMENTS = {
  /** `all` (every runtime permission the manifest requests) or a list of permission names. */
  grantRuntimePermissions: z.union([z.literal('all'), z.array(z.string().regex(/^[\w.]+$/)).min(1)], {
    error: () => 'expected `all` or a list of permission names (android.permission.READ_SMS)',
  }),
  /** Enable the accessibility service (`.Svc` is relative to the sample's package). */
  enableAccessibilityService: componentNameSchema,
  /** Activate the device-admin receiver. */
  enableDeviceAdmin: componentNameSchema,
  /** Grant notification access to the listener service. */
  enableNotificationListener: componentNameSchema,
  /**
   * Hide the launcher icon (`pm disable` of the launcher activity). Android refuses it to the shell
   * uid; write `{ via: root }` on a debuggable image, or better tap the sample's own "hide" switch.
   */
  hideLauncherIcon: hideLauncherIconSchema,
  /**
   * Start a service (`am start-foreground-service`). Android refuses the shell uid a service the app
   * did not export; write `{ component: .Svc, via: root }` or use the sample's own setup screen.
   */
  startService: startServiceSchema,
  /** Open the sample: `true` for its launcher activity, or an activity class. */
  launch: z.union([z.literal(true), componentNameSchema], { error: () => 'expected true or an activity like .MainActivity' }),
  ...STEP_ARGUMENTS,
  /**
   * Any special access, through Settings as the abuser does (`via: settings`, the default) or adb
   * (`via: adb`); `package` defaults to the sample, `label` to its label. Same arguments as the flow step.
   */
  grantSpecialAccess: grantSpecialAccessSchema,
} as const;

export type SetupAction = keyof typeof SETUP_ARGUMENTS;
export type SetupStep = StepOf<typeof SETUP_ARGUMENTS>;

export const setupStepSchema = defineStepSchema(
  SETUP_ARGUMENTS,
  ['hideLauncherIcon', 'back', 'home', 'acceptPermissionDialogs'],
  '- enableAccessibilityService: .SyncService',
  // The flow steps' sibling keys (`then:`/`else:` of `if`, `reason:` of assertions) work in a setup too.
  STEP_SIBLINGS,
);

/**
 * How the sample's special access is set up: `adb` (shell commands: `settings put`, `dpm`, `cmd
 * notification`, the default) or `settings` (the abuser's way: through Android's Settings screens,
 * including "Allow restricted settings" for a sideloaded sample). Applies to enableAccessibilityService,
 * enableNotificationListener and enableDeviceAdmin; `grantSpecialAccess` steps carry their own `via`.
 */
export const SAMPLE_SETUP_VIA = ['adb', 'settings'] as const;
/**
 * How the sample reaches the phone: `adb` (`adb install`, not restricted) or `sideload` (pushed to
 * Download and installed through the package installer, as a browser download is: Android 13 then
 * restricts its accessibility and notification access until "Allow restricted settings").
 */
export const SAMPLE_INSTALL = ['adb', 'sideload'] as const;

export const SAMPLE_KINDS = ['stalkerware', 'watchware', 'clean'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export const sampleSchema = z.strictObject({
  /** Stable id rounds select samples by. */
  id: idSchema,
  /** The APK, relative to the catalogue file: one `.apk`, the base of `splits`, or an `.apks` archive. */
  file: relativePathSchema,
  /** Pinned SHA-256 of the file (the whole archive for an `.apks`); a mismatch refuses the round. */
  sha256: sha256Schema,
  /** Split APKs installed with the base through `adb install-multiple`, each pinned; a mismatch refuses the round. */
  splits: splitApksSchema,
  /** The package the APK must declare. */
  package: packageNameSchema,
  /** `stalkerware`, `watchware` (visible monitoring) or `clean` (any detection is a false positive). */
  kind: z.enum(SAMPLE_KINDS),
  /** Family as the stalkerware-indicators data names it (e.g. TheTruthSpy), or the app's name for clean apps. */
  family: z.string().min(1),
  /** The app label the device shows, when it differs from the family. */
  label: z.string().min(1).optional(),
  /** How the sample is set up on the device, in order, after install. @default [] */
  setup: z.array(setupStepSchema).default([]),
  /** `adb` or `settings`: how the enable* setup actions grant special access. @default adb */
  setupVia: z.enum(SAMPLE_SETUP_VIA, { error: () => 'expected adb or settings' }).default('adb'),
  /** `adb` or `sideload` (through the package installer, Android 13 restricted settings apply). @default adb */
  install: z.enum(SAMPLE_INSTALL, { error: () => 'expected adb or sideload' }).default('adb'),
  notes: z.string().default(''),
}).superRefine(refuseSplitsBesideArchive);

export const sampleCatalogueSchema = z
  .strictObject({
    /** What this catalogue holds, for people. */
    title: z.string().min(1).optional(),
    samples: z.array(sampleSchema).min(1),
  })
  .superRefine((catalogue, context) => {
    const seen = new Map<string, number>();
    catalogue.samples.forEach((sample, index) => {
      const first = seen.get(sample.id);
      if (first !== undefined) {
        context.addIssue({ code: 'custom', path: ['samples', index, 'id'], message: `duplicate sample id '${sample.id}' (also samples[${first}])` });
      } else {
        seen.set(sample.id, index);
      }
    });
  });

export type Sample = z.output<typeof sampleSchema>;
export type SampleCatalogue = z.output<typeof sampleCatalogueSchema>;
