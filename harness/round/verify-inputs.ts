import type { ApkIdentity } from '../apk/index.ts';
import { combineErrors } from '../config/combine-errors.ts';
import { displayPathOf, verifyPinnedFile, type PinnedFile, type ResolvedRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { readConfiguredApk, type SetFile } from './configured-apk.ts';

/** The identities read from every APK a round installs. */
export interface VerifiedInputs {
  /** Keyed by product id. */
  products: Map<string, ApkIdentity>;
  /** Keyed by sample id. */
  samples: Map<string, ApkIdentity>;
  /** Keyed by absolute APK path. */
  byFile: Map<string, ApkIdentity>;
  /** The files of each split set (base first), keyed by the absolute path of its `file`; absent for single APKs. */
  setFiles?: Map<string, SetFile[]>;
}

interface Declared {
  kind: 'product' | 'sample';
  id: string;
  file: string;
  sha256: string;
  pinnedAt: string;
  packageName: string;
  splits: PinnedFile[] | undefined;
}

/**
 * Checks every APK a round names before any device is touched: it exists, has its pinned SHA-256,
 * and declares the package it is listed with. Samples are live spyware: an unexpected file is never
 * installed. Every problem is reported together (`validate` and `run` both use this).
 */
export async function verifyRoundInputs(round: ResolvedRound, cwd: string): Promise<VerifiedInputs> {
  const declared: Declared[] = [
    ...round.products.map((p) => ({ kind: 'product' as const, id: p.id, file: p.apk.file, sha256: p.apk.sha256, pinnedAt: p.pinnedAt, packageName: p.package, splits: p.apk.splits })),
    ...round.samples.map((s) => ({ kind: 'sample' as const, id: s.id, file: s.file, sha256: s.sha256, pinnedAt: s.pinnedAt, packageName: s.package, splits: s.splits })),
  ];
  const inputs: VerifiedInputs = { products: new Map(), samples: new Map(), byFile: new Map(), setFiles: new Map() };
  const perFile = await Promise.all(declared.map(async (entry): Promise<unknown[]> => {
    const found: unknown[] = [];
    // A split set: every file has its own pin, and all are checked before anything is read or installed.
    for (const pin of [entry, ...(entry.splits ?? [])]) {
      try {
        await verifyPinnedFile(pin, cwd);
      } catch (error) {
        found.push(error);
      }
    }
    // A missing file has nothing more to check; a mismatching one is still read for its package.
    if (found.some((error) => error instanceof HarnessError && error.code === 'FILE_NOT_FOUND')) return found;
    try {
      const { identity, setFiles } = await readConfiguredApk(entry);
      inputs.byFile.set(entry.file, identity);
      if (setFiles !== undefined) inputs.setFiles?.set(entry.file, setFiles);
      (entry.kind === 'product' ? inputs.products : inputs.samples).set(entry.id, identity);
      if (identity.packageName !== entry.packageName) {
        const field = entry.pinnedAt.replace(/sha256$/, 'package');
        found.push(new HarnessError('PACKAGE_MISMATCH', `${field}: declared ${entry.packageName} but ${displayPathOf(entry.file, cwd)} is ${identity.packageName}`, {
          hint: 'fix the `package` field, or point `file` at the right APK',
        }));
      }
    } catch (error) {
      found.push(error);
    }
    return found;
  }));
  // In the order the files are declared, whatever order the reads finished in.
  const problems = perFile.flat();
  if (problems.length > 0) {
    throw combineErrors(problems, `${displayPathOf(round.file, cwd)}: ${problems.length} problems with the files the round names`);
  }
  return inputs;
}
