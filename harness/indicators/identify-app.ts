import { normaliseCertificate, type IndicatorEntry } from './indicator-schema.ts';

export interface AppFingerprint {
  packageName: string;
  /** Signing-certificate SHA-1s, any case, with or without colons. */
  certificateSha1s: readonly string[];
}

export interface IndicatorMatch {
  /** The entry's `name`, e.g. "TheTruthSpy". */
  family: string;
  /** The entry's `type`: "stalkerware", "watchware", … */
  type: string;
  matchedBy: 'package' | 'certificate';
}

/** Package and certificate lookups over one or more indicator files. */
export interface IndicatorIndex {
  readonly entries: readonly IndicatorEntry[];
  readonly byPackage: ReadonlyMap<string, readonly IndicatorEntry[]>;
  readonly byCertificate: ReadonlyMap<string, readonly IndicatorEntry[]>;
}

export function indexIndicators(entries: readonly IndicatorEntry[]): IndicatorIndex {
  const byPackage = new Map<string, IndicatorEntry[]>();
  const byCertificate = new Map<string, IndicatorEntry[]>();
  const add = (map: Map<string, IndicatorEntry[]>, key: string, entry: IndicatorEntry): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(entry)) list.push(entry);
    map.set(key, list);
  };
  for (const entry of entries) {
    for (const packageName of entry.packages) add(byPackage, packageName, entry);
    for (const certificate of entry.certificates) add(byCertificate, certificate, entry);
  }
  return { entries, byPackage, byCertificate };
}

/**
 * Which indicator families an app belongs to: package-name matches first, then signing
 * certificate matches (a renamed package signed with a known key still matches). One result per
 * family and way of matching.
 */
export function identifyApp(index: IndicatorIndex, app: AppFingerprint): IndicatorMatch[] {
  const matches: IndicatorMatch[] = [];
  const seen = new Set<string>();
  const push = (entry: IndicatorEntry, matchedBy: IndicatorMatch['matchedBy']): void => {
    const key = `${matchedBy}\u0000${entry.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    matches.push({ family: entry.name, type: entry.type, matchedBy });
  };
  for (const entry of index.byPackage.get(app.packageName) ?? []) push(entry, 'package');
  for (const sha1 of app.certificateSha1s) {
    for (const entry of index.byCertificate.get(normaliseCertificate(sha1)) ?? []) push(entry, 'certificate');
  }
  return matches;
}
