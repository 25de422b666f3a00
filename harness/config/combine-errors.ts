import { HarnessError } from '../errors/index.ts';

/**
 * Several files failing at once become one error, so a user fixes everything in one pass: the
 * first error's code, every message and detail listed. One error is returned unchanged.
 */
export function combineErrors(errors: readonly unknown[], summary: string): unknown {
  if (errors.length === 1) return errors[0];
  const first = errors.find((error): error is HarnessError => error instanceof HarnessError);
  if (!first) return errors[0];
  const details = errors.flatMap((error) =>
    error instanceof HarnessError ? [`${error.code}: ${error.message}`, ...error.details.map((detail) => `  ${detail}`)] : [String(error)],
  );
  const hints = new Set(errors.map((error) => (error instanceof HarnessError ? error.hint : undefined)));
  // A hint that fits one problem (e.g. "use one of: a, b") would mislead when shown for all of them.
  const hint = hints.size === 1 && first.hint !== undefined ? first.hint : 'fix each problem listed above; scenarios/README.md describes every field';
  return new HarnessError(first.code, summary, { details, hint, cause: first });
}

/** Runs loaders side by side and throws every failure together. */
export async function settleAll<T>(tasks: ReadonlyArray<Promise<T>>, summary: (failed: number) => string): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) throw combineErrors(failures, summary(failures.length));
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
