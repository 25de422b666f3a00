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
  for (let index = 0; index < lines.length; index += 1) results.push(acceptLine(lines[index] ?? '', index + 1, displayPath));
  return finish(results, tail, lines.length + 1);
}

/**
 * The same as parseResultsText on the file's bytes decoded as UTF-8, line by line: a newline
 * byte never occurs inside a UTF-8 sequence, so each line decodes as it would in the whole text,
 * and the 80 MB string of a 100,000-result file is never made (results/README: scale).
 */
export function parseResultsBytes(bytes: Buffer, displayPath: string): ParsedResults {
  const parser = new ResultsLineParser(displayPath);
  return parser.finish(bytes.subarray(parser.push(bytes)));
}

/**
 * Parses results.jsonl as it is read, chunk by chunk (read-results.ts): `push` takes bytes and
 * returns how many of them it used (every complete line); the caller keeps the rest and gives
 * it again, with the bytes that follow, or to `finish` at the end of the file. The same results,
 * torn line and errors as parseResultsBytes on the whole file.
 */
export class ResultsLineParser {
  private readonly results: AttemptResult[] = [];
  private lineNumber = 1;
  constructor(private readonly displayPath: string) {}

  push(bytes: Buffer): number {
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      this.results.push(acceptLine(bytes.toString('utf8', start, end), this.lineNumber, this.displayPath));
      start = end + 1;
      this.lineNumber += 1;
    }
    return start;
  }

  /** The bytes after the last newline (no newline in them). */
  finish(tail: Buffer): ParsedResults {
    return finish(this.results, tail.toString('utf8'), this.lineNumber);
  }
}

const NEWLINE = 0x0a;

/** One line before the last: its attempt, or RESULTS_CORRUPT naming file:line. */
function acceptLine(line: string, lineNumber: number, displayPath: string): AttemptResult {
  const parsed = parseLine(line);
  if (parsed.ok) return parsed.result;
  throw new HarnessError('RESULTS_CORRUPT', `${displayPath}:${lineNumber}: ${parsed.problem}`, {
    details: parsed.details.map((detail) => `${displayPath}:${lineNumber} ${detail}`),
    hint: 'only the last line may be torn by a crash; a bad line elsewhere means the file was edited or damaged, restore it from a copy',
  });
}

/** The text after the last newline: nothing, a record that lost its newline, or a torn fragment. */
function finish(results: AttemptResult[], tail: string, lineNumber: number): ParsedResults {
  if (tail === '') return { results, torn: undefined };
  const last = parseLine(tail);
  if (last.ok) {
    results.push(last.result);
    return { results, torn: undefined };
  }
  return { results, torn: { line: lineNumber, bytes: Buffer.byteLength(tail) } };
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
