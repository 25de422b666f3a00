import { z } from 'zod';
import { remediationOutcomeSchema } from '../remediation/remediation-outcome.ts';
import { isSafeEvidencePath } from './evidence-path.ts';

/** One line of `results.jsonl`: one finished attempt of one planned case. */
export const CASE_STATUSES = ['completed', 'infra-error', 'product-error', 'flow-error', 'not-executed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DETECTION_SOURCES = ['scan', 'real-time', 'first-start'] as const;
export type DetectionSource = (typeof DETECTION_SOURCES)[number];

export const ALERT_KINDS = ['notification', 'dialog'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const EVIDENCE_KINDS = ['screenshot', 'ui-dump', 'notifications', 'logcat', 'text'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** How a verdict tied the product's words to the sample, strongest first (methodology.md, "Identification"). */
export const IDENTIFICATION_RULES = ['package', 'threat-name', 'label', 'name-pattern'] as const;
export type IdentificationRule = (typeof IDENTIFICATION_RULES)[number];

/**
 * What decided a case's outcome, so that a reader can check the cell without reading code:
 * - `identified`: an entry or alert identified the sample (`identifiedBy`, `matched`, `text`);
 * - `ambiguous`: the strongest match also fits another app on the device (`alsoFits`): a person decides;
 * - `results-no-threats`: the results screen showed the profile's `noThreats`;
 * - `results-without-sample`: the results screen listed entries, none of them this sample;
 * - `no-identifying-alert`: no scan ran and no alert identified the sample within the watch;
 * - `error`: the case did not complete (status and error say why);
 * - `not-executed`: it never ran.
 */
export const VERDICT_RULES = ['identified', 'ambiguous', 'results-no-threats', 'results-without-sample', 'no-identifying-alert', 'error', 'not-executed'] as const;
export type VerdictRule = (typeof VERDICT_RULES)[number];

const isoTime = z.iso.datetime({ offset: true });

/** The pattern zod checks `timings.startedAt`/`endedAt` against, for the fast validator. */
export const ISO_TIME_PATTERN: RegExp | undefined = isoTime._zod.def.pattern;

export const evidenceItemSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  /** The protocol step at which it was captured, e.g. "scan-results". */
  step: z.string().min(1),
  /** Relative to the round folder, always below `evidence/`. */
  path: z.string().refine(isSafeEvidencePath, 'expected a relative path below evidence/ without ".." or control characters'),
}).strict();

export const verdictBasisSchema = z.object({
  rule: z.enum(VERDICT_RULES),
  /** The identification rule that matched (rule `identified` or `ambiguous`), else null. */
  identifiedBy: z.enum(IDENTIFICATION_RULES).nullable(),
  /** What matched: the package, threat name, label or pattern. */
  matched: z.string().nullable(),
  /** The whole text of the entry or alert it was found in. */
  text: z.string().nullable(),
  /** The phase whose entry or alert it was. */
  from: z.enum(DETECTION_SOURCES).nullable(),
  /** The evidence file (relative to the round folder) that shows it, when there is one. */
  evidence: z.string().refine(isSafeEvidencePath, 'expected a relative path below evidence/').nullable(),
  /** Other apps on the device the match fits as well (rule `ambiguous`). */
  alsoFits: z.array(z.string()),
}).strict();

/** The product flagged one of the harness's own apps (Appium's server or settings app): never a finding. */
export const harnessNoiseSchema = z.object({
  packageName: z.string().min(1),
  /** What the product called it. */
  threatName: z.string(),
  from: z.enum(DETECTION_SOURCES),
}).strict();

export const attemptResultSchema = z.object({
  caseId: z.string().min(1),
  attempt: z.int().min(1),
  /** True on the attempt that settles the case (success, or the last retry). */
  final: z.boolean(),
  status: z.enum(CASE_STATUSES),
  detected: z.boolean(),
  detectedBy: z.array(z.enum(DETECTION_SOURCES)),
  alerted: z.boolean(),
  alertKinds: z.array(z.enum(ALERT_KINDS)),
  threatName: z.string().nullable(),
  category: z.string().nullable(),
  alertText: z.string().nullable(),
  /** From the sample's installation to the first alert. */
  timeToAlertMs: z.number().min(0).nullable(),
  /** Whether the alert warned before removal or pointed to help; null when there was no alert. */
  safetyAdvice: z.boolean().nullable(),
  error: z.object({ code: z.string().min(1), message: z.string() }).strict().optional(),
  /** Null when the case never reached a device. */
  device: z.object({ serial: z.string(), profile: z.string() }).strict().nullable(),
  product: z.object({ versionName: z.string().nullable(), versionCode: z.int().nullable() }).strict(),
  timings: z.object({
    startedAt: isoTime,
    endedAt: isoTime,
    durationMs: z.number().min(0),
    steps: z.array(z.object({ name: z.string(), ms: z.number().min(0) }).strict()),
  }).strict(),
  evidence: z.array(evidenceItemSchema),
  /** What decided the outcome (absent in results written before harness 0.2). */
  basis: verdictBasisSchema.optional(),
  /** The product flagged the harness's own apps (absent in results written before harness 0.2). */
  harnessNoise: z.array(harnessNoiseSchema).optional(),
  /** Remediation, when the round tested it on this case (remediation/remediation-outcome.ts); absent: not tested. */
  remediation: remediationOutcomeSchema.optional(),
}).strict().superRefine((result, context) => {
  // The outcome fields must agree with each other, or a report would count nonsense.
  if (result.alerted && !result.detected) {
    context.addIssue({ code: 'custom', path: ['alerted'], message: 'an alert identifies the threat, so alerted requires detected' });
  }
  if (result.detected !== result.detectedBy.length > 0) {
    context.addIssue({ code: 'custom', path: ['detectedBy'], message: 'detectedBy must list a source exactly when detected is true' });
  }
  if (result.alerted !== result.alertKinds.length > 0) {
    context.addIssue({ code: 'custom', path: ['alertKinds'], message: 'alertKinds must list a kind exactly when alerted is true' });
  }
  if (result.basis?.rule === 'ambiguous' && result.detected) {
    context.addIssue({ code: 'custom', path: ['basis', 'rule'], message: 'an ambiguous identification is not a detection until a person decides' });
  }
  if (result.basis?.rule === 'identified' && !result.detected) {
    context.addIssue({ code: 'custom', path: ['basis', 'rule'], message: 'rule identified requires detected' });
  }
  if (result.remediation !== undefined && !(result.status === 'completed' && result.detected)) {
    context.addIssue({ code: 'custom', path: ['remediation'], message: 'remediation is tested only after a completed case that detected the sample' });
  }
  if (result.status !== 'completed' && result.status !== 'not-executed' && result.error === undefined) {
    context.addIssue({ code: 'custom', path: ['error'], message: `status ${result.status} needs an error {code, message}` });
  }
});

export type AttemptResult = z.infer<typeof attemptResultSchema>;
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;
export type VerdictBasis = z.infer<typeof verdictBasisSchema>;
export type HarnessNoise = z.infer<typeof harnessNoiseSchema>;
