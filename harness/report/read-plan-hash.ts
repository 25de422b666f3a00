import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';

/**
 * SHA-256 of the round folder's plan.json (written by `stalkerbench plan`), or undefined when the
 * folder has none. Hashed from the file rather than taken from plan.sha256, so the report cites
 * the plan that is actually there; `publish` refuses a plan.json that differs from plan.sha256.
 */
export async function readPlanHash(folder: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(join(folder, 'plan.json')) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return hash.digest('hex');
}
