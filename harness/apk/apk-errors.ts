import { HarnessError } from '../errors/index.ts';

/** Hint shared by every "this APK is damaged" error: the usual cause is a partial copy or download. */
const DAMAGED_HINT =
  'copy or download the APK again and compare its SHA-256 with the catalogue; if it still fails, open it with `aapt dump badging` to confirm it is a valid APK';

/**
 * An APK_INVALID error for a structure inside an APK that does not parse.
 * @param source what was being read, naming the file, e.g. `sample.apk!AndroidManifest.xml`
 */
export function createMalformedError(source: string, detail: string, cause?: unknown): HarnessError {
  return new HarnessError('APK_INVALID', `${source} is malformed: ${detail}`, {
    hint: DAMAGED_HINT,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** An APK_INVALID error for a file that ends before a structure it declares. */
export function createTruncatedError(source: string, detail: string): HarnessError {
  return new HarnessError('APK_INVALID', `${source} is truncated: ${detail}`, { hint: DAMAGED_HINT });
}
