import { HarnessError } from '../errors/index.ts';
import { loadYamlFile, type LoadOptions } from '../config/load-yaml-file.ts';
import { indicatorFileSchema, type IndicatorEntry } from './indicator-schema.ts';

/**
 * Reads a stalkerware-indicators file (`ioc.yaml`, `watchware.yaml`). Malformed YAML or entries
 * without the fields matching needs are INDICATORS_INVALID with file:line; a missing file is
 * CONFIG_NOT_FOUND.
 */
export async function loadIndicators(file: string, options: LoadOptions = {}): Promise<IndicatorEntry[]> {
  try {
    return (await loadYamlFile(file, indicatorFileSchema, 'indicators file', options)).value;
  } catch (error) {
    if (error instanceof HarnessError && (error.code === 'YAML_SYNTAX' || error.code === 'CONFIG_INVALID')) {
      throw new HarnessError('INDICATORS_INVALID', error.message, {
        details: error.details,
        cause: error,
        hint: 'point at ioc.yaml / watchware.yaml from github.com/AssoEchap/stalkerware-indicators, unmodified',
      });
    }
    throw error;
  }
}
