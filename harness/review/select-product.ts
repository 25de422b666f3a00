import { HarnessError } from '../errors/index.ts';
import type { ProductIdentity, RoundFile } from '../results/index.ts';

export interface ProductSlice {
  product: ProductIdentity;
  /** round.json reduced to this product: its cases, the samples and devices they use. */
  round: RoundFile;
  caseIds: ReadonlySet<string>;
  /**
   * Strings that name another product (id, package, name, vendor, APK hash): none may appear in
   * the pack. A string that is part of this product's own names is left out (it would match the
   * product itself), as are strings shorter than 3 characters (they match by chance).
   */
  others: string[];
}

/** The part of a round that one vendor may see. */
export function selectProduct(round: RoundFile, productId: string): ProductSlice {
  const product = round.products.find((candidate) => candidate.id === productId);
  if (product === undefined) {
    throw new HarnessError('USAGE', `round ${round.round.id} has no product '${productId}'`, {
      hint: `choose one of: ${round.products.map((candidate) => candidate.id).join(', ')}`,
    });
  }
  const cases = round.plan.cases.filter((planned) => planned.productId === productId);
  const sampleIds = new Set(cases.map((planned) => planned.sampleId));
  const profiles = new Set(cases.map((planned) => planned.deviceProfile));
  const own = [product.id, product.package, product.name, product.vendor, product.apkSha256].join('\n');
  const others = new Set<string>();
  for (const other of round.products) {
    if (other.id === productId) continue;
    for (const text of [other.id, other.package, other.name, other.vendor, other.apkSha256]) {
      if (text.length >= 3 && !own.includes(text)) others.add(text);
    }
  }
  return {
    product,
    round: {
      ...round,
      plan: { cases },
      products: [product],
      samples: round.samples.filter((sample) => sampleIds.has(sample.id)),
      devices: round.devices.filter((device) => profiles.has(device.profile)),
    },
    caseIds: new Set(cases.map((planned) => planned.caseId)),
    others: [...others],
  };
}
