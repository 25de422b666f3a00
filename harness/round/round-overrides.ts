import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { hashFile, type ResolvedRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';

/**
 * What `stalkerbench run` may change in a round without editing its files, for a vendor's CI: test
 * this build of a product, and write the results somewhere of the pipeline's choosing.
 */
export interface RoundOverrides {
  /** Product id → APK file (absolute): this build replaces the profile's APK and its pin. */
  productApks?: ReadonlyMap<string, string>;
  /** Absolute results folder instead of the round's `output.dir`. */
  outputDir?: string;
  /** Run only these products' cases (`run --products a,b`). */
  onlyProducts?: readonly string[];
}

/**
 * Applies overrides to a loaded round. An overriding APK is pinned to the SHA-256 it has now (so
 * the file cannot change between this check and its install, and round.json records that build);
 * its package is then checked against the profile like any other APK.
 */
export async function applyRoundOverrides(round: ResolvedRound, overrides: RoundOverrides, cwd: string): Promise<ResolvedRound> {
  const apks = overrides.productApks ?? new Map<string, string>();
  const known = round.products.map((p) => p.id);
  const problems: HarnessError[] = [];
  for (const id of overrides.onlyProducts ?? []) {
    if (!known.includes(id)) problems.push(new HarnessError('USAGE', `--products ${id}: the round has no product '${id}'`, { hint: `products of this round: ${known.join(', ')}` }));
  }
  for (const [id, file] of apks) {
    const shown = relative(cwd, file) || file;
    if (!known.includes(id)) {
      problems.push(new HarnessError('USAGE', `--product ${id}=${shown}: the round has no product '${id}'`, { hint: `products of this round: ${known.join(', ')}` }));
      continue;
    }
    if (overrides.onlyProducts !== undefined && !overrides.onlyProducts.includes(id)) {
      problems.push(new HarnessError('USAGE', `--product ${id}=${shown}: '${id}' is not among --products ${overrides.onlyProducts.join(',')}`, { hint: `add ${id} to --products, or drop this --product` }));
      continue;
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) problems.push(new HarnessError('FILE_NOT_FOUND', `--product ${id}=${shown}: no such file`, { hint: 'give the path of the APK to test, relative to the current folder' }));
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    throw new HarnessError('USAGE', `${problems.length} problems with the command's options: ${problems.map((p) => p.message).join('; ')}`, { hint: `products of this round: ${known.join(', ')}` });
  }
  const only = overrides.onlyProducts === undefined ? undefined : new Set(overrides.onlyProducts);
  const selected = only === undefined ? round.products : round.products.filter((product) => only.has(product.id));
  const products = await Promise.all(selected.map(async (product) => {
    const file = apks.get(product.id);
    if (file === undefined) return product;
    return { ...product, apk: { file, sha256: await hashFile(file) }, pinnedAt: `--product ${product.id}` };
  }));
  return { ...round, products, output: overrides.outputDir === undefined ? round.output : { dir: overrides.outputDir } };
}

/** Parses `--product id=path` values (paths relative to cwd are resolved by the caller). */
export function parseProductOverrides(values: readonly string[]): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const value of values) {
    const at = value.indexOf('=');
    const id = value.slice(0, at).trim();
    const file = value.slice(at + 1).trim();
    if (at <= 0 || file === '') {
      throw new HarnessError('USAGE', `--product ${value}: expected <product id>=<apk file>`, { hint: 'e.g. --product sentinel=build/outputs/apk/release/app-release.apk' });
    }
    if (parsed.has(id)) throw new HarnessError('USAGE', `--product ${id} is given twice`, { hint: 'give each product at most one APK' });
    parsed.set(id, file);
  }
  return parsed;
}
