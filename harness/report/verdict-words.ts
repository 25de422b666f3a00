import type { HarnessNoise, IdentificationRule, VerdictBasis, VerdictRule } from '../results/index.ts';

/**
 * Plain words for what decided a case (the attempt's `basis`) and for the verdict rules, shared by
 * every report format so that a reader can check a cell without reading code. The rules are
 * those of methodology.md ("Outcome of one case", "Identification") as harness/verdict applies them.
 */
export const VERDICT_RULE_WORDS: Readonly<Record<VerdictRule, string>> = {
  identified: 'a result entry or an alert named the sample',
  ambiguous: 'what matched also fits another app on the device, so a person decides',
  'results-no-threats': 'the results screen was recognised and said no threats were found',
  'results-without-sample': 'the results screen was recognised; its entries did not name this sample',
  'no-identifying-alert': 'no scan ran, and no alert identified the sample within the watch',
  error: 'the case did not complete (see its status and error)',
  'not-executed': 'the case never ran',
};

export const IDENTIFIED_BY_WORDS: Readonly<Record<IdentificationRule, string>> = {
  package: "the sample's package name, exactly or as a whole token",
  'threat-name': 'a threat name the product gave this sample elsewhere in the case',
  label: "the sample's label, as whole words inside a result entry or a threat alert",
  'name-pattern': "one of the round's name patterns",
};

/** What a report says for attempts written before verdict bases were recorded. */
export const RULE_NOT_RECORDED = 'rule not recorded';

/** "label" → "label (the sample's label, as whole words …)". */
export function describeIdentifiedBy(rule: IdentificationRule): string {
  return `${rule} (${IDENTIFIED_BY_WORDS[rule]})`;
}

/**
 * One line for logs and junit: `identified by package: "com.x" in "…" (scan); also fits:
 * Settings; evidence: evidence/…`, or "rule not recorded". `brief` leaves out the whole text and
 * the evidence path (results.csv and the page carry them), for one short line per case.
 */
export function summariseBasis(basis: VerdictBasis | undefined, options: { brief?: boolean } = {}): string {
  if (basis === undefined) return RULE_NOT_RECORDED;
  const text = options.brief === true ? null : basis.text;
  let head: string = basis.identifiedBy === null ? basis.rule : `${basis.rule} by ${basis.identifiedBy}`;
  if (basis.matched !== null) head += `: "${basis.matched}"${text !== null ? ` in "${text}"` : ''}`;
  else if (text !== null) head += `: "${text}"`;
  if (basis.from !== null) head += ` (${basis.from})`;
  const parts = [head];
  if (basis.alsoFits.length > 0) parts.push(`also fits: ${basis.alsoFits.join(', ')}`);
  if (basis.evidence !== null && options.brief !== true) parts.push(`evidence: ${basis.evidence}`);
  return parts.join('; ');
}

/** "io.appium.settings as Riskware.Tool (scan)", joined by "; ". */
export function summariseHarnessNoise(noise: readonly HarnessNoise[] | undefined): string {
  if (noise === undefined || noise.length === 0) return '';
  return noise.map((item) => `${item.packageName} as ${item.threatName === '' ? '(no name)' : item.threatName} (${item.from})`).join('; ');
}

/** The identification rules, strongest first, for the method section. */
export const IDENTIFICATION_METHOD: ReadonlyArray<{ rule: IdentificationRule; text: string }> = [
  { rule: 'package', text: "The sample's package name, exactly or as a whole token, anywhere in a result entry (all text inside the item) or an alert." },
  { rule: 'threat-name', text: 'A threat name the product gave this sample in a result entry or a matched alert, seen again elsewhere in the case (for example an alert that does not repeat the package).' },
  { rule: 'label', text: "The sample's label as whole words, and only inside a result entry or an alert the product's profile calls a threat alert; never in other notifications." },
  { rule: 'name-pattern', text: "A threat name matched by one of the round's name patterns." },
];

/** How outcomes are decided, in plain words, for the method section. */
export const OUTCOME_METHOD: readonly string[] = [
  "Positive evidence only: a scan verdict needs the product's results screen recognised, either its result entries or its “no threats” screen. When neither is shown the case is a flow error (RESULTS_NOT_SHOWN) with the screen captured, never a clean result.",
  "A product that crashes or stops responding during a case (Android's “keeps stopping” or “isn't responding”, its process gone) is a product error: retried like a device fault, shown apart, never a miss or a detection, not counted.",
  "Alerts are the product's notifications that match its profile's alert patterns, wherever they are read (also at the end of a case), and its dialogs as its profile describes them. Ongoing and foreground-service notifications, and notifications already present before the sample was installed, are never alerts; they stay in the evidence.",
  'When the matched label or name also fits another app on the device (the product itself, a system app such as “Settings”, or the harness’s Appium apps), the case needs review: a person decides, and until then it is neither a detection nor a miss and is not counted in rates.',
  "A product flagging the harness's own apps (Appium's server and settings apps) is recorded as harness noise, not as a detection or a false positive.",
];

/** How the round's detection criteria apply, for the method section. */
export const CRITERIA_METHOD = 'The criteria apply to every kind of detection: result entries of a scan, and alerts (notifications and dialogs) on first start, in real time or after a scan. With categories listed, a result entry counts only when its category is one of them, and an alert counts when its text names one of them or the same case’s results gave the sample one of them. A name pattern lets a threat name point at the sample, in an entry or an alert alike; it is the weakest identification.';
