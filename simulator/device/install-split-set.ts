/**
 * A multi-APK install session's commit, as Android 13 validates it before the base is installed
 * (frameworks/base services/core/java/com/android/server/pm/PackageInstallerSession.java,
 * validateApkInstallLocked): each staged `*.apk` is parsed (ApkLiteParseUtils.parseApkLite reads the
 * manifest's plain `split` attribute); the first sets the session's package, version code and signers and
 * every other must match (assertApkConsistentLocked → assertPackageConsistentLocked); a split name may
 * appear once; a full install must hold a base. Staged files are renamed `base.apk` / `split_<name>.apk`.
 * Failures are INSTALL_FAILED_INVALID_APK with Android's messages; the tag naming a file is its staged path.
 */
import { readApkIdentityFromBuffer } from '../../harness/apk/index.ts';
import type { ApkIdentity } from '../../harness/apk/types.ts';

export interface StagedApk {
  /** The name `install-write` gave it (adb passes the host file's base name). */
  name: string;
  bytes: Buffer;
}

export type SplitSetDecision =
  | { ok: true; base: Buffer; splits: Array<{ splitName: string; fileName: string; bytes: Buffer; sha256: string }> }
  | { ok: false; code: string; message: string };

const INVALID = 'INSTALL_FAILED_INVALID_APK';

export function validateSplitSet(staged: readonly StagedApk[], sessionId: number): SplitSetDecision {
  // getAddedApksLocked: only files ending in .apk take part (.dm and .fsv_sig are side files).
  const apks = staged.filter((file) => file.name.toLowerCase().endsWith('.apk'));
  if (apks.length === 0) return { ok: false, code: INVALID, message: 'No packages staged' };
  let first: { identity: ApkIdentity; signers: string } | undefined;
  const seen = new Set<string | undefined>();
  let base: Buffer | undefined;
  const splits: Array<{ splitName: string; fileName: string; bytes: Buffer; sha256: string }> = [];
  for (const apk of apks) {
    const stagedPath = `/data/app/vmdl${sessionId}.tmp/${apk.name}`;
    let identity: ApkIdentity;
    try {
      identity = readApkIdentityFromBuffer(apk.bytes, stagedPath);
    } catch {
      return { ok: false, code: 'INSTALL_PARSE_FAILED_NOT_APK', message: `Failed to parse ${stagedPath}` };
    }
    if (identity.signing.certificates.length === 0) {
      return { ok: false, code: 'INSTALL_PARSE_FAILED_NO_CERTIFICATES', message: `Failed collecting certificates for ${stagedPath}` };
    }
    if (seen.has(identity.splitName)) {
      return { ok: false, code: INVALID, message: `Split ${identity.splitName ?? 'null'} was defined multiple times` };
    }
    seen.add(identity.splitName);
    const signers = identity.signing.certificates.map((cert) => cert.sha256.toLowerCase()).sort().join(',');
    if (first === undefined) {
      first = { identity, signers };
    } else {
      if (identity.packageName !== first.identity.packageName) {
        return { ok: false, code: INVALID, message: `${stagedPath} package ${identity.packageName} inconsistent with ${first.identity.packageName}` };
      }
      if (identity.versionCode !== first.identity.versionCode) {
        return { ok: false, code: INVALID, message: `${stagedPath} version code ${identity.versionCode} inconsistent with ${first.identity.versionCode}` };
      }
      if (signers !== first.signers) return { ok: false, code: INVALID, message: `${stagedPath} signatures are inconsistent` };
    }
    if (identity.splitName === undefined) base = apk.bytes;
    else splits.push({ splitName: identity.splitName, fileName: `split_${identity.splitName}.apk`, bytes: apk.bytes, sha256: identity.sha256 });
  }
  if (base === undefined) return { ok: false, code: INVALID, message: 'Full install must include a base package' };
  return { ok: true, base, splits };
}
