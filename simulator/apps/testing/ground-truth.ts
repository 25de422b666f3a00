/** Test support: the demo fixtures, the product profiles and scenarios/ground-truth.yaml, read for tests. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadProductProfile, loadSampleCatalogue, type ResolvedProduct } from '../../../harness/config/index.ts';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

export interface ExpectedOutcome {
  detected: boolean;
  detectedBy: Array<'scan' | 'first-start' | 'real-time'>;
  alerted: boolean;
}

export type GroundTruth = Record<string, Record<string, { 'on-demand': ExpectedOutcome; 'real-time': ExpectedOutcome }>>;

export async function readGroundTruth(): Promise<GroundTruth> {
  const text = await readFile(`${SCENARIOS_DIR}ground-truth.yaml`, 'utf8');
  return (parse(text) as { products: GroundTruth }).products;
}

export interface DemoSample {
  id: string;
  packageName: string;
  label: string;
  apk: string;
}

export async function readDemoSamples(): Promise<DemoSample[]> {
  const catalogue = await loadSampleCatalogue(`${SCENARIOS_DIR}samples/demo-catalogue.yaml`);
  return catalogue.samples.map((sample) => ({
    id: sample.id,
    packageName: sample.package,
    label: sample.label ?? sample.family,
    apk: sample.file,
  }));
}

export async function readProduct(id: string): Promise<ResolvedProduct> {
  return loadProductProfile(`${SCENARIOS_DIR}products/${id}.yaml`);
}
