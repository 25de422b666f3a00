import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { combineErrors } from './combine-errors.ts';
import { idSchema } from './common-schemas.ts';
import type { EmulatorProfile } from './emulator-profile-schema.ts';
import { loadEmulatorProfiles } from './load-emulator-profile.ts';
import { loadProductProfile, type ResolvedProduct } from './load-product-profile.ts';
import { loadSampleCatalogue, type ResolvedSample } from './load-sample-catalogue.ts';
import { displayPathOf, loadYamlFile, type LoadOptions } from './load-yaml-file.ts';
import { roundSchema, type Round } from './round-schema.ts';
import type { YamlSource } from './yaml-source.ts';

export interface LoadRoundOptions extends LoadOptions {
  /**
   * Folder of device profiles.
   * @default the nearest `emulator-configs/` in or above the round's folder, else `<cwd>/emulator-configs`
   */
  emulatorConfigsDir?: string;
}

export type ResolvedDevices =
  | { kind: 'emulators'; profiles: EmulatorProfile[] }
  | { kind: 'physical'; serials: string[]; allowSamples: boolean };

/** A round with every reference loaded, validated and every path absolute. */
export interface ResolvedRound extends Omit<Round, 'products' | 'samples' | 'devices' | 'output'> {
  /** Absolute path of the round file. */
  file: string;
  products: ResolvedProduct[];
  samples: ResolvedSample[];
  devices: ResolvedDevices;
  output: { dir: string };
}

/** A problem found while resolving; turned into one HarnessError listing all of them. */
type Problem = HarnessError;

/**
 * Loads a round and everything it names: product profiles (by file or id, ids looked up as
 * `../products/<id>.yaml` next to the round), sample catalogues and the selected samples, emulator
 * profiles. Every problem is reported at once; a name that points nowhere is REFERENCE_UNDEFINED
 * with the round's file:line and the names that are defined.
 */
export async function loadRound(file: string, options: LoadRoundOptions = {}): Promise<ResolvedRound> {
  const cwd = options.cwd ?? process.cwd();
  const { value: round, source } = await loadYamlFile(file, roundSchema, 'round', { cwd });
  const roundDir = path.dirname(source.file);
  const problems: Problem[] = [];
  const [products, samples, devices] = await Promise.all([
    resolveProducts(round, source, cwd, problems),
    resolveSamples(round, source, cwd, problems),
    resolveDevices(round, source, cwd, options.emulatorConfigsDir, problems),
  ]);
  checkModes(round, source, samples, problems);
  checkLimits(round, source, products, problems);
  checkPhysicalDevices(round, source, samples, problems);
  if (problems.length > 0) {
    // References first: they are usually the cause of what follows.
    problems.sort((a, b) => Number(b.code === 'REFERENCE_UNDEFINED') - Number(a.code === 'REFERENCE_UNDEFINED'));
    throw combineErrors(problems, `${source.displayPath}: ${problems.length} problems in the round or the files it names`);
  }
  return {
    ...round,
    file: source.file,
    products,
    samples,
    // Undefined only when a problem was recorded above, and then this line is not reached.
    devices: devices ?? { kind: 'emulators', profiles: [] },
    output: { dir: round.output.dir === undefined ? path.resolve(cwd, 'reports', round.id) : path.resolve(roundDir, round.output.dir) },
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

async function yamlNamesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((entry) => /\.ya?ml$/.test(entry)).map((entry) => entry.replace(/\.ya?ml$/, '')).sort();
}

function undefinedReference(source: YamlSource, at: Array<string | number>, what: string, defined: readonly string[], where: string): HarnessError {
  const list = defined.length > 0 ? defined.join(', ') : '(none)';
  return new HarnessError('REFERENCE_UNDEFINED', `${source.locate(at)} ${formatAt(at)}: ${what} is not defined (defined in ${where}: ${list})`, {
    hint: `use one of: ${list}`,
  });
}

function formatAt(at: Array<string | number>): string {
  return at.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

async function resolveProducts(round: Round, source: YamlSource, cwd: string, problems: Problem[]): Promise<ResolvedProduct[]> {
  const roundDir = path.dirname(source.file);
  const productsDir = path.resolve(roundDir, '../products');
  const defined = await yamlNamesIn(productsDir);
  const loaded = await Promise.all(
    round.products.map(async (reference, index): Promise<ResolvedProduct | undefined> => {
      const byPath = /\.ya?ml$/.test(reference);
      if (!byPath && !idSchema.safeParse(reference).success) {
        problems.push(new HarnessError('CONFIG_INVALID', `${source.locate(['products', index])} products[${index}]: '${reference}' is neither a product id nor a profile file`, {
          hint: 'name a product by its id (lower-case letters, digits and "-", looked up in ../products/) or by a profile file ending in .yaml or .yml',
        }));
        return undefined;
      }
      const file = byPath ? path.resolve(roundDir, reference) : [`${reference}.yaml`, `${reference}.yml`].map((name) => path.join(productsDir, name)).find(isFile);
      if (file === undefined || !isFile(file)) {
        const what = byPath ? `product profile file '${reference}'` : `product '${reference}'`;
        problems.push(undefinedReference(source, ['products', index], what, defined, displayPathOf(productsDir, cwd)));
        return undefined;
      }
      try {
        const profile = await loadProductProfile(file, { cwd });
        if (!byPath && profile.id !== reference) {
          problems.push(new HarnessError('CONFIG_INVALID', `${source.locate(['products', index])} products[${index}]: '${reference}' names ${displayPathOf(file, cwd)} whose id is '${profile.id}'`, {
            hint: 'name product profile files after their id',
          }));
        }
        return profile;
      } catch (error) {
        problems.push(referredFrom(error, source, ['products', index]));
        return undefined;
      }
    }),
  );
  const products = loaded.filter((product): product is ResolvedProduct => product !== undefined);
  const seen = new Set<string>();
  for (const [index, product] of products.entries()) {
    if (seen.has(product.id)) {
      problems.push(new HarnessError('CONFIG_INVALID', `${source.locate(['products', index])} products: product '${product.id}' is listed twice`, { hint: 'list each product once' }));
    }
    seen.add(product.id);
  }
  return products;
}

async function resolveSamples(round: Round, source: YamlSource, cwd: string, problems: Problem[]): Promise<ResolvedSample[]> {
  const roundDir = path.dirname(source.file);
  const selected: ResolvedSample[] = [];
  const selectedAt = new Map<string, number>();
  for (const [index, selection] of round.samples.entries()) {
    const file = path.resolve(roundDir, selection.catalogue);
    if (!isFile(file)) {
      const defined = await yamlNamesIn(path.dirname(file));
      problems.push(undefinedReference(source, ['samples', index, 'catalogue'], `sample catalogue '${selection.catalogue}'`, defined, displayPathOf(path.dirname(file), cwd)));
      continue;
    }
    let samples: ResolvedSample[];
    try {
      samples = (await loadSampleCatalogue(file, { cwd })).samples;
    } catch (error) {
      problems.push(referredFrom(error, source, ['samples', index, 'catalogue']));
      continue;
    }
    const byId = new Map(samples.map((sample) => [sample.id, sample]));
    const ids = selection.select === 'all' ? samples.map((sample) => sample.id) : selection.select;
    for (const [position, id] of ids.entries()) {
      const sample = byId.get(id);
      if (!sample) {
        problems.push(undefinedReference(source, ['samples', index, 'select', position], `sample '${id}'`, [...byId.keys()], displayPathOf(file, cwd)));
        continue;
      }
      const previous = selectedAt.get(id);
      if (previous !== undefined) {
        problems.push(new HarnessError('CONFIG_INVALID', `${source.locate(['samples', index])} samples[${index}]: sample '${id}' is already selected by samples[${previous}]`, {
          hint: 'select each sample once (sample ids must be unique across catalogues in a round)',
        }));
        continue;
      }
      selectedAt.set(id, index);
      selected.push(sample);
    }
  }
  return selected;
}

function findEmulatorConfigsDir(start: string, cwd: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'emulator-configs');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(cwd, 'emulator-configs');
  }
}

async function resolveDevices(
  round: Round, source: YamlSource, cwd: string, configured: string | undefined, problems: Problem[],
): Promise<ResolvedDevices | undefined> {
  if (!Array.isArray(round.devices)) {
    return { kind: 'physical', serials: round.devices.physical.serials, allowSamples: round.devices.physical.allowSamples };
  }
  const dir = configured === undefined ? findEmulatorConfigsDir(path.dirname(source.file), cwd) : path.resolve(cwd, configured);
  let profiles: EmulatorProfile[];
  try {
    profiles = await loadEmulatorProfiles(dir, { cwd });
  } catch (error) {
    problems.push(asHarnessError(error));
    return undefined;
  }
  const byName = new Map(profiles.map((profile) => [profile.name, profile]));
  const chosen: EmulatorProfile[] = [];
  for (const [index, entry] of round.devices.entries()) {
    const name = typeof entry === 'string' ? entry : entry.profile;
    const profile = byName.get(name);
    if (!profile) {
      problems.push(undefinedReference(source, ['devices', index, ...(typeof entry === 'string' ? [] : ['profile'])], `emulator profile '${name}'`, [...byName.keys()], displayPathOf(dir, cwd)));
    } else if (chosen.some((other) => other.name === name)) {
      problems.push(new HarnessError('CONFIG_INVALID', `${source.locate(['devices', index])} devices[${index}]: '${name}' is listed twice`, { hint: `for more emulators of one kind write { profile: ${name}, instances: N } once, or raise \`instances\` in the profile` }));
    } else {
      // The round's own count replaces the profile's for this round only.
      chosen.push(typeof entry === 'string' ? profile : { ...profile, instances: entry.instances });
    }
  }
  return { kind: 'emulators', profiles: chosen };
}

function checkModes(round: Round, source: YamlSource, samples: readonly ResolvedSample[], problems: Problem[]): void {
  if (round.modes.includes('false-positive')) return;
  const others = samples.filter((sample) => sample.kind !== 'stalkerware');
  if (others.length === 0) return;
  problems.push(new HarnessError('CONFIG_INVALID', `${source.locate(['modes'])} modes: ${others.map((sample) => `${sample.id} (${sample.kind})`).join(', ')} would not run without the false-positive mode`, {
    hint: 'add false-positive to modes, or leave watchware and clean samples out of `select`',
  }));
}

/** `limits` names products of this round only (a typo would otherwise lift a licence's limit without a word). */
function checkLimits(round: Round, source: YamlSource, products: readonly ResolvedProduct[], problems: Problem[]): void {
  const ids = products.map((product) => product.id);
  for (const productId of Object.keys(round.limits)) {
    if (ids.includes(productId) || products.length < round.products.length) continue;
    problems.push(undefinedReference(source, ['limits', productId], `product '${productId}' (limited here)`, ids, 'the round\'s products'));
  }
}

function checkPhysicalDevices(round: Round, source: YamlSource, samples: readonly ResolvedSample[], problems: Problem[]): void {
  if (Array.isArray(round.devices) || round.devices.physical.allowSamples) return;
  const risky = samples.filter((sample) => sample.kind !== 'clean');
  if (risky.length === 0) return;
  problems.push(new HarnessError('PHYSICAL_DEVICE_REFUSED', `${source.locate(['devices', 'physical'])} devices.physical: the round would install ${risky.length} monitoring sample(s) (${risky.map((sample) => sample.id).join(', ')}) on physical phones`, {
    hint: 'samples are live spyware: use emulators, or set devices.physical.allowSamples: true on phones set aside for testing',
  }));
}

/**
 * A problem in a file the round names, prefixed with the round's field that named it
 * (`scenarios/rounds/q4.yaml:7 products[2]: …`), so that every error says where the file came from.
 */
function referredFrom(error: unknown, source: YamlSource, at: Array<string | number>): HarnessError {
  const problem = asHarnessError(error);
  return new HarnessError(problem.code, `${source.locate(at)} ${formatAt(at)}: ${problem.message}`, {
    cause: problem, details: problem.details, ...(problem.hint === undefined ? {} : { hint: problem.hint }),
  });
}

function asHarnessError(error: unknown): HarnessError {
  if (error instanceof HarnessError) return error;
  return new HarnessError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
}
