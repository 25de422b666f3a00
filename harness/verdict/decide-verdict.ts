import { HARNESS_APPS } from './known-apps.ts';
import { appsNamedByPackage, identifyInItem, RULE_ORDER, type EvidenceItem, type IdentifyContext, type ItemMatch } from './identify-sample.ts';
import { findWords, sameText } from './match-text.ts';
import type { DetectionCriteria, DetectionPhase, HarnessNoise, ObservedAlert, ScanEntry, Verdict, VerdictBasis, VerdictInput } from './types.ts';

function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((pattern) => new RegExp(pattern, 'iu'));
}

function categoryCounts(category: string | undefined, criteria: DetectionCriteria): boolean {
  if (criteria.categories.length === 0) return true;
  if (category === undefined) return false;
  return criteria.categories.some((c) => sameText(c, category));
}

function entryItem(entry: ScanEntry): EvidenceItem {
  return { phase: 'scan', text: entry.text, threatName: entry.threatName, packageName: entry.packageName, appLabel: entry.appLabel };
}

function alertItem(alert: ObservedAlert): EvidenceItem {
  return { phase: alert.phase, text: `${alert.title}\n${alert.text}`, threatName: undefined, packageName: undefined, appLabel: undefined };
}

interface Found {
  match: ItemMatch;
  phase: DetectionPhase;
  text: string;
  evidence: string | null;
  counts: boolean;
  entry?: ScanEntry;
  alert?: ObservedAlert;
}

/** Entries and alerts that name one of the harness's own apps: recorded, never a finding. */
function findHarnessNoise(entries: readonly ScanEntry[], alerts: readonly ObservedAlert[]): HarnessNoise[] {
  const noise: HarnessNoise[] = [];
  const seen = new Set<string>();
  const add = (item: EvidenceItem, threatName: string): void => {
    for (const app of appsNamedByPackage(item, HARNESS_APPS)) {
      const key = `${app.packageName}\u0000${threatName}\u0000${item.phase}`;
      if (seen.has(key)) continue;
      seen.add(key);
      noise.push({ packageName: app.packageName, threatName, from: item.phase });
    }
  };
  for (const entry of entries) add(entryItem(entry), entry.threatName);
  for (const alert of alerts) add(alertItem(alert), alert.title);
  return noise;
}

/**
 * Threat names the product gave this sample in entries identified by its package, and never gave
 * another entry: "Spyware.TheTruthSpy" then identifies the sample in an alert that does not repeat
 * its package. A generic name shared with another entry ties nothing, and a name from an entry
 * identified only by label is no stronger than that label.
 */
function tiedThreatNames(entries: readonly ScanEntry[], context: IdentifyContext): string[] {
  const first = { ...context, tiedThreatNames: [], namePatterns: [] };
  const own: ScanEntry[] = [];
  const others: ScanEntry[] = [];
  for (const entry of entries) {
    const match = identifyInItem(entryItem(entry), first);
    if (match?.rule === 'package') own.push(entry);
    else others.push(entry);
  }
  return [...new Set(own.map((entry) => entry.threatName.trim()).filter((name) => name !== ''))]
    .filter((name) => !others.some((entry) => sameText(entry.threatName, name)));
}

function strongest(found: readonly Found[]): Found | undefined {
  return [...found].sort((a, b) => RULE_ORDER.indexOf(a.match.rule) - RULE_ORDER.indexOf(b.match.rule))[0];
}

/**
 * The outcome of one completed case from its evidence (methodology.md, "Outcome of one case" and
 * "Identification"). Pure: the same evidence always gives the same verdict. Only called for cases
 * whose protocol completed with a recognised results screen (when a scan ran); errors never reach it,
 * so they can never become a miss.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { sample, criteria } = input;
  const entries = input.scanEntries ?? [];
  const otherApps = [...input.otherApps, ...HARNESS_APPS].filter((app) => app.packageName !== sample.packageName);
  const base: IdentifyContext = {
    samplePackage: sample.packageName, sampleLabel: sample.label, otherApps, namePatterns: compilePatterns(criteria.namePatterns), tiedThreatNames: [],
  };
  const context: IdentifyContext = { ...base, tiedThreatNames: tiedThreatNames(entries, base) };

  const found: Found[] = [];
  for (const entry of entries) {
    const match = identifyInItem(entryItem(entry), context);
    if (match) found.push({ match, phase: 'scan', text: entry.text, evidence: input.scanEvidence ?? null, counts: categoryCounts(entry.category, criteria), entry });
  }
  const scanCategoryCounts = found.some((f) => f.entry && f.counts && f.match.alsoFits.length === 0);
  for (const alert of input.alerts) {
    const item = alertItem(alert);
    const match = identifyInItem(item, context);
    if (!match) continue;
    // Criteria hold for alerts too: a category named in the alert, or the product's own category for
    // this sample in this case's results.
    const counts = criteria.categories.length === 0 || scanCategoryCounts || criteria.categories.some((c) => findWords(item.text, c).length > 0);
    found.push({ match, phase: alert.phase, text: item.text, evidence: alert.evidence ?? null, counts, alert });
  }

  const identifying = found.filter((f) => f.counts && f.match.alsoFits.length === 0);
  const identifyingAlerts = identifying.flatMap((f) => (f.alert ? [f.alert] : [])).sort((a, b) => a.seenAt - b.seenAt);
  const firstEntry = identifying.find((f) => f.entry)?.entry;
  const firstAlert = identifyingAlerts[0];

  const detectedBy = new Set(identifying.map((f) => f.phase));
  const safetyPatterns = compilePatterns(criteria.safetyAdvicePatterns);
  const safetyAdvice = identifyingAlerts.some((alert) => safetyPatterns.some((p) => p.test(`${alert.title}\n${alert.text}`)));
  const timeToAlertMs = firstAlert && input.sampleInstalledAt !== undefined ? Math.max(0, firstAlert.seenAt - input.sampleInstalledAt) : undefined;
  const order: DetectionPhase[] = ['first-start', 'real-time', 'scan'];

  return {
    detected: identifying.length > 0,
    detectedBy: order.filter((phase) => detectedBy.has(phase)),
    alerted: identifyingAlerts.length > 0,
    alertKinds: [...new Set(identifyingAlerts.map((a) => a.kind))].sort(),
    threatName: firstEntry?.threatName ?? firstAlert?.title,
    category: firstEntry?.category,
    alertText: firstAlert ? [firstAlert.title, firstAlert.text].filter(Boolean).join(' — ') : undefined,
    timeToAlertMs,
    safetyAdvice,
    basis: decideBasis(input, identifying, found),
    harnessNoise: findHarnessNoise(entries, input.alerts),
  };
}

function decideBasis(input: VerdictInput, identifying: readonly Found[], found: readonly Found[]): VerdictBasis {
  const best = strongest(identifying) ?? strongest(found.filter((f) => f.counts));
  if (best) {
    return {
      rule: best.match.alsoFits.length === 0 ? 'identified' : 'ambiguous',
      identifiedBy: best.match.rule, matched: best.match.matched, text: best.text, from: best.phase, evidence: best.evidence,
      alsoFits: best.match.alsoFits,
    };
  }
  const none = { identifiedBy: null, matched: null, from: null, alsoFits: [] };
  if (input.scanEntries === undefined) {
    // An entry or alert the criteria do not count (another category) is shown as what was seen.
    const uncounted = strongest(found);
    return { rule: 'no-identifying-alert', ...none, text: uncounted?.text ?? null, evidence: uncounted?.evidence ?? null };
  }
  const uncounted = strongest(found);
  if (input.scanEntries.length === 0 && !uncounted) return { rule: 'results-no-threats', ...none, text: null, evidence: input.scanEvidence ?? null };
  return { rule: 'results-without-sample', ...none, text: uncounted?.text ?? null, evidence: uncounted?.evidence ?? input.scanEvidence ?? null };
}
