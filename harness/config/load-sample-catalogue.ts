import path from 'node:path';
import { loadYamlFile, type LoadOptions } from './load-yaml-file.ts';
import { sampleCatalogueSchema, type Sample } from './sample-catalogue-schema.ts';
import type { PinnedFile } from './verify-pinned-file.ts';
import type { YamlSource } from './yaml-source.ts';

/** A sample with its APK path made absolute, and the catalogue it came from. */
export interface ResolvedSample extends Omit<Sample, 'splits'> {
  /** Split APKs installed with `file` (`adb install-multiple`), paths absolute; absent for one APK or an .apks. */
  splits?: PinnedFile[];
  /** Absolute path of the APK. */
  file: string;
  /** Absolute path of the catalogue file. */
  catalogue: string;
  /** Where the pin is written, for messages: `scenarios/samples/demo.yaml:14 samples[3].sha256`. */
  pinnedAt: string;
}

export interface LoadedCatalogue {
  title: string | undefined;
  samples: ResolvedSample[];
  source: YamlSource;
}

/** Loads `scenarios/samples/<name>.yaml`; sample files are resolved against the catalogue's folder. */
export async function loadSampleCatalogue(file: string, options: LoadOptions = {}): Promise<LoadedCatalogue> {
  const { value, source } = await loadYamlFile(file, sampleCatalogueSchema, 'sample catalogue', options);
  const dir = path.dirname(source.file);
  return {
    title: value.title,
    samples: value.samples.map(({ splits, ...sample }, index) => ({
      ...sample,
      file: path.resolve(dir, sample.file),
      ...(splits === undefined ? {} : {
        splits: splits.map((split, at) => ({
          file: path.resolve(dir, split.file),
          sha256: split.sha256,
          pinnedAt: `${source.locate(['samples', index, 'splits', at, 'sha256'])} samples[${index}].splits[${at}].sha256`,
        })),
      }),
      catalogue: source.file,
      pinnedAt: `${source.locate(['samples', index, 'sha256'])} samples[${index}].sha256`,
    })),
    source,
  };
}
