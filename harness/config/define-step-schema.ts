import { z } from 'zod';

/** The parsed form of a step: its action, that action's arguments, and its own timeout if set. */
export type StepOf<Args extends Record<string, z.ZodType>> = {
  [A in keyof Args & string]: { action: A; args: z.output<Args[A]>; timeoutMs?: number };
}[keyof Args & string];

/**
 * Builds the schema of a step list entry: a mapping with exactly one action key (from `args`) and
 * an optional `timeoutMs`, or one of `bareWords` written alone (`- back`). Parsing normalises it to
 * `{ action, args, timeoutMs? }` so interpreters can switch on `action`. One object schema (not a
 * union) keeps zod's messages precise: `flows.scan[0].tap: expected a selector`.
 */
export function defineStepSchema<Args extends Record<string, z.ZodType>>(
  args: Args,
  bareWords: readonly (keyof Args & string)[],
  example: string,
) {
  const actions = Object.keys(args) as Array<keyof Args & string>;
  const bare: ReadonlySet<string> = new Set(bareWords);
  const hint = `expected a step: a mapping with one of ${actions.join(', ')} (e.g. "${example}")${
    bareWords.length > 0 ? `, or the bare word ${bareWords.join(', ')}` : ''
  }`;
  const shape = Object.fromEntries(actions.map((action) => [action, (args[action] as z.ZodType).optional()]));
  const objectSchema = z.strictObject(
    { ...shape, timeoutMs: z.int().positive().optional() },
    { error: (issue) => (issue.code === 'invalid_type' ? hint : undefined) },
  );
  return z
    .preprocess((value, context) => {
      const step = typeof value === 'string' && bare.has(value) ? { [value]: null } : value;
      if (typeof step !== 'object' || step === null || Array.isArray(step)) return step;
      const keys = Object.keys(step);
      const present = actions.filter((action) => keys.includes(action));
      // An unknown key is reported on its own (with a "did you mean"); saying "no action" too is noise.
      const unknown = keys.some((key) => key !== 'timeoutMs' && !present.includes(key as keyof Args & string));
      if (present.length > 1 || (present.length === 0 && !unknown)) {
        context.addIssue({
          code: 'custom',
          input: step,
          message: present.length === 0 ? hint : `a step has exactly one action, found ${present.join(' and ')}; make them separate steps`,
        });
      }
      return step;
    }, objectSchema)
    .transform((step): StepOf<Args> => {
      const record = step as Record<string, unknown>;
      const action = actions.find((candidate) => record[candidate] !== undefined);
      const parsed = { action, args: action === undefined ? undefined : record[action] } as StepOf<Args>;
      return typeof record.timeoutMs === 'number' ? { ...parsed, timeoutMs: record.timeoutMs } : parsed;
    });
}
