/**
 * Test support: the trust round of issue 12 (test/fixtures/trust/): its product profiles, its sample
 * catalogue and expected.yaml, the outcome a correct harness must give for every case.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadProductProfile, loadSampleCatalogue, type ResolvedProduct, type ResolvedSample } from '../../../harness/config/index.ts';

export const TRUST_DIR = fileURLToPath(new URL('../../../test/fixtures/trust/', import.meta.url));

export const TRUST_PRODUCTS = ['pulse', 'plainguard', 'linescan', 'firstlook', 'allseeing', 'brittle', 'overlay'] as const;
export type TrustProductId = (typeof TRUST_PRODUCTS)[number];

export const HARNESS_APPS = ['io.appium.settings', 'io.appium.uiautomator2.server'] as const;

const expectedCaseSchema = z.strictObject({
  status: z.enum(['completed', 'product-error', 'flow-error', 'infra-error']),
  code: z.string().min(1).optional(),
  detected: z.boolean(),
  detectedBy: z.array(z.enum(['first-start', 'real-time', 'scan'])),
  alerted: z.boolean(),
  identifiedBy: z.enum(['package', 'threat-name', 'label', 'name-pattern']).nullable(),
  ambiguous: z.boolean(),
  harnessNoise: z.array(z.string().min(1)),
  reason: z.string().min(1),
}).superRefine((value, context) => {
  if ((value.status === 'completed') === (value.code !== undefined)) context.addIssue({ code: 'custom', message: 'a code is given exactly when the case is not completed' });
  if (value.detected !== (value.detectedBy.length > 0)) context.addIssue({ code: 'custom', message: 'detected must equal detectedBy being non-empty' });
  if (value.detected !== (value.identifiedBy !== null)) context.addIssue({ code: 'custom', message: 'a detection names the rule that identified the sample, and only a detection' });
  if (value.alerted && !value.detected) context.addIssue({ code: 'custom', message: 'an alert that identifies the sample is a detection' });
  if (value.ambiguous && value.identifiedBy !== 'label' && value.identifiedBy !== 'name-pattern') context.addIssue({ code: 'custom', message: 'only a label or name match can be ambiguous' });
});

export type ExpectedTrustCase = z.output<typeof expectedCaseSchema>;
export type TrustExpectations = Record<string, Record<string, { 'on-demand': ExpectedTrustCase; 'real-time': ExpectedTrustCase }>>;

const expectedSchema = z.strictObject({
  products: z.record(z.string(), z.record(z.string(), z.strictObject({ 'on-demand': expectedCaseSchema, 'real-time': expectedCaseSchema }))),
});

export async function readTrustExpectations(): Promise<TrustExpectations> {
  return expectedSchema.parse(parse(await readFile(`${TRUST_DIR}expected.yaml`, 'utf8'))).products;
}

export async function readTrustProduct(id: TrustProductId): Promise<ResolvedProduct> {
  return loadProductProfile(`${TRUST_DIR}products/${id}.yaml`);
}

export async function readTrustSamples(): Promise<ResolvedSample[]> {
  return (await loadSampleCatalogue(`${TRUST_DIR}samples/trust-catalogue.yaml`)).samples;
}
