import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { settleAll } from './combine-errors.ts';
import { emulatorProfileSchema, type EmulatorProfile } from './emulator-profile-schema.ts';
import { displayPathOf, loadYamlFile, type LoadOptions } from './load-yaml-file.ts';

/** Loads and validates one `emulator-configs/<name>.yaml`. */
export async function loadEmulatorProfile(file: string, options: LoadOptions = {}): Promise<EmulatorProfile> {
  const { value } = await loadYamlFile(file, emulatorProfileSchema, 'emulator profile', options);
  return value;
}

/**
 * Loads every `*.yaml` / `*.yml` in `dir`, sorted by profile name. Problems in several files are
 * reported together; two files declaring the same `name` are CONFIG_INVALID.
 */
export async function loadEmulatorProfiles(dir: string, options: LoadOptions = {}): Promise<EmulatorProfile[]> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, dir);
  let entries: string[];
  try {
    entries = await readdir(absolute);
  } catch (error) {
    throw new HarnessError('CONFIG_NOT_FOUND', `emulator profile folder not found: ${displayPathOf(absolute, cwd)}`, {
      cause: error,
      hint: 'pass the folder holding the device profiles (emulator-configs/ in the repository)',
    });
  }
  const files = entries.filter((entry) => /\.ya?ml$/.test(entry)).sort();
  const loaded = await settleAll(
    files.map(async (entry) => ({ file: path.join(absolute, entry), profile: await loadEmulatorProfile(path.join(absolute, entry), { cwd }) })),
    (failed) => `${failed} emulator profiles in ${displayPathOf(absolute, cwd)} are invalid`,
  );
  const byName = new Map<string, string>();
  const profiles: EmulatorProfile[] = [];
  for (const { file, profile } of loaded) {
    const previous = byName.get(profile.name);
    if (previous !== undefined) {
      throw new HarnessError('CONFIG_INVALID', `two emulator profiles are named '${profile.name}': ${displayPathOf(previous, cwd)} and ${displayPathOf(file, cwd)}`, {
        hint: 'give every profile a distinct `name` (usually the file name without .yaml)',
      });
    }
    byName.set(profile.name, file);
    profiles.push(profile);
  }
  return profiles.sort((a, b) => a.name.localeCompare(b.name));
}
