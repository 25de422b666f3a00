import type { ApkIdentity } from '../apk/index.ts';
import type { SampleKind } from '../config/index.ts';
import { identifyApp, type IndicatorEntry, type IndicatorIndex } from '../indicators/index.ts';
import type { KnownSampleHash } from './sample-hashes.ts';

export type MatchedBy = 'hash' | 'certificate' | 'package';

/** One way the indicators name a file's family. */
export interface FamilyMatch {
  family: string;
  /** The indicator entry's type (`stalkerware`, `watchware`), or the hash list's for a hash match. */
  type: string;
  matchedBy: MatchedBy;
  /** For a hash match: the `App` column and the row (`samples.csv:12`). */
  detail?: string;
}

export type Classification =
  | { known: true; family: string; kind: Exclude<SampleKind, 'clean'>; matches: FamilyMatch[]; review: string[] }
  | { known: false; reason: string; matches: FamilyMatch[] };

/** Strongest first: the file itself, then the signing key, then a name anyone can reuse. */
const STRENGTH: Readonly<Record<MatchedBy, number>> = { hash: 0, certificate: 1, package: 2 };

/** `App` names of samples.csv (`Copy9`, `1TopSpy`) → the entry that lists them as `name` or in `names`. */
export function indexFamilyNames(entries: readonly IndicatorEntry[]): Map<string, IndicatorEntry> {
  const byName = new Map<string, IndicatorEntry>();
  for (const entry of entries) byName.set(entry.name.toLowerCase(), entry);
  for (const entry of entries) {
    for (const name of entry.names) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), entry);
  }
  return byName;
}

export interface ClassifyContext {
  index: IndicatorIndex;
  hashes: ReadonlyMap<string, KnownSampleHash>;
  familyNames: ReadonlyMap<string, IndicatorEntry>;
}

/**
 * Family and kind of one APK from the indicators, saying every way it matched. The strongest match
 * names the family (file hash > signing certificate > package name); other families that also
 * match are left for a person to review, never silently dropped. An app no indicator names is
 * unknown: it is not catalogued, since calling it `clean` would count any detection of it as a
 * false positive, and calling it stalkerware would count a miss that may not be one.
 */
export function classifySample(identity: ApkIdentity, context: ClassifyContext): Classification {
  const matches: FamilyMatch[] = [];
  const known = context.hashes.get(identity.sha256);
  if (known !== undefined) {
    const entry = context.familyNames.get(known.app.toLowerCase());
    matches.push({ family: entry?.name ?? known.app, type: entry?.type ?? 'stalkerware', matchedBy: 'hash', detail: `${known.app} at ${known.at}` });
  }
  const certificateSha1s = identity.signing.certificates.map((certificate) => certificate.sha1);
  for (const match of identifyApp(context.index, { packageName: identity.packageName, certificateSha1s })) matches.push(match);
  matches.sort((a, b) => STRENGTH[a.matchedBy] - STRENGTH[b.matchedBy]);
  const strongest = matches[0];
  if (strongest === undefined) return { known: false, reason: 'no indicator names its hash, signing certificate or package', matches };
  if (strongest.type !== 'stalkerware' && strongest.type !== 'watchware') {
    return { known: false, reason: `the indicators call it '${strongest.type}', which is neither stalkerware nor watchware`, matches };
  }
  const review: string[] = [];
  if (strongest.matchedBy === 'hash' && !context.familyNames.has(strongest.family.toLowerCase())) {
    review.push(`the hash list names it '${strongest.family}', which no indicator entry lists as a name: check the family`);
  }
  const others = [...new Set(matches.filter((match) => match.family !== strongest.family).map((match) => `${match.family} (${match.type}) by ${match.matchedBy}`))];
  if (others.length > 0) review.push(`it also matches ${others.join(', ')}: check the family`);
  return { known: true, family: strongest.family, kind: strongest.type, matches, review };
}

/** "hash (Copy9 at samples.csv:12), certificate, package" — the ways that named `family`. */
export function describeMatches(matches: readonly FamilyMatch[], family: string): string {
  return matches
    .filter((match) => match.family === family)
    .map((match) => (match.detail === undefined ? match.matchedBy : `${match.matchedBy} (${match.detail})`))
    .join(', ');
}
