import { z } from 'zod';

/** Lower-case kebab-case identifier: `demo-spyphone`, `sentinel`. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids use lower-case letters, digits and "-" (e.g. sentinel-mobile)');

/** SHA-256 of a file, 64 hex digits (case-insensitive in YAML, lower-case after parsing). */
export const sha256Schema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex digits (run `sha256sum <file>`)')
  .transform((hash) => hash.toLowerCase());

/** Android package name: at least two dot-separated segments, each starting with a letter. */
export const packageNameSchema = z
  .string()
  .regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/, 'expected an Android package name like com.vendor.app');

/** A component class, relative to the package (`.SyncService`) or fully qualified. */
export const componentNameSchema = z
  .string()
  .regex(/^\.?[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'expected a class name like .SyncService or com.vendor.app.SyncService');

/** A path in YAML, relative to the file that names it; absolute after loading. */
export const relativePathSchema = z.string().min(1);

/** A regular expression (case-insensitive when used); checked here so typos fail at validate time. */
export const regexSourceSchema = z.string().min(1).superRefine((source, context) => {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

/**
 * Split APKs installed together with a base APK (`adb install-multiple`), each pinned by its own
 * SHA-256; paths relative to the YAML file. Not allowed beside an `.apks` archive, which holds its splits.
 */
export const splitApksSchema = z
  .array(z.strictObject({ file: relativePathSchema, sha256: sha256Schema }))
  .min(1, { error: () => 'an empty list is not allowed: list the split APKs, or leave `splits` out for a single APK' })
  .max(63, { error: () => 'more than 63 splits: one split set holds at most 64 APKs' })
  .optional();

/** An `.apks` archive holds its own splits: listing more beside it is refused at load time. */
export function refuseSplitsBesideArchive(value: { file: string; splits?: unknown[] | undefined }, context: z.RefinementCtx): void {
  if (value.splits !== undefined && value.file.toLowerCase().endsWith('.apks')) {
    context.addIssue({ code: 'custom', path: ['splits'], message: 'an .apks archive holds its own splits: remove `splits`, or name the base .apk in `file`' });
  }
}
