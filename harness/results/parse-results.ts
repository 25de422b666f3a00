import { HarnessError } from '../errors/index.ts';
import { attemptResultSchema, type AttemptResult } from './attempt-schema.ts';
import { isAttemptAcceptedFast } from './check-attempt-fast.ts';
import { describeIssues } from './describe-issues.ts';

/** A last line cut off by a crash in the middle of a write: reported, not fatal. */
export interface TornLine {
  /** 1-based line number in results.jsonl. */
  line: number;
  /** How many bytes (UTF-8) the torn fragment holds. */
  bytes: number;
}

export interface ParsedResults {
  results: AttemptResult[];
  torn: TornLine | undefined;
}

/**
 * Parses results.jsonl text. Every line ends with "\n" because the store writes line and newline
 * in one write; text after the last "\n" is therefore either a complete record whose newline was
 * lost, or a fragment of a write that a crash interrupted (possibly NUL-padded by the file
 * system). The fragment is reported as `torn`; any bad line before it is corruption.
 */
export function parseResultsText(text: string, displayPath: string): ParsedResults {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const results: AttemptResult[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const parsed = parseLine(lines[index] ?? '');
    if (!parsed.ok) {
      throw new HarnessError('RESULTS_CORRUPT', `${displayPath}:${index + 1}: ${parsed.problem}`, {
        details: parsed.details.map((detail) => `${displayPath}:${index + 1} ${detail}`),
        hint: 'only the last line may be torn by a crash; a bad line elsewhere means the file was edited or damaged, restore it from a copy',
      });
    }
    results.push(parsed.result);
  }
  if (tail === '') return { results, torn: undefined };
  const last = parseLine(tail);
  if (last.ok) {
    results.push(last.result);
    return { results, torn: undefined };
  }
  return { results, torn: { line: lines.length + 1, bytes: Buffer.byteLength(tail) } };
}

type LineParse =
  | { ok: true; result: AttemptResult }
  | { ok: false; problem: string; details: string[] };

function parseLine(line: string): LineParse {
  if (line.trim() === '') return { ok: false, problem: 'empty line', details: [] };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${error instanceof Error ? error.message : String(error)})`, details: [] };
  }
  // The plain check settles the ordinary line; anything it is unsure of goes to the schema.
  if (isAttemptAcceptedFast(json)) return { ok: true, result: json };
  const parsed = attemptResultSchema.safeParse(json);
  if (!parsed.success) {
    const details = describeIssues(parsed.error.issues);
    return { ok: false, problem: `does not match the result schema: ${details[0] ?? 'invalid'}`, details };
  }
  return { ok: true, result: parsed.data };
}
