import type { SampleKind } from './sample-catalogue-schema.ts';
import type { Mode } from './round-schema.ts';

export type Protocol = 'on-demand' | 'real-time';

/**
 * The protocols a sample runs under in a round. The rule (scenarios/README.md, "Modes"):
 * `on-demand` and `real-time` are protocols (on-demand when only false-positive is listed);
 * stalkerware samples run under each; watchware and clean samples run under each only when
 * `false-positive` is listed, as false-positive checks.
 */
export function protocolsFor(kind: SampleKind, modes: readonly Mode[]): Protocol[] {
  if (kind !== 'stalkerware' && !modes.includes('false-positive')) return [];
  const protocols = modes.filter((mode): mode is Protocol => mode === 'on-demand' || mode === 'real-time');
  return protocols.length > 0 ? protocols : ['on-demand'];
}

export interface CaseCountInput {
  products: readonly unknown[];
  samples: ReadonlyArray<{ kind: SampleKind }>;
  modes: readonly Mode[];
  repetitions: number;
  /** Device profiles the matrix spans (a physical pool counts as one). */
  deviceProfiles: number;
}

/** products × device profiles × repetitions × Σ over samples of the protocols each runs under. */
export function countCases(input: CaseCountInput): number {
  const perProduct = input.samples.reduce((sum, sample) => sum + protocolsFor(sample.kind, input.modes).length, 0);
  return input.products.length * input.deviceProfiles * input.repetitions * perProduct;
}
