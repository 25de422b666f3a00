import type { z } from 'zod';
import { formatConfigPath, type YamlSource } from './yaml-source.ts';

/**
 * Messages for zod issues written for people editing YAML: "expected a number, got string 'abc'"
 * rather than zod's defaults. Schemas that know better (a selector, a step) set their own `error`.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required field is missing';
      return `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'unrecognized_keys': {
      // The allowed keys travel in the message; `describeIssues` turns them into a suggestion.
      const shape = (issue.inst?._zod.def as { shape?: Record<string, unknown> } | undefined)?.shape;
      return shape ? Object.keys(shape).join(', ') : '';
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `needs at least ${String(issue.minimum)} characters`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `allows at most ${String(issue.maximum)} item(s)`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `does not match the expected form ${String(issue.pattern)}` : `expected a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/** One `file:line field.path: what is wrong` line per problem, unknown keys one per key. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], source: YamlSource): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = issue.message === '' ? [] : issue.message.split(', ');
      for (const key of issue.keys) {
        const line = source.lineOfKey(issue.path, key);
        lines.push(`${source.displayPath}:${line} ${formatConfigPath([...issue.path, key])}: ${describeUnknownKey(key, allowed)}`);
      }
      continue;
    }
    lines.push(`${source.displayPath}:${source.lineOf(issue.path)} ${formatConfigPath(issue.path)}: ${withNearestValue(issue.message, source.scalarAt?.(issue.path))}`);
  }
  return lines;
}

/**
 * A value that is not one of the words a field takes (`pressKey: entr`, `access: usage_access`,
 * `swipe: upp`, `shape: dialgo`) gets the nearest of them: the words are those the message lists
 * ("expected one of a, b, c", "expected a, b or c …"), whichever schema wrote it.
 */
function withNearestValue(message: string, written: unknown): string {
  if (typeof written !== 'string' || written === '' || message.includes('did you mean')) return message;
  const listed = /^expected (?:one of )?(.+?)(?:, got .*)?$/s.exec(message)?.[1];
  if (listed === undefined) return message;
  const words = listed.split(/,\s*|\s+or\s+/).map((word) => word.trim().replace(/^["'`]|["'`]$/g, ''))
    .filter((word) => /^[A-Za-z][\w-]*$/.test(word));
  if (words.length < 2 || words.includes(written)) return message;
  const near = nearestValue(written, words);
  return near ? `${message}; did you mean '${near}'?` : message;
}

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The allowed value nearest to a written one, for values that are names rather than typos of them:
 * a typo (closestKey), the same letters in another case or spelling (`usage-access`, `USAGE`), one
 * containing the other (`usage_access` → `usage`), a shared start of five letters or more
 * (`notification_access` → `notificationListener`), or an edit distance within a third of its length.
 */
export function nearestValue(written: string, allowed: readonly string[]): string | undefined {
  const typo = closestKey(written, allowed);
  if (typo !== undefined) return typo;
  const plain = normalise(written);
  if (plain.length < 2) return undefined;
  const exact = allowed.find((value) => normalise(value) === plain);
  if (exact !== undefined) return exact;
  const commonStart = (value: string): number => {
    const other = normalise(value);
    let length = 0;
    while (length < other.length && length < plain.length && other[length] === plain[length]) length += 1;
    return length;
  };
  const containing = allowed.filter((value) => normalise(value).length >= 4 && (plain.includes(normalise(value)) || normalise(value).includes(plain)));
  if (containing.length > 0) return containing.reduce((best, value) => (commonStart(value) > commonStart(best) || (commonStart(value) === commonStart(best) && value.length > best.length) ? value : best));
  const byStart = [...allowed].sort((a, b) => commonStart(b) - commonStart(a))[0];
  if (byStart !== undefined && commonStart(byStart) >= 5) return byStart;
  const byDistance = [...allowed].map((value) => ({ value, distance: editDistance(plain, normalise(value)) })).sort((a, b) => a.distance - b.distance)[0];
  return byDistance !== undefined && byDistance.distance <= Math.floor(plain.length / 3) ? byDistance.value : undefined;
}

function describeUnknownKey(key: string, allowed: string[]): string {
  const suggestion = closestKey(key, allowed);
  if (suggestion) return `unknown key (did you mean '${suggestion}'?)`;
  return allowed.length > 0 ? `unknown key (allowed here: ${allowed.join(', ')})` : 'unknown key';
}

/** The allowed key within edit distance 2 (or differing only in case), if any. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', int: 'an integer',
    boolean: 'true or false', null: 'nothing',
  };
  return names[expected] ?? expected;
}

/** A short description of a YAML value for messages: "string 'abc'", "a list", "nothing". */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return `${typeof value} ${String(value)}`;
}
