import type { ResolvedRound } from '../config/index.ts';
import { protocolsFor } from '../config/index.ts';
import type { PlannedCase } from '../results/index.ts';

/** Device profiles a round spans: emulator profile names, or `physical` for a round on phones. */
export function deviceProfilesOf(round: ResolvedRound): string[] {
  return round.devices.kind === 'emulators' ? round.devices.profiles.map((profile) => profile.name) : ['physical'];
}

/** `sentinel__mspy__on-demand__pixel-api33__r1`: stable across runs, so `--resume` finds finished cases. */
export function caseIdOf(planned: Omit<PlannedCase, 'caseId'>): string {
  return [planned.productId, planned.sampleId, planned.mode, planned.deviceProfile, `r${planned.repetition}`].join('__');
}

/**
 * The case matrix of a round, in a stable order that spreads work: repetition, then device
 * profile, then sample, then mode, then product — so the products meet each sample at about the same
 * time, as AV-TEST runs all products on the same case at once.
 */
export function planCases(round: ResolvedRound): PlannedCase[] {
  const cases: PlannedCase[] = [];
  for (let repetition = 1; repetition <= round.repetitions; repetition += 1) {
    for (const deviceProfile of deviceProfilesOf(round)) {
      for (const sample of round.samples) {
        for (const mode of protocolsFor(sample.kind, round.modes)) {
          for (const product of round.products) {
            const planned = { productId: product.id, sampleId: sample.id, mode, repetition, deviceProfile };
            cases.push({ caseId: caseIdOf(planned), ...planned });
          }
        }
      }
    }
  }
  return cases;
}
