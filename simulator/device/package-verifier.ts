/**
 * Package verification as PackageManagerService runs it before an install is committed
 * (frameworks/base services/core/java/com/android/server/pm/VerificationParams.java
 * sendPackageVerificationRequest): when a required verifier is installed (on Google Play images the
 * Play Store, `com.android.vending`, i.e. Play Protect) and verification is enabled, the install waits
 * for the verifier's answer; a rejection fails it with INSTALL_FAILED_VERIFICATION_FAILURE
 * "Install not allowed" (PackageHandler PACKAGE_VERIFIED / VerificationUtils.processVerificationResponse).
 * An adb install is verified unless Settings.Global `verifier_verify_adb_installs` is 0
 * (PACKAGE_VERIFIER_INCLUDE_ADB, default 1; VerifyingSession.isAdbVerificationEnabled).
 *
 * The verifier itself is GMS code, not AOSP: the app layer registers one (apps/system-screens/play-protect.ts).
 */
import type { AndroidModel } from './android-model.ts';
import type { PackageRecord } from './package-record.ts';

/** Settings.Global.PACKAGE_VERIFIER_INCLUDE_ADB. */
export const VERIFY_ADB_INSTALLS_SETTING = 'verifier_verify_adb_installs';

export interface VerificationRequest {
  /** The package record the install would commit. */
  record: PackageRecord;
  /** The APK's bytes (the verifier reads the staged file). */
  apk: Buffer;
}

/** The verifier's answer: PackageManager.VERIFICATION_ALLOW or VERIFICATION_REJECT. */
export type VerificationAnswer = 'allow' | 'reject';
export type PackageVerifier = (request: VerificationRequest) => Promise<VerificationAnswer>;

export type VerificationOutcome = { ok: true } | { ok: false; code: 'INSTALL_FAILED_VERIFICATION_FAILURE'; message: string };

const verifiers = new WeakMap<AndroidModel, PackageVerifier>();

/** Makes `verifier` the device's required verifier (mRequiredVerifierPackage); returns a function that removes it. */
export function registerRequiredVerifier(device: AndroidModel, verifier: PackageVerifier): () => void {
  verifiers.set(device, verifier);
  return () => {
    if (verifiers.get(device) === verifier) verifiers.delete(device);
  };
}

/** Asks the required verifier about an adb install, when there is one and adb installs are verified. */
export async function verifyAdbInstall(device: AndroidModel, request: VerificationRequest): Promise<VerificationOutcome> {
  const verifier = verifiers.get(device);
  if (verifier === undefined) return { ok: true };
  if (device.getSetting('global', VERIFY_ADB_INSTALLS_SETTING) === '0') return { ok: true };
  const answer = await verifier(request);
  if (answer === 'allow') return { ok: true };
  device.logSystem('PackageManager', `Verification rejected ${request.record.packageName}: Install not allowed`, 'W');
  return { ok: false, code: 'INSTALL_FAILED_VERIFICATION_FAILURE', message: 'Install not allowed' };
}
