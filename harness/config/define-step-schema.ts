import { z } from 'zod';
import { closestKey } from './describe-issue.ts';

/** Keys a step may carry beside its action key, per action (`if` has `then` and `else`). */
export type SiblingsOf<Args extends Record<string, z.ZodType>> = Partial<Record<keyof Args & string, Record<string, z.ZodType>>>;

/** The parsed form of a step: its action, that action's arguments, its own timeout if set, and its sibling keys. */
export type StepOf<Args extends Record<string, z.ZodType>> = {
  [A in keyof Args & string]: { action: A; args: z.output<Args[A]>; timeoutMs?: number; [sibling: string]: unknown };
}[keyof Args & string];

/**
 * Builds the schema of a step list entry: a mapping with exactly one action key (from `args`) and
 * an optional `timeoutMs`, or one of `bareWords` written alone (`- back`). Some actions take keys
 * beside their own (`siblings`: `- if: {...}` with `then:` and `else:`); they are allowed only with
 * that action. Parsing normalises it to `{ action, args, timeoutMs?, ...siblings }` so interpreters
 * can switch on `action`. One object schema (not a union) keeps zod's messages precise:
 * `flows.scan[0].tap: expected a selector`.
 */
export function defineStepSchema<Args extends Record<string, z.ZodType>>(
  args: Args,
  bareWords: readonly (keyof Args & string)[],
  example: string,
  siblings: SiblingsOf<Args> = {},
) {
  const actions = Object.keys(args) as Array<keyof Args & string>;
  const bare: ReadonlySet<string> = new Set(bareWords);
  const hint = `expected a step: a mapping with one of ${actions.join(', ')} (e.g. "${example}")${
    bareWords.length > 0 ? `, or the bare word ${bareWords.join(', ')}` : ''
  }`;
  /** Each sibling key, with the actions it belongs to. */
  const siblingOwners = new Map<string, string[]>();
  const siblingShape: Record<string, z.ZodType> = {};
  for (const [action, keys] of Object.entries(siblings) as Array<[string, Record<string, z.ZodType> | undefined]>) {
    for (const [key, schema] of Object.entries(keys ?? {})) {
      siblingOwners.set(key, [...(siblingOwners.get(key) ?? []), action]);
      siblingShape[key] ??= schema.optional();
    }
  }
  const shape = Object.fromEntries(actions.map((action) => [action, (args[action] as z.ZodType).optional()]));
  const objectSchema = z.strictObject(
    { ...shape, ...siblingShape, timeoutMs: z.int().positive().optional() },
    { error: (issue) => (issue.code === 'invalid_type' ? withSuggestion(hint, issue.input) : undefined) },
  );
  /** `- bakc` or `- tpa: ...`: the nearest step name, for `validate`. */
  const withSuggestion = (message: string, input: unknown): string => {
    const near = typeof input === 'string' ? closestKey(input, actions) : undefined;
    return near ? `${message}; did you mean '${near}'?` : message;
  };
  return z
    .preprocess((value, context) => {
      const step = typeof value === 'string' && bare.has(value) ? { [value]: null } : value;
      if (typeof step !== 'object' || step === null || Array.isArray(step)) return step;
      const keys = Object.keys(step);
      const present = actions.filter((action) => keys.includes(action));
      // An unknown key is reported on its own (with a "did you mean"); saying "no action" too is noise.
      const unknown = keys.some((key) => key !== 'timeoutMs' && !siblingOwners.has(key) && !present.includes(key as keyof Args & string));
      if (present.length > 1 || (present.length === 0 && !unknown)) {
        context.addIssue({
          code: 'custom',
          input: step,
          message: present.length === 0 ? hint : `a step has exactly one action, found ${present.join(' and ')}; make them separate steps`,
        });
      }
      for (const key of keys) {
        const owners = siblingOwners.get(key);
        if (owners && present.length === 1 && !owners.includes(present[0] as string)) {
          context.addIssue({ code: 'custom', input: step, path: [key], message: `${key} belongs to ${owners.join(' or ')} steps, not to ${String(present[0])}` });
        }
      }
      return step;
    }, objectSchema)
    .transform((step): StepOf<Args> => {
      const record = step as Record<string, unknown>;
      const action = actions.find((candidate) => record[candidate] !== undefined);
      const parsed: Record<string, unknown> = { action, args: action === undefined ? undefined : record[action] };
      if (typeof record.timeoutMs === 'number') parsed.timeoutMs = record.timeoutMs;
      for (const key of siblingOwners.keys()) if (record[key] !== undefined) parsed[key] = record[key];
      return parsed as StepOf<Args>;
    });
}
