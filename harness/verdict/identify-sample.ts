/**
 * Does one result entry or alert identify the sample, and by which rule (methodology.md,
 * "Identification")? Strongest first: the sample's package (exact, or a whole token); a threat name
 * the product gave this sample elsewhere in the case; the sample's label as whole words; a round's
 * name pattern. A label or name that also fits another app on the device is `ambiguous`; an item that
 * names another app's package points at that app, not at the sample.
 */
import type { KnownApp } from './known-apps.ts';
import { findPackageToken, findWords, overlaps, sameText, type TextMatch } from './match-text.ts';
import type { DetectionPhase, IdentificationRule } from './types.ts';

/** A result entry or an alert, as the identification rules read it. */
export interface EvidenceItem {
  phase: DetectionPhase;
  /** All its text. */
  text: string;
  threatName: string | undefined;
  /** From the entry's own package field. */
  packageName: string | undefined;
  /** From the entry's own label field. */
  appLabel: string | undefined;
}

export interface ItemMatch {
  rule: IdentificationRule;
  matched: string;
  /** Other apps the match fits as well: "package (label)". Empty = unambiguous. */
  alsoFits: string[];
}

export const RULE_ORDER: readonly IdentificationRule[] = ['package', 'threat-name', 'label', 'name-pattern'];

export interface IdentifyContext {
  samplePackage: string;
  sampleLabel: string | undefined;
  otherApps: readonly KnownApp[];
  namePatterns: readonly RegExp[];
  /** Threat names this product gave the sample elsewhere in the case (specific to it). */
  tiedThreatNames: readonly string[];
}

function describeApp(app: KnownApp): string {
  return app.label === undefined ? app.packageName : `${app.packageName} (${app.label})`;
}

/** The other apps an item names by package (its own field, or a whole token in its text). */
export function appsNamedByPackage(item: EvidenceItem, apps: readonly KnownApp[]): KnownApp[] {
  return apps.filter((app) => item.packageName === app.packageName || findPackageToken(item.text, app.packageName).length > 0);
}

/**
 * Other apps whose label covers the same words as `span` in `text` (at least as long, overlapping),
 * or equals `phrase`: "Settings" inside "Google Settings" fits the app "Google Settings" too.
 */
function appsFittingSpan(text: string, span: TextMatch, phrase: string, apps: readonly KnownApp[]): KnownApp[] {
  return apps.filter((app) => {
    if (app.label === undefined) return false;
    if (sameText(app.label, phrase)) return true;
    return findWords(text, app.label).some((other) => overlaps(other, span) && other.end - other.start >= span.end - span.start);
  });
}

/** The best match among a phrase's occurrences: an unambiguous one if any, else all the apps it also fits. */
function matchPhrase(text: string, phrase: string, rule: IdentificationRule, apps: readonly KnownApp[]): ItemMatch | undefined {
  const spans = findWords(text, phrase);
  if (spans.length === 0) return undefined;
  const fits = new Set<string>();
  for (const span of spans) {
    const fitting = appsFittingSpan(text, span, phrase, apps);
    if (fitting.length === 0) return { rule, matched: phrase, alsoFits: [] };
    for (const app of fitting) fits.add(describeApp(app));
  }
  return { rule, matched: phrase, alsoFits: [...fits].sort() };
}

function matchLabel(item: EvidenceItem, label: string, apps: readonly KnownApp[]): ItemMatch | undefined {
  if (item.appLabel !== undefined && sameText(item.appLabel, label)) {
    const fitting = apps.filter((app) => app.label !== undefined && sameText(app.label, label));
    return { rule: 'label', matched: item.appLabel, alsoFits: fitting.map(describeApp).sort() };
  }
  return matchPhrase(item.text, label, 'label', apps);
}

function matchNamePattern(item: EvidenceItem, patterns: readonly RegExp[], apps: readonly KnownApp[]): ItemMatch | undefined {
  const subject = item.threatName ?? item.text;
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    const found = pattern.exec(subject);
    if (!found) continue;
    const span = { start: found.index, end: found.index + found[0].length };
    const fitting = found[0] === '' ? [] : appsFittingSpan(subject, span, found[0], apps);
    return { rule: 'name-pattern', matched: found[0], alsoFits: fitting.map(describeApp).sort() };
  }
  return undefined;
}

/**
 * The strongest match of the sample in one item: the strongest unambiguous rule, else the strongest
 * ambiguous one, else undefined.
 */
export function identifyInItem(item: EvidenceItem, context: IdentifyContext): ItemMatch | undefined {
  if (item.packageName === context.samplePackage || findPackageToken(item.text, context.samplePackage).length > 0) {
    return { rule: 'package', matched: context.samplePackage, alsoFits: [] };
  }
  // An entry with a package field for another app, or any item naming another app's package,
  // points at that app: its label or threat name says nothing about the sample.
  if (item.packageName !== undefined && item.packageName !== '') return undefined;
  if (appsNamedByPackage(item, context.otherApps).length > 0) return undefined;

  const candidates: ItemMatch[] = [];
  for (const name of context.tiedThreatNames) {
    const match = matchPhrase(item.text, name, 'threat-name', context.otherApps);
    if (match) { candidates.push(match); break; }
  }
  if (context.sampleLabel !== undefined && context.sampleLabel.trim() !== '') {
    const match = matchLabel(item, context.sampleLabel, context.otherApps);
    if (match) candidates.push(match);
  }
  const pattern = matchNamePattern(item, context.namePatterns, context.otherApps);
  if (pattern) candidates.push(pattern);
  return candidates.find((match) => match.alsoFits.length === 0) ?? candidates[0];
}
