import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLAN_FORMAT, renderPlanMarkdown, type Plan } from '../plan/index.ts';

export const PLAN_CUT_FILES = { json: 'plan-cut.json', markdown: 'plan-cut.md' } as const;

export interface PlanCut {
  json: string;
  markdown: string;
  /** SHA-256 of the whole published plan.json the cut was made from. */
  fullSha256: string;
}

/**
 * The published plan reduced to one product, for a review pack whose plan.json had to be withheld
 * because it lists the other vendors: the same modes, samples, criteria, timeouts and devices, this
 * product's line only, and its share of the cases. It is never named plan.json and says what it was
 * cut from (the full plan's SHA-256), so a vendor can check it against the full plan once the lab
 * publishes the round. Undefined when the folder's plan.json is missing or not a plan this
 * harness wrote, or does not list the product.
 */
export async function cutPlan(folder: string, productId: string): Promise<PlanCut | undefined> {
  const bytes = await readFile(join(folder, 'plan.json')).catch(() => undefined);
  if (bytes === undefined) return undefined;
  let plan: Plan;
  try {
    plan = JSON.parse(bytes.toString('utf8')) as Plan;
  } catch {
    return undefined;
  }
  if (plan.format !== PLAN_FORMAT || !Array.isArray(plan.products)) return undefined;
  const product = plan.products.find((entry) => entry.id === productId);
  if (product === undefined || plan.products.length === 0) return undefined;
  const fullSha256 = createHash('sha256').update(bytes).digest('hex');
  const others = plan.products.length - 1;
  // Every product meets every sample run on every device profile (countCases), so a product's share is exact.
  const total = plan.cases.total / plan.products.length;
  const cut = {
    ...plan,
    cutFrom: { planSha256: fullSha256, productId, otherProducts: others },
    products: [product],
    cases: { total, formula: plan.cases.formula.replace(/^\d+ products?/, '1 product') },
  };
  const note = [
    `> This is the published plan cut to ${product.name}: ${others} other product(s) are left out and the`,
    `> cases are this product's share. It was cut from plan.json with SHA-256 \`${fullSha256}\`,`,
    '> which the lab publishes with the round; every other line is as published.',
    '',
  ].join('\n');
  const markdown = renderPlanMarkdown(cut).replace(/\n\n/, `\n\n${note}\n`);
  return { json: `${JSON.stringify(cut, null, 2)}\n`, markdown, fullSha256 };
}
