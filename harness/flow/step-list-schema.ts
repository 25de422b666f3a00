import { z } from 'zod';
import type { ParsedStep } from './context.ts';

let current: z.ZodType<ParsedStep[]> | undefined;

/**
 * The schema of a list of steps nested inside a step (`if`'s `then`, `repeat`'s `steps`). Steps are
 * defined before the list of all steps exists, so this refers to it lazily; config/flow-schema.ts
 * provides it once the registry is complete.
 */
export const stepListSchema: z.ZodType<ParsedStep[]> = z.lazy(() => {
  if (!current) throw new Error('flow-schema.ts has not provided the step list schema yet');
  return current;
});

/** Called once by config/flow-schema.ts with the list-of-steps schema built from the registry. */
export function provideStepListSchema(schema: z.ZodType<ParsedStep[]>): void {
  current = schema;
}
