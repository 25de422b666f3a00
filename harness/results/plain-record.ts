/** A JSON object (not null, not an array), as the fast checks of result files read it. */
export type UnknownRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `.strict()` with every key required: every required key's own check fails on a missing key, so
 * an object with exactly as many keys as the schema names has no extra one. Counting with for…in
 * allocates nothing; it also counts inherited enumerable keys, which JSON never makes, and a wrong
 * count only sends the value to the schema. (JSON.parse makes "__proto__" an own key: counted, so
 * refused.)
 */
export function hasKeyCount(value: UnknownRecord, expected: number): boolean {
  let count = 0;
  for (const _key in value) count += 1;
  return count === expected;
}

/** One line of a JSON-lines file as an object, or undefined when it is blank, not JSON or not an object (a torn line, an edit). */
export function parseJsonRecord(line: string): UnknownRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
