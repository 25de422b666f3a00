import path from 'node:path';
import { loadYamlFile, type LoadOptions } from './load-yaml-file.ts';
import { productProfileSchema, type ProductProfile } from './product-profile-schema.ts';

/** A product profile with its APK path made absolute. */
export interface ResolvedProduct extends ProductProfile {
  /** Absolute path of the profile file. */
  profileFile: string;
  apk: { file: string; sha256: string };
  /** Where the APK pin is written, for messages: `scenarios/products/x.yaml:9 apk.sha256`. */
  pinnedAt: string;
}

/** Loads `scenarios/products/<id>.yaml`; the APK path is resolved against the profile's folder. */
export async function loadProductProfile(file: string, options: LoadOptions = {}): Promise<ResolvedProduct> {
  const { value, source } = await loadYamlFile(file, productProfileSchema, 'product profile', options);
  return {
    ...value,
    profileFile: source.file,
    pinnedAt: `${source.locate(['apk', 'sha256'])} apk.sha256`,
    apk: { ...value.apk, file: path.resolve(path.dirname(source.file), value.apk.file) },
  };
}
