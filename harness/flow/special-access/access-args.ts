/**
 * The arguments of `grantSpecialAccess` (a flow step, and a sample setup action): which access, for
 * which package, and how — through Android's Settings screens as a person does (`via: settings`,
 * the default) or with the adb command a lab names in its profile (`via: adb`).
 */
import { z } from 'zod';

export const SPECIAL_ACCESSES = [
  'allFiles', 'usage', 'notificationListener', 'accessibility', 'overlay', 'batteryOptimization', 'deviceAdmin', 'postNotifications',
] as const;
export type SpecialAccessName = (typeof SPECIAL_ACCESSES)[number];

export const GRANT_VIA = ['settings', 'adb'] as const;
export type GrantVia = (typeof GRANT_VIA)[number];

const packageName = z.string().regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/, 'expected a package name like com.vendor.app');

export const grantSpecialAccessSchema = z.strictObject({
  access: z.enum(SPECIAL_ACCESSES, { error: () => `expected one of ${SPECIAL_ACCESSES.join(', ')}` }),
  /** The app that gets the access. @default the app under test (the session's appPackage) */
  package: packageName.optional(),
  /** @default settings */
  via: z.enum(GRANT_VIA, { error: () => 'expected settings or adb' }).default('settings'),
  /**
   * The service or admin receiver (`.SyncService` or a full class) for accessibility,
   * notificationListener and deviceAdmin. @default the app's only one, read from `dumpsys package`
   */
  component: z.string().regex(/^\.?[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'expected a class name like .SyncService').optional(),
  /** The app's label in Settings' lists. @default read from the app's App info page */
  label: z.string().min(1).optional(),
  /**
   * Android 13 restricted settings (an app installed from a file): go through App info → ⋮ →
   * "Allow restricted settings" as a person must, then switch the access on. `false` stops the
   * flow with reason restricted-setting instead. @default true
   */
  allowRestrictedSettings: z.boolean().default(true),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'expected { access: accessibility, via: settings|adb, package?, component?, label? }') });

export type GrantSpecialAccessArgs = z.output<typeof grantSpecialAccessSchema>;

/** Why a grant failed, named in the flow error (`[restricted-setting] …`). */
export type GrantFailureReason =
  | 'restricted-setting'
  | 'not-listed'
  | 'no-component'
  | 'not-granted'
  | 'adb-refused'
  | 'ui-changed';
