import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { DISPUTES_FILE, disputesFileSchema, type Dispute } from './dispute-schema.ts';

export interface LoadDisputesOptions {
  /** Directory the paths in messages are relative to. @default process.cwd() */
  cwd?: string;
}

/**
 * Reads a round folder's disputes.yaml, when it has one (else no disputes), through the capped
 * configuration reader, and checks it against the round's plan: every problem at once, as
 * CONFIG_INVALID with `disputes.yaml:line field: what is wrong` — a case the round never planned,
 * a case disputed twice, and every schema problem (a missing decision, upheld without verdict).
 */
export async function loadDisputes(folder: string, plannedCaseIds: ReadonlySet<string>, options: LoadDisputesOptions = {}): Promise<Dispute[]> {
  const file = join(folder, DISPUTES_FILE);
  if (!existsSync(file)) return [];
  // Loaded only when there is a file: the YAML reader and its parser are a tenth of a second of the
  // report's start-up, and through config/index.ts they would bring the whole flow engine with them.
  const { loadYamlFile } = await import('../config/load-yaml-file.ts');
  const { value, source } = await loadYamlFile(file, disputesFileSchema, 'the round\'s disputes file', options);
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  value.disputes.forEach((dispute, index) => {
    const at = `${source.locate(['disputes', index, 'case'])} disputes[${index}].case`;
    if (!plannedCaseIds.has(dispute.case)) problems.push(`${at}: unknown case '${dispute.case}' (round.json plans no such case)`);
    const first = firstIndex.get(dispute.case);
    if (first === undefined) firstIndex.set(dispute.case, index);
    else problems.push(`${at}: case '${dispute.case}' is disputed twice (first at line ${source.lineOf(['disputes', first, 'case'])}); keep one entry per case`);
  });
  if (problems.length > 0) {
    throw new HarnessError('CONFIG_INVALID', `${source.displayPath}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the round's disputes file`, {
      details: problems,
      hint: 'each entry names a case id exactly as in results.jsonl (see results.csv, column case_id), once',
    });
  }
  return value.disputes;
}

