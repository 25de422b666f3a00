import path from 'node:path';
import type { Flow } from './flow-schema.ts';
import { loadNamedFlows, type FlowCheckOptions } from './load-flow-snippets.ts';
import { loadYamlFile } from './load-yaml-file.ts';
import { productProfileSchema, type ProductProfile } from './product-profile-schema.ts';
import type { PinnedFile } from './verify-pinned-file.ts';

/** A product profile with its APK path made absolute. */
export interface ResolvedProduct extends ProductProfile {
  /** Absolute path of the profile file. */
  profileFile: string;
  /** `splits` (each with its absolute path and where its pin is written) only for a base + splits set. */
  apk: { file: string; sha256: string; splits?: PinnedFile[] };
  /** Where the APK pin is written, for messages: `scenarios/products/x.yaml:9 apk.sha256`. */
  pinnedAt: string;
  /** Every flow `run` steps may call: the profile's own and those of its `use:` snippets. */
  namedFlows: Record<string, Flow>;
}

/**
 * Loads `scenarios/products/<id>.yaml`; the APK path is resolved against the profile's folder. Its
 * `use:` snippets are loaded and every flow is checked (run calls, cycles, parameters, `${env:NAME}`).
 */
export async function loadProductProfile(file: string, options: FlowCheckOptions = {}): Promise<ResolvedProduct> {
  const { value, source } = await loadYamlFile(file, productProfileSchema, 'product profile', options.cwd === undefined ? {} : { cwd: options.cwd });
  const namedFlows = await loadNamedFlows(value.flows, value.use, source, options);
  return {
    ...value,
    profileFile: source.file,
    pinnedAt: `${source.locate(['apk', 'sha256'])} apk.sha256`,
    apk: {
      file: path.resolve(path.dirname(source.file), value.apk.file),
      sha256: value.apk.sha256,
      ...(value.apk.splits === undefined ? {} : {
        splits: value.apk.splits.map((split, index) => ({
          file: path.resolve(path.dirname(source.file), split.file),
          sha256: split.sha256,
          pinnedAt: `${source.locate(['apk', 'splits', index, 'sha256'])} apk.splits[${index}].sha256`,
        })),
      }),
    },
    namedFlows,
  };
}
