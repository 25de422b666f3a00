/**
 * Every failure the harness reports on purpose is a HarnessError: a stable `code` that tests and
 * callers branch on, a message naming what failed (file, field, device, command), and a `hint`
 * saying what to do about it. A product missing a sample is a result, never a HarnessError.
 */
export type HarnessErrorCode =
  // configuration and input
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'YAML_SYNTAX'
  | 'REFERENCE_UNDEFINED'
  | 'FILE_NOT_FOUND'
  | 'SAMPLE_HASH_MISMATCH'
  | 'PACKAGE_MISMATCH'
  | 'APK_INVALID'
  | 'APK_NO_MANIFEST'
  | 'INDICATORS_INVALID'
  | 'USAGE'
  /** The round folder is in use by a run that is still alive. */
  | 'ROUND_RUNNING'
  /** publish / review-pack: the round has not finished (round.json has no finish time) or has no results. */
  | 'ROUND_UNFINISHED'
  /** keygen / publish / verify: a key file that is not an Ed25519 key of the kind expected. */
  | 'KEY_INVALID'
  /** keygen: a key file of that name exists already; keys are never overwritten. */
  | 'KEY_EXISTS'
  /** publish / verify: a manifest or signature that is malformed, not signed by the key given, or a folder that cannot be sealed. */
  | 'PUBLICATION_INVALID'
  /** review-pack: a file of the pack would show another product's name, package or id. */
  | 'REVIEW_PACK_LEAK'
  // infrastructure
  | 'SETUP_MISSING'
  /** aapt, zipalign or apksigner failed on a fixture APK (scripts/build-fixtures.ts). */
  | 'FIXTURE_BUILD_FAILED'
  | 'ADB_FAILED'
  | 'ADB_TIMEOUT'
  | 'EMULATOR_LAUNCH_FAILED'
  | 'EMULATOR_BOOT_TIMEOUT'
  | 'DEVICE_LOST'
  | 'SNAPSHOT_FAILED'
  | 'APPIUM_START_FAILED'
  | 'APPIUM_SESSION_FAILED'
  | 'FLOW_STEP_FAILED'
  /** An assertVisible/assertNotVisible step of the profile failed; the message carries its reason (flow-error). */
  | 'FLOW_ASSERTION_FAILED'
  /** The results screen showed neither an entry nor the profile's `noThreats`: no evidence, no verdict. */
  | 'RESULTS_NOT_SHOWN'
  /** Scrolling the results list skipped rows or never reached its end: the list was not read whole. */
  | 'RESULTS_INCOMPLETE'
  /** The product crashed during the case (product-error). */
  | 'PRODUCT_CRASHED'
  /** The product stopped responding during the case (product-error). */
  | 'PRODUCT_NOT_RESPONDING'
  | 'CASE_TIMEOUT'
  | 'INSTALL_FAILED'
  | 'PHYSICAL_DEVICE_REFUSED'
  | 'ROUND_FINISHED'
  | 'RESULTS_CORRUPT'
  | 'REPORT_INPUT_INVALID'
  | 'CANCELLED'
  /** serve-round / worker: Redis or the coordinator's file transfer cannot be reached or refused the request. */
  | 'QUEUE_UNAVAILABLE'
  /** worker: the job's lock passed to another worker (or the case was decided): this attempt is abandoned. */
  | 'ATTEMPT_FENCED'
  | 'INTERNAL';

export interface HarnessErrorOptions {
  /** What the user can do about it, in one sentence. */
  hint?: string;
  cause?: unknown;
  /** Further problems reported together with this one (e.g. every schema issue in a file). */
  details?: readonly string[];
}

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly hint: string | undefined;
  readonly details: readonly string[];

  constructor(code: HarnessErrorCode, message: string, options: HarnessErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HarnessError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export function isHarnessError(error: unknown, code?: HarnessErrorCode): error is HarnessError {
  return error instanceof HarnessError && (code === undefined || error.code === code);
}

/** Exit codes of the `stalkerbench` CLI, documented in the README. */
export const EXIT = {
  ok: 0,
  /** A vendor gate failed: `compare --fail-on-regression` found a regression. */
  regression: 1,
  /** Bad input: configuration, APK, usage. Nothing was written. */
  input: 2,
  /** Infrastructure: adb, emulator, Appium failed. */
  infrastructure: 3,
  /** Interrupted by Ctrl+C / SIGTERM. */
  interrupted: 130,
} as const;

const INPUT_CODES: ReadonlySet<HarnessErrorCode> = new Set<HarnessErrorCode>([
  'CONFIG_INVALID', 'CONFIG_NOT_FOUND', 'YAML_SYNTAX', 'REFERENCE_UNDEFINED', 'FILE_NOT_FOUND',
  'SAMPLE_HASH_MISMATCH', 'PACKAGE_MISMATCH', 'APK_INVALID', 'APK_NO_MANIFEST',
  'INDICATORS_INVALID', 'USAGE', 'ROUND_RUNNING',
  'ROUND_UNFINISHED', 'KEY_INVALID', 'KEY_EXISTS', 'PUBLICATION_INVALID', 'REVIEW_PACK_LEAK', 'PHYSICAL_DEVICE_REFUSED', 'REPORT_INPUT_INVALID', 'RESULTS_CORRUPT',
]);

export function exitCodeFor(error: unknown): number {
  if (!(error instanceof HarnessError)) return EXIT.infrastructure;
  if (error.code === 'CANCELLED') return EXIT.interrupted;
  return INPUT_CODES.has(error.code) ? EXIT.input : EXIT.infrastructure;
}

/** The text the CLI prints for an error: message, each detail on its own line, then the hint. */
export function formatError(error: unknown): string {
  if (!(error instanceof HarnessError)) {
    return `stalkerbench: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const lines = [`error ${error.code}: ${error.message}`];
  for (const detail of error.details) lines.push(`  ${detail}`);
  if (error.hint) lines.push(`hint: ${error.hint}`);
  return lines.join('\n');
}
