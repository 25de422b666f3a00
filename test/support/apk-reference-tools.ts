import { execa } from 'execa';

/**
 * Runs the Android SDK's own APK tools and parses what they print, as the reference the APK reader
 * is compared against. Parsers are pure and tolerate the Debian builds (aapt 0.2, apksigner 0.9).
 */

const TOOL_TIMEOUT_MS = 120_000;

export interface AaptBadging {
  packageName: string;
  /** '' when the manifest has none. */
  versionCode: string;
  versionName: string;
  label: string;
  sdkVersion: string | undefined;
  targetSdkVersion: string | undefined;
  /** Declared uses-permission and uses-permission-sdk-23, without the ones aapt implies itself. */
  permissions: string[];
  launchableActivities: string[];
}

/** aapt's normalizeForOutput escapes quotes and backslashes; undo it. */
function unescapeAapt(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function quoted(line: string, key: string): string | undefined {
  const match = new RegExp(`${key}='((?:[^'\\\\]|\\\\.)*)'`).exec(line);
  return match?.[1] === undefined ? undefined : unescapeAapt(match[1]);
}

export function parseAaptBadging(output: string): AaptBadging {
  const lines = output.split('\n');
  const packageLine = lines.find((line) => line.startsWith('package:')) ?? '';
  // aapt does not escape quotes inside a label, so take everything between the outer quotes.
  const labelLine = lines.find((line) => line.startsWith('application-label:'));
  const sdkLine = lines.find((line) => line.startsWith('sdkVersion:'));
  const targetLine = lines.find((line) => line.startsWith('targetSdkVersion:'));
  const implied = new Set(
    lines.filter((line) => line.startsWith('uses-implied-permission:')).map((line) => quoted(line, 'name') ?? line.split("'")[1] ?? ''),
  );
  const permissions: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('uses-permission:') && !line.startsWith('uses-permission-sdk-23:')) continue;
    // Old aapt prints uses-permission:'X', newer uses-permission: name='X'.
    const name = quoted(line, 'name') ?? line.split("'")[1];
    if (name !== undefined && !implied.has(name) && !permissions.includes(name)) permissions.push(name);
  }
  return {
    packageName: quoted(packageLine, 'name') ?? '',
    versionCode: quoted(packageLine, 'versionCode') ?? '',
    versionName: quoted(packageLine, 'versionName') ?? '',
    label: labelLine === undefined ? '' : labelLine.slice("application-label:'".length, -1),
    sdkVersion: sdkLine?.split("'")[1],
    targetSdkVersion: targetLine?.split("'")[1],
    permissions,
    launchableActivities: lines
      .filter((line) => line.startsWith('launchable-activity:'))
      .map((line) => quoted(line, 'name') ?? ''),
  };
}

export interface ApksignerReport {
  verified: Array<1 | 2 | 3>;
  signerCount: number;
  signer: { dn: string; sha256: string; sha1: string; keyAlgorithm: string; keySize: number | undefined } | undefined;
}

export function parseApksignerVerify(output: string): ApksignerReport {
  const value = (label: string): string | undefined => {
    const line = output.split('\n').find((candidate) => candidate.startsWith(`${label}: `));
    return line?.slice(label.length + 2).trim();
  };
  const verified: Array<1 | 2 | 3> = [];
  if (/Verified using v1 scheme \(JAR signing\): true/.test(output)) verified.push(1);
  if (/Verified using v2 scheme \(APK Signature Scheme v2\): true/.test(output)) verified.push(2);
  if (/Verified using v3 scheme \(APK Signature Scheme v3\): true/.test(output)) verified.push(3);
  const dn = value('Signer #1 certificate DN');
  const keySize = value('Signer #1 key size (bits)');
  return {
    verified,
    signerCount: Number(value('Number of signers') ?? 0),
    signer:
      dn === undefined
        ? undefined
        : {
            dn,
            sha256: value('Signer #1 certificate SHA-256 digest') ?? '',
            sha1: value('Signer #1 certificate SHA-1 digest') ?? '',
            keyAlgorithm: value('Signer #1 key algorithm') ?? '',
            keySize: keySize === undefined ? undefined : Number(keySize),
          },
  };
}

export async function runAaptBadging(apk: string): Promise<AaptBadging> {
  const { stdout } = await execa('aapt', ['dump', 'badging', apk], { timeout: TOOL_TIMEOUT_MS });
  return parseAaptBadging(stdout);
}

/** Undefined when apksigner finds no valid signature (unsigned APK). */
export async function runApksignerVerify(apk: string): Promise<ApksignerReport | undefined> {
  const result = await execa('apksigner', ['verify', '--print-certs', '-v', apk], { timeout: TOOL_TIMEOUT_MS, reject: false });
  if (result.exitCode !== 0) return undefined;
  return parseApksignerVerify(result.stdout);
}

/**
 * The schemes apksigner reports as verified, given the schemes present: apksigner checks v1 only
 * when the APK supports API < 24 or has no v2/v3 block, and v2 only when it supports API < 28 or
 * has no v3 block (ApkVerifier.verify in apksig).
 */
export function expectedVerifiedSchemes(present: ReadonlyArray<1 | 2 | 3>, minSdkVersion: number | undefined): Array<1 | 2 | 3> {
  const minSdk = minSdkVersion ?? 1;
  const hasBlock = present.includes(2) || present.includes(3);
  return present.filter((scheme) => {
    if (scheme === 1) return minSdk < 24 || !hasBlock;
    if (scheme === 2) return minSdk < 28 || !present.includes(3);
    return true;
  });
}
