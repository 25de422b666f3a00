import path from 'node:path';
import type { ApkIdentity } from '../apk/index.ts';
import { countCases, protocolsFor, type ResolvedRound } from '../config/index.ts';
import { recordedAppDelayScale } from '../round/app-delay-scale.ts';
import { planCriteria, type PlanCriteria } from './plan-criteria.ts';

/** Version of plan.json's layout; bumped when a field changes meaning. */
export const PLAN_FORMAT = 'stalkerbench-plan/1';

export interface PlanProduct {
  id: string;
  vendor: string;
  name: string;
  package: string;
  versionName: string | null;
  versionCode: number;
  apkSha256: string;
  profile: string;
  profileSha256: string;
}

export interface PlanFamily {
  family: string;
  kind: string;
  samples: number;
}

export interface PlanSampleHash {
  id: string;
  family: string;
  kind: string;
  package: string;
  sha256: string;
}

export type PlanDevices =
  | {
    kind: 'emulators';
    profiles: Array<{ name: string; apiLevel: number; release: string; systemImage: string; model: string; instances: number; snapshot: string }>;
    /**
     * The round's appDelayScale when it is not 1: the virtual apps' delays and the watch budgets
     * are scaled by it (harness/round/app-delay-scale.ts), as round.json will record. Absent at
     * real delays, so the plans of unscaled rounds keep their bytes.
     */
    appDelayScale?: number;
  }
  | { kind: 'physical'; phones: number; allowSamples: boolean };

/** Everything plan.json holds, in the order it is written (a stable key order keeps diffs small). */
export interface Plan {
  format: typeof PLAN_FORMAT;
  round: { id: string; title: string; file: string; sha256: string };
  dates: { start: string | null; end: string | null; generatedAt: string };
  harness: { version: string };
  products: PlanProduct[];
  modes: string[];
  samples: {
    total: number;
    byKind: { stalkerware: number; watchware: number; clean: number };
    families: PlanFamily[];
    /** The lab may withhold hashes until publication: then null. */
    hashes: PlanSampleHash[] | null;
    catalogues: Array<{ file: string; sha256: string }>;
  };
  cases: { total: number; formula: string };
  criteria: PlanCriteria;
  timeouts: { caseMs: number; stepMs: number; alertWatchMs: number; bootMs: number | null };
  retries: { infra: number };
  repetitions: number;
  concurrency: number;
  devices: PlanDevices;
}

export interface PlanInput {
  round: ResolvedRound;
  /** Identities of the product APKs, keyed by absolute APK path (from the round's check). */
  identities: ReadonlyMap<string, ApkIdentity>;
  /** SHA-256 of files by absolute path: the round file, product profiles, catalogues. */
  fileHashes: ReadonlyMap<string, string>;
  generatedAt: string;
  withHashes: boolean;
  harnessVersion: string;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The round's test plan, a pure function of the round, its files' hashes and `generatedAt`: the
 * same round gives the same plan byte for byte. Paths are relative to the round file, so the
 * plan does not depend on where the checkout lies.
 */
export function buildPlan(input: PlanInput): Plan {
  const { round } = input;
  const roundDir = path.dirname(round.file);
  const relative = (file: string): string => path.relative(roundDir, file).split(path.sep).join('/');
  const hashOf = (file: string): string => input.fileHashes.get(file) ?? '';
  const deviceProfiles = round.devices.kind === 'emulators' ? round.devices.profiles.length : 1;
  const sampleRuns = round.samples.reduce((sum, sample) => sum + protocolsFor(sample.kind, round.modes).length, 0);
  const families = new Map<string, PlanFamily>();
  for (const sample of round.samples) {
    const key = `${sample.kind}\u0000${sample.family}`;
    const entry = families.get(key) ?? { family: sample.family, kind: sample.kind, samples: 0 };
    entry.samples += 1;
    families.set(key, entry);
  }
  const catalogues = [...new Set(round.samples.map((sample) => sample.catalogue))].sort(byText);
  return {
    format: PLAN_FORMAT,
    round: { id: round.id, title: round.title, file: path.basename(round.file), sha256: hashOf(round.file) },
    dates: { start: round.dates?.start ?? null, end: round.dates?.end ?? null, generatedAt: input.generatedAt },
    harness: { version: input.harnessVersion },
    products: round.products.map((product) => {
      const identity = input.identities.get(product.apk.file);
      return {
        id: product.id, vendor: product.vendor, name: product.name, package: product.package,
        versionName: identity?.versionName ?? null, versionCode: identity?.versionCode ?? 0,
        apkSha256: product.apk.sha256, profile: relative(product.profileFile), profileSha256: hashOf(product.profileFile),
      };
    }),
    modes: [...round.modes],
    samples: {
      total: round.samples.length,
      byKind: {
        stalkerware: round.samples.filter((sample) => sample.kind === 'stalkerware').length,
        watchware: round.samples.filter((sample) => sample.kind === 'watchware').length,
        clean: round.samples.filter((sample) => sample.kind === 'clean').length,
      },
      families: [...families.values()].sort((a, b) => byText(a.kind, b.kind) || byText(a.family, b.family)),
      hashes: input.withHashes
        ? round.samples.map((sample) => ({ id: sample.id, family: sample.family, kind: sample.kind, package: sample.package, sha256: sample.sha256 })).sort((a, b) => byText(a.id, b.id))
        : null,
      // A catalogue's hash reveals none of its samples' hashes, yet shows whether the catalogue changed after the plan.
      catalogues: catalogues.map((file) => ({ file: relative(file), sha256: hashOf(file) })),
    },
    cases: {
      total: countCases({ products: round.products, samples: round.samples, modes: round.modes, repetitions: round.repetitions, deviceProfiles }),
      formula: `${plural(round.products.length, 'product')} × ${plural(deviceProfiles, 'device profile')} × ${plural(round.repetitions, 'repetition')} × ${plural(sampleRuns, 'sample run')}`,
    },
    criteria: planCriteria(round.detection, round.remediation),
    timeouts: { caseMs: round.timeouts.caseMs, stepMs: round.timeouts.stepMs, alertWatchMs: round.timeouts.alertWatchMs, bootMs: round.timeouts.bootMs ?? null },
    retries: { infra: round.retries.infra },
    repetitions: round.repetitions,
    concurrency: round.concurrency,
    devices: round.devices.kind === 'emulators'
      ? {
        kind: 'emulators',
        profiles: round.devices.profiles.map((profile) => ({
          name: profile.name, apiLevel: profile.apiLevel, release: profile.release, systemImage: profile.systemImage,
          model: profile.device.model, instances: profile.instances, snapshot: profile.snapshot,
        })),
        ...recordedAppDelayScale(round),
      }
      : { kind: 'physical', phones: round.devices.serials.length, allowSamples: round.devices.allowSamples },
  };
}
