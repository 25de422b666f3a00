/** When in the case protocol the product said something. */
export type DetectionPhase = 'scan' | 'real-time' | 'first-start';

/** One entry the product listed on its results screen (read through the profile's result mapping). */
export interface ScanEntry {
  /** The name the product used, e.g. "Android/Monitor.Mspy". */
  threatName: string;
  /** The package the entry points at, when the product shows it. */
  packageName?: string | undefined;
  category?: string | undefined;
  /** All text of the entry (for label matching). */
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
  /** Extra regular expressions (case-insensitive) that, when matched by an entry's threat name, make it point at the sample. */
  namePatterns: readonly string[];
  /** Regular expressions (case-insensitive) that mark an alert as giving safety advice. */
  safetyAdvicePatterns: readonly string[];
}

export interface VerdictInput {
  sample: VerdictSample;
  criteria: DetectionCriteria;
  /** Results screen entries from the scan; undefined when no scan ran. */
  scanEntries: readonly ScanEntry[] | undefined;
  alerts: readonly ObservedAlert[];
  /** ms since the epoch when the sample's install finished; for timeToAlertMs. */
  sampleInstalledAt: number | undefined;
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
}
