export { emulatorProfileSchema, profileNameSchema } from './emulator-profile-schema.ts';
export type { EmulatorProfile, EmulatorProfileInput } from './emulator-profile-schema.ts';
export { loadEmulatorProfile, loadEmulatorProfiles } from './load-emulator-profile.ts';
export { loadYamlFile, displayPathOf } from './load-yaml-file.ts';
export type { LoadOptions, LoadedYaml } from './load-yaml-file.ts';
export { formatConfigPath } from './yaml-source.ts';
export type { YamlSource, ConfigPath } from './yaml-source.ts';
