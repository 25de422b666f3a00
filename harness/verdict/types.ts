import type { KnownApp } from './known-apps.ts';

/** When in the case protocol the product said something. */
export type DetectionPhase = 'scan' | 'real-time' | 'first-start';

/** One entry the product listed on its results screen (read through the profile's result mapping). */
export interface ScanEntry {
  /** The name the product used, e.g. "Android/Monitor.Mspy" or a generic "Potentially unwanted app". */
  threatName: string;
  /** The package the entry points at, when the product shows it in its own field. */
  packageName?: string | undefined;
  /** The app's label, when the product shows it in its own field (profile `results.appLabel`). */
  appLabel?: string | undefined;
  category?: string | undefined;
  /** All text inside the entry, not only the mapped fields. */
  text: string;
}

/** A user-visible alert raised by the product: a notification it posted or a dialog/screen it showed. */
export interface ObservedAlert {
  kind: 'notification' | 'dialog';
  phase: DetectionPhase;
  title: string;
  text: string;
  /** ms since the epoch when the harness first saw it (or Android's postTime for notifications). */
  seenAt: number;
  /** The evidence file that shows it (relative to the round folder), when one was saved. */
  evidence?: string | undefined;
}

export interface VerdictSample {
  packageName: string;
  label: string | undefined;
  kind: 'stalkerware' | 'watchware' | 'clean';
}

/** Detection criteria set in the round. */
export interface DetectionCriteria {
  /** Categories that count as a detection (case-insensitive); empty = any category counts. */
  categories: readonly string[];
  /** Extra regular expressions (case-insensitive) that, matched by a threat name or an alert, point at the sample. */
  namePatterns: readonly string[];
  /** Regular expressions (case-insensitive) that mark an alert as giving safety advice. */
  safetyAdvicePatterns: readonly string[];
}

export interface VerdictInput {
  sample: VerdictSample;
  criteria: DetectionCriteria;
  /** Results screen entries from the scan; undefined when no scan ran. */
  scanEntries: readonly ScanEntry[] | undefined;
  /** The evidence file listing the entries (relative to the round folder). */
  scanEvidence?: string | undefined;
  alerts: readonly ObservedAlert[];
  /** Other apps on the device (the product, system apps, the harness's apps) for the ambiguity check. */
  otherApps: readonly KnownApp[];
  /** ms since the epoch when the sample's install finished; for timeToAlertMs. */
  sampleInstalledAt: number | undefined;
}

export type IdentificationRule = 'package' | 'threat-name' | 'label' | 'name-pattern';

/** What decided the outcome; mirrors `basis` in results/attempt-schema.ts. */
export interface VerdictBasis {
  rule: 'identified' | 'ambiguous' | 'results-no-threats' | 'results-without-sample' | 'no-identifying-alert';
  identifiedBy: IdentificationRule | null;
  matched: string | null;
  text: string | null;
  from: DetectionPhase | null;
  evidence: string | null;
  alsoFits: string[];
}

export interface HarnessNoise {
  packageName: string;
  threatName: string;
  from: DetectionPhase;
}

export interface Verdict {
  detected: boolean;
  detectedBy: DetectionPhase[];
  alerted: boolean;
  alertKinds: Array<'notification' | 'dialog'>;
  threatName: string | undefined;
  category: string | undefined;
  alertText: string | undefined;
  timeToAlertMs: number | undefined;
  safetyAdvice: boolean;
  basis: VerdictBasis;
  harnessNoise: HarnessNoise[];
}
