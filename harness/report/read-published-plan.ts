import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoundFile } from '../results/index.ts';
import { comparePlan, type PlanComparison } from './plan-deviations.ts';

/** A plan.json larger than this is not one `stalkerbench plan` wrote (thousands of hashes fit in 2 MB). */
const PLAN_READ_CAP = 32 * 1024 * 1024;

export interface PublishedPlan {
  sha256: string;
  comparison: PlanComparison;
}

/**
 * The round folder's plan.json (written by `stalkerbench plan` before testing): its SHA-256 and how
 * the round that was run deviates from it, or undefined when the folder has none. Hashed from the
 * file rather than taken from plan.sha256, so the report cites the plan that is actually there;
 * `publish` refuses a plan.json that differs from plan.sha256.
 */
export async function readPublishedPlan(folder: string, round: RoundFile): Promise<PublishedPlan | undefined> {
  let bytes: Buffer;
  try {
    const handle = await open(join(folder, 'plan.json'), 'r');
    try {
      const { size } = await handle.stat();
      if (size > PLAN_READ_CAP) {
        const sha256 = createHash('sha256');
        for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) sha256.update(chunk);
        return { sha256: sha256.digest('hex'), comparison: { deviations: [], unreadable: `plan.json is ${size} bytes, larger than any plan stalkerbench writes; deviations were not checked` } };
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), comparison: comparePlan(bytes.toString('utf8'), round) };
}
