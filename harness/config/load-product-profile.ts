import path from 'node:path';
import { loadYamlFile, type LoadOptions } from './load-yaml-file.ts';
import { productProfileSchema, type ProductProfile } from './product-profile-schema.ts';

/** A product profile with its APK path made absolute. */
export interface ResolvedProduct extends ProductProfile {
  /** Absolute path of the profile file. */
  profileFile: string;
  apk: { file: string; sha256: string };
}

/** Loads `scenarios/products/<id>.yaml`; the APK path is resolved against the profile's folder. */
export async function loadProductProfile(file: string, options: LoadOptions = {}): Promise<ResolvedProduct> {
  const { value, source } = await loadYamlFile(file, productProfileSchema, 'product profile', options);
  return {
    ...value,
    profileFile: source.file,
    apk: { ...value.apk, file: path.resolve(path.dirname(source.file), value.apk.file) },
  };
}
