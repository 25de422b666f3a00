import type { ResolvedRound } from '../config/index.ts';
import type { PlannedCase, RoundFile, RoundFileInput } from '../results/index.ts';
import { recordedAppDelayScale } from './app-delay-scale.ts';
import type { VerifiedInputs } from './verify-inputs.ts';

export interface RoundFileParts {
  round: ResolvedRound;
  inputs: VerifiedInputs;
  /** round.json of the run being resumed: its start time and the product versions it read. */
  previous: RoundFile | undefined;
  identity: RoundFileInput['round'];
  harness: RoundFileInput['harness'];
  /** When this run started (a resumed round keeps the first run's start). */
  startedAt: Date;
  plan: PlannedCase[];
  devices: RoundFileInput['devices'];
}

/**
 * round.json's content at the start of a run, shared by `run` and the distributed coordinator: the
 * plan, the products (versions read by an earlier run kept), the samples' identities and the criteria.
 */
export function describeRoundFile(parts: RoundFileParts): RoundFileInput {
  const { round, inputs, previous } = parts;
  return {
    schemaVersion: 1, round: parts.identity, harness: parts.harness,
    startedAt: previous?.startedAt ?? parts.startedAt.toISOString(), finishedAt: null,
    plan: { cases: parts.plan },
    products: round.products.map((p) => {
      const before = previous?.products.find((q) => q.id === p.id);
      const apkFiles = inputs.setFiles?.get(p.apk.file);
      return {
        id: p.id, vendor: p.vendor, name: p.name, package: p.package, apkSha256: p.apk.sha256,
        ...(apkFiles === undefined ? {} : { apkFiles }), versionName: before?.versionName ?? null, versionCode: before?.versionCode ?? null,
      };
    }),
    samples: round.samples.map((s) => {
      const apk = inputs.samples.get(s.id);
      const apkFiles = inputs.setFiles?.get(s.file);
      return {
        id: s.id, label: s.label ?? apk?.label ?? s.id, package: s.package, sha256: s.sha256, kind: s.kind, family: s.kind === 'clean' ? null : s.family,
        certSha1: apk?.signing.certificates[0]?.sha1 ?? '0'.repeat(40), ...(apkFiles === undefined ? {} : { apkFiles }),
      };
    }),
    devices: parts.devices,
    detection: { categories: round.detection.categories, namePatterns: round.detection.namePatterns, safetyAdvicePatterns: round.detection.safetyAdvicePatterns },
    ...recordedAppDelayScale(round),
  };
}
