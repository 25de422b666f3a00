import type { ApkIdentity } from '../apk/index.ts';
import type { ResolvedRound } from '../config/index.ts';
import type { VerifiedInputs } from '../round/index.ts';

/**
 * What a worker needs of a round, served by the coordinator as JSON (`GET /round`): the resolved
 * round (flows, detection criteria, timeouts, device profiles) and the identity read from each APK.
 * APK paths in it are the coordinator's and mean nothing elsewhere: a worker fetches every APK by
 * its SHA-256 and points the round at its own verified copies ({@link localiseRound}). The
 * identities are bound to the files by those hashes, so a worker need not parse APKs again.
 */
export interface RoundPackage {
  roundId: string;
  /** SHA-256 of the round file's text: a worker never mixes two versions of a round. */
  roundSha256: string;
  /** 1 + retries.infra: attempts a case may take before its last one is final. */
  maxAttempts: number;
  round: ResolvedRound;
  identities: { products: Record<string, ApkIdentity>; samples: Record<string, ApkIdentity> };
}

export function buildRoundPackage(round: ResolvedRound, roundSha256: string, inputs: VerifiedInputs): RoundPackage {
  return {
    roundId: round.id,
    roundSha256,
    maxAttempts: 1 + round.retries.infra,
    round,
    identities: { products: Object.fromEntries(inputs.products), samples: Object.fromEntries(inputs.samples) },
  };
}

/**
 * Every APK file a round installs, by SHA-256, split files of a split set included (a product and a
 * sample may share none, but two samples may share one).
 */
export function apkHashesOf(round: ResolvedRound): Map<string, string> {
  const files = new Map<string, string>();
  for (const product of round.products) {
    files.set(product.apk.sha256, product.apk.file);
    for (const split of product.apk.splits ?? []) files.set(split.sha256, split.file);
  }
  for (const sample of round.samples) {
    files.set(sample.sha256, sample.file);
    for (const split of sample.splits ?? []) files.set(split.sha256, split.file);
  }
  return files;
}

/**
 * The round as a worker runs it: every APK path replaced by the worker's verified copy
 * (`localFileOf(sha256)`), split files of a split set too, and the verified inputs rebuilt from the package's identities.
 */
export function localiseRound(pack: RoundPackage, localFileOf: (sha256: string) => string): { round: ResolvedRound; inputs: VerifiedInputs } {
  const round: ResolvedRound = {
    ...pack.round,
    products: pack.round.products.map((p) => ({
      ...p, apk: { ...p.apk, file: localFileOf(p.apk.sha256), ...(p.apk.splits === undefined ? {} : { splits: p.apk.splits.map((split) => ({ ...split, file: localFileOf(split.sha256) })) }) },
    })),
    samples: pack.round.samples.map((s) => ({
      ...s, file: localFileOf(s.sha256), ...(s.splits === undefined ? {} : { splits: s.splits.map((split) => ({ ...split, file: localFileOf(split.sha256) })) }),
    })),
  };
  const inputs: VerifiedInputs = { products: new Map(), samples: new Map(), byFile: new Map() };
  for (const product of round.products) {
    const identity = pack.identities.products[product.id];
    if (identity === undefined) continue;
    inputs.products.set(product.id, identity);
    inputs.byFile.set(product.apk.file, identity);
  }
  for (const sample of round.samples) {
    const identity = pack.identities.samples[sample.id];
    if (identity === undefined) continue;
    inputs.samples.set(sample.id, identity);
    inputs.byFile.set(sample.file, identity);
  }
  return { round, inputs };
}
