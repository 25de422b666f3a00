import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HarnessError } from '../errors/index.ts';
import { parseRoundFast } from './check-round-fast.ts';
import { describeIssues } from './describe-issues.ts';
import { roundFileSchema, type RoundFile, type RoundFileInput } from './round-schema.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export const ROUND_FILE = 'round.json';

// zod's compiled parser: the same schema and the same issues (it falls back to the runtime
// parser to describe a failure), at about half the cost on a round.json with 100,000 cases.
const compiledRoundFileSchema = z.compile(roundFileSchema);

/** Reads and validates `<folder>/round.json`; every problem is a REPORT_INPUT_INVALID. */
export async function readRoundFile(folder: string): Promise<RoundFile> {
  await assertFolder(folder);
  const path = join(folder, ROUND_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessError('REPORT_INPUT_INVALID', `cannot read ${path}`, {
      cause: error,
      hint: 'point at a round folder written by `stalkerbench run` (it holds round.json and results.jsonl)',
    });
  }
  return parseRoundFile(text, path);
}

/** Validates round.json text; `displayPath` names the file in error messages. */
export function parseRoundFile(text: string, displayPath: string): RoundFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HarnessError('REPORT_INPUT_INVALID', `${displayPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      hint: 'round.json is written by the runner; restore it from the round folder\'s backup or re-run the round',
    });
  }
  const parseWithSchema = (value: unknown) => compiledRoundFileSchema.safeParse(value);
  const parsed = parseRoundFast(json, parseWithSchema) ?? parseWithSchema(json);
  if (!parsed.success) {
    const details = describeIssues(parsed.error.issues).map((line) => `${displayPath} ${line}`);
    throw new HarnessError('REPORT_INPUT_INVALID', `${displayPath} does not match the round schema (${details.length} problem(s))`, {
      details,
      hint: 'fix the fields listed above; docs/ and harness/results/round-schema.ts describe each one',
    });
  }
  return parsed.data;
}

/** Writes round.json atomically (the runner rewrites it as it learns installed versions). */
export async function writeRoundFile(folder: string, round: RoundFileInput): Promise<void> {
  const valid = roundFileSchema.parse(round);
  await writeFileAtomic(join(folder, ROUND_FILE), `${JSON.stringify(valid, null, 2)}\n`);
}

async function assertFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new HarnessError('REPORT_INPUT_INVALID', `round folder ${folder} does not exist or is not a folder`, {
      hint: 'pass the folder of a round, e.g. reports/<round-id>',
    });
  }
}
