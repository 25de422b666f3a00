import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPathOf } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { writeFileAtomic } from '../results/write-file-atomic.ts';
import type { Plan } from './build-plan.ts';
import { renderPlanMarkdown } from './render-plan-markdown.ts';

export const PLAN_FILES = { json: 'plan.json', markdown: 'plan.md', sha256: 'plan.sha256' } as const;

export interface SerializedPlan {
  json: string;
  sha256: string;
  markdown: string;
  /** `sha256sum -c` reads it: `<hash>  plan.json`. */
  sha256File: string;
}

/** plan.json's exact bytes (two-space JSON, keys in the order Plan declares them), its hash, and plan.md. */
export function serializePlan(plan: Plan): SerializedPlan {
  const json = `${JSON.stringify(plan, null, 2)}\n`;
  const sha256 = createHash('sha256').update(json).digest('hex');
  return { json, sha256, markdown: renderPlanMarkdown(plan, sha256), sha256File: `${sha256}  ${PLAN_FILES.json}\n` };
}

export type PlanWrite = 'written' | 'unchanged';

/**
 * Writes plan.json, plan.md and plan.sha256 into `dir`, each atomically. A plan already there with
 * other bytes is the published one: replacing it would hide every change made since, which the
 * report shows as deviations. It is refused unless `replace` says so.
 */
export async function writePlan(dir: string, serialized: SerializedPlan, options: { replace: boolean; cwd: string }): Promise<PlanWrite> {
  const jsonFile = path.join(dir, PLAN_FILES.json);
  const existing = await readFile(jsonFile, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing === serialized.json) {
    // Same bytes: rewrite the derived files only if they went missing or were edited.
    await writeDerived(dir, serialized);
    return 'unchanged';
  }
  if (existing !== undefined && !options.replace) {
    const oldHash = createHash('sha256').update(existing).digest('hex');
    throw new HarnessError('CONFIG_INVALID', `${displayPathOf(jsonFile, options.cwd)} already holds a plan (SHA-256 ${oldHash}) that differs from this one (${serialized.sha256})`, {
      hint: 'a published plan stays as it was and the report shows later changes as deviations; write this one elsewhere (--output), or pass --replace if the old plan was never published',
    });
  }
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(jsonFile, serialized.json);
  await writeDerived(dir, serialized);
  return 'written';
}

async function writeDerived(dir: string, serialized: SerializedPlan): Promise<void> {
  await writeFileAtomic(path.join(dir, PLAN_FILES.markdown), serialized.markdown);
  await writeFileAtomic(path.join(dir, PLAN_FILES.sha256), serialized.sha256File);
}
