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
