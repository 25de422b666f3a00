import type { DetectionCriteria, ObservedAlert, ScanEntry, Verdict, VerdictInput, VerdictSample } from './types.ts';

function includesFolded(haystack: string, needle: string | undefined): boolean {
  if (!needle) return false;
  return haystack.toLocaleLowerCase('en').includes(needle.toLocaleLowerCase('en'));
}

function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((pattern) => new RegExp(pattern, 'i'));
}

/** Does the entry point at this sample: by package, by label, or by a round-defined name pattern? */
export function entryPointsAtSample(entry: ScanEntry, sample: VerdictSample, namePatterns: readonly RegExp[]): boolean {
  if (entry.packageName !== undefined && entry.packageName === sample.packageName) return true;
  if (includesFolded(entry.text, sample.packageName) || includesFolded(entry.threatName, sample.packageName)) return true;
  if (sample.label && (includesFolded(entry.text, sample.label) || includesFolded(entry.threatName, sample.label))) return true;
  return namePatterns.some((pattern) => pattern.test(entry.threatName));
}

function categoryCounts(category: string | undefined, criteria: DetectionCriteria): boolean {
  if (criteria.categories.length === 0) return true;
  if (category === undefined) return false;
  return criteria.categories.some((c) => c.toLocaleLowerCase('en') === category.toLocaleLowerCase('en'));
}

/** Does the alert identify the sample (its label, package, or the threat name the product gave it)? */
function alertIdentifiesSample(alert: ObservedAlert, sample: VerdictSample, threatName: string | undefined): boolean {
  const text = `${alert.title}\n${alert.text}`;
  return includesFolded(text, sample.packageName) || includesFolded(text, sample.label) || includesFolded(text, threatName);
}

/**
 * The outcome of one completed case from its evidence (methodology.md, "Outcome of one case").
 * Pure: the same evidence always gives the same verdict. Only called for cases whose protocol
 * completed; infrastructure and flow errors never reach it, so they can never become a miss.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { sample, criteria } = input;
  const namePatterns = compilePatterns(criteria.namePatterns);
  const matchingEntries = (input.scanEntries ?? []).filter(
    (entry) => entryPointsAtSample(entry, sample, namePatterns) && categoryCounts(entry.category, criteria),
  );
  const firstEntry = matchingEntries[0];
  const threatName = firstEntry?.threatName;
  const identifying = input.alerts
    .filter((alert) => alertIdentifiesSample(alert, sample, threatName))
    .sort((a, b) => a.seenAt - b.seenAt);

  const detectedBy = new Set<Verdict['detectedBy'][number]>();
  if (firstEntry) detectedBy.add('scan');
  for (const alert of identifying) detectedBy.add(alert.phase);

  const firstAlert = identifying[0];
  const safetyPatterns = compilePatterns(criteria.safetyAdvicePatterns);
  const safetyAdvice = identifying.some((alert) => safetyPatterns.some((p) => p.test(`${alert.title}\n${alert.text}`)));
  const timeToAlertMs =
    firstAlert && input.sampleInstalledAt !== undefined ? Math.max(0, firstAlert.seenAt - input.sampleInstalledAt) : undefined;

  const order: Array<Verdict['detectedBy'][number]> = ['first-start', 'real-time', 'scan'];
  return {
    detected: detectedBy.size > 0,
    detectedBy: order.filter((phase) => detectedBy.has(phase)),
    alerted: identifying.length > 0,
    alertKinds: [...new Set(identifying.map((a) => a.kind))].sort(),
    threatName: threatName ?? (firstAlert ? firstAlert.title : undefined),
    category: firstEntry?.category,
    alertText: firstAlert ? [firstAlert.title, firstAlert.text].filter(Boolean).join(' — ') : undefined,
    timeToAlertMs,
    safetyAdvice,
  };
}
