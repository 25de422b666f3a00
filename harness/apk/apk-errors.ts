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

/**
 * An APK_INVALID error for an entry whose inflated size is beyond what the harness reads: a ZIP bomb
 * (a 1 MB entry that inflates to 1 GiB) is refused before a byte is inflated.
 */
export function createOversizeError(source: string, detail: string): HarnessError {
  return new HarnessError('APK_INVALID', `${source} is too large to read: ${detail}`, {
    hint: 'the manifest, resource table and assets of a real APK are far smaller; this file is damaged or built to exhaust memory (a ZIP bomb): do not use it',
  });
}
