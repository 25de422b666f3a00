import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { relative } from 'node:path';
import { readApkIdentity } from '../apk/index.ts';
import type { ApkIdentity } from '../apk/types.ts';
import type { ResolvedRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The identities read from every APK a round installs, keyed by product / sample id. */
export interface VerifiedInputs {
  products: Map<string, ApkIdentity>;
  samples: Map<string, ApkIdentity>;
}

interface PinnedApk {
  owner: string;
  file: string;
  sha256: string;
  packageName: string;
  /** Where the pin is written, for the message (`scenarios/samples/demo-catalogue.yaml`). */
  declaredIn: string;
}

/** Checks one pinned APK: the file's SHA-256 equals the pin, and it declares the expected package. */
export async function verifyPinnedApk(pin: PinnedApk, cwd: string): Promise<ApkIdentity> {
  const shown = relative(cwd, pin.file) || pin.file;
  const actual = await sha256OfFile(pin.file).catch((error: unknown) => {
    throw new HarnessError('FILE_NOT_FOUND', `${pin.declaredIn}: ${pin.owner}: cannot read ${shown}`, {
      cause: error,
      hint: 'check the path (relative to the YAML file) or run `npm run fixtures` to build the demo APKs',
    });
  });
  if (actual !== pin.sha256) {
    throw new HarnessError('SAMPLE_HASH_MISMATCH', `${pin.declaredIn}: ${pin.owner}: ${shown} has SHA-256 ${actual}, but ${pin.sha256} is pinned`, {
      hint: 'this is not the file the round was written for: restore the right file, or update the pin after checking the new file',
    });
  }
  const identity = await readApkIdentity(pin.file);
  if (identity.sha256 !== pin.sha256) {
    throw new HarnessError('SAMPLE_HASH_MISMATCH', `${pin.declaredIn}: ${pin.owner}: ${shown} changed while it was being read`, { hint: 'run the round again' });
  }
  if (identity.packageName !== pin.packageName) {
    throw new HarnessError('PACKAGE_MISMATCH', `${pin.declaredIn}: ${pin.owner}: ${shown} declares package ${identity.packageName}, but ${pin.packageName} is expected`, {
      hint: 'fix the package in the YAML or use the right APK',
    });
  }
  return identity;
}

/**
 * Verifies every APK of a round before any device is touched: pinned SHA-256, package, readable
 * manifest. The first problem stops the round; samples are live spyware and an unexpected file is
 * never installed.
 */
export async function verifyRoundInputs(round: ResolvedRound, cwd: string): Promise<VerifiedInputs> {
  const products = new Map<string, ApkIdentity>();
  const samples = new Map<string, ApkIdentity>();
  for (const product of round.products) {
    products.set(product.id, await verifyPinnedApk({
      owner: `product ${product.id}`, file: product.apk.file, sha256: product.apk.sha256, packageName: product.package,
      declaredIn: product.pinnedAt,
    }, cwd));
  }
  for (const sample of round.samples) {
    samples.set(sample.id, await verifyPinnedApk({
      owner: `sample ${sample.id}`, file: sample.file, sha256: sample.sha256, packageName: sample.package,
      declaredIn: sample.pinnedAt,
    }, cwd));
  }
  return { products, samples };
}
