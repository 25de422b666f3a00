/**
 * The install-time refusals of Android 11–13 that depend on how an APK was built, each with the
 * code and message `pm install` prints as `Failure [CODE: message]` (a bare negative number when
 * PackageManager.installStatusToString has no name for it, as for -124).
 */
import { openZip, type ZipArchive } from '../../harness/apk/zip-reader.ts';
import type { ApkIdentity } from '../../harness/apk/types.ts';
import type { PackageRecord } from './package-record.ts';

export interface InstallRefusal {
  code: string;
  message: string;
}

/** What the device offers native code: `ro.product.cpu.abilist` (an x86_64 image without ARM translation: x86_64,x86). */
export interface InstallDevice {
  apiLevel: number;
  abis: readonly string[];
}

/** The first refusal that applies, in the order PackageManagerService meets them; undefined when none. */
export function findInstallRefusal(apk: Buffer, identity: ApkIdentity, stagedPath: string, device: InstallDevice): InstallRefusal | undefined {
  const targetSdk = identity.targetSdkVersion ?? identity.minSdkVersion ?? 1;
  const zip = openZip(apk, stagedPath);
  return checkResourcesArsc(zip, targetSdk, stagedPath, device.apiLevel)
    ?? checkSignatureScheme(identity, targetSdk, device.apiLevel)
    ?? checkExplicitExported(identity, targetSdk, stagedPath, device.apiLevel)
    ?? checkNativeAbis(zip, device.abis);
}

/**
 * ParsingPackageUtils.parseBaseApk (API 30+): a targetSdk ≥ 30 APK whose resources.arsc is deflated
 * or not 4-byte aligned fails with INSTALL_PARSE_FAILED_RESOURCES_ARSC_COMPRESSED (-124), which
 * `pm` prints as a number (the famous `Failure [-124: Failed parse during installPackageLI: …]`).
 */
function checkResourcesArsc(zip: ZipArchive, targetSdk: number, stagedPath: string, apiLevel: number): InstallRefusal | undefined {
  if (apiLevel < 30 || targetSdk < 30) return undefined;
  const arsc = zip.byName.get('resources.arsc');
  if (arsc === undefined) return undefined;
  const local = arsc.localHeaderOffset;
  const dataOffset = local + 30 + zip.buffer.readUInt16LE(local + 26) + zip.buffer.readUInt16LE(local + 28);
  if (arsc.method === 0 && dataOffset % 4 === 0) return undefined;
  return {
    code: '-124',
    message: `Failed parse during installPackageLI: Targeting R+ (version 30 and above) requires the resources.arsc of installed APKs to be stored uncompressed and aligned on a 4-byte boundary`,
  };
}

/**
 * ApkSignatureVerifier / ParsingPackageUtils.getSigningDetails (API 30+): a targetSdk ≥ 30 package
 * needs APK Signature Scheme v2 or newer; JAR signing alone fails with
 * `Scanning Failed.: No signature found in package of version 2 or newer for package <pkg>`.
 */
function checkSignatureScheme(identity: ApkIdentity, targetSdk: number, apiLevel: number): InstallRefusal | undefined {
  if (apiLevel < 30 || targetSdk < 30) return undefined;
  if (identity.signing.schemes.some((scheme) => scheme >= 2)) return undefined;
  return {
    code: 'INSTALL_PARSE_FAILED_NO_CERTIFICATES',
    message: `Scanning Failed.: No signature found in package of version 2 or newer for package ${identity.packageName}`,
  };
}

/**
 * ParsingPackageUtils (API 31+): a targetSdk ≥ 31 component with an intent-filter and no explicit
 * android:exported fails with INSTALL_PARSE_FAILED_MANIFEST_MALFORMED. The real message also names
 * the manifest line (`(at Binary XML file line #N)`), which the APK reader does not keep.
 */
function checkExplicitExported(identity: ApkIdentity, targetSdk: number, stagedPath: string, apiLevel: number): InstallRefusal | undefined {
  if (apiLevel < 31 || targetSdk < 31) return undefined;
  const offender = identity.components.find((component) => component.exported === undefined && component.actions.length > 0);
  if (offender === undefined) return undefined;
  return {
    code: 'INSTALL_PARSE_FAILED_MANIFEST_MALFORMED',
    message: `Failed parse during installPackageLI: ${stagedPath}: ${offender.name}: Targeting S+ (version 31 and above) requires that an explicit value for android:exported be defined when intent filters are present`,
  };
}

/**
 * NativeLibraryHelper.copyNativeBinariesForSupportedAbi: an APK with native code (lib/<abi>/*.so)
 * for none of the device's ABIs fails with INSTALL_FAILED_NO_MATCHING_ABIS
 * ("Failed to extract native libraries, res=-113"), e.g. ARM-only libraries on an x86_64 image
 * without ARM translation.
 */
function checkNativeAbis(zip: ZipArchive, abis: readonly string[]): InstallRefusal | undefined {
  const shipped = new Set(zip.entries.map((entry) => /^lib\/([^/]+)\/[^/]+\.so$/.exec(entry.name)?.[1]).filter((abi): abi is string => abi !== undefined));
  if (shipped.size === 0 || abis.some((abi) => shipped.has(abi))) return undefined;
  return { code: 'INSTALL_FAILED_NO_MATCHING_ABIS', message: 'Failed to extract native libraries, res=-113' };
}

/**
 * What other installed packages already own, in the order Android 13 checks it:
 * - a `<permission>` defined by another package whose signer differs:
 *   InstallPackageHelper.preparePackageLI → PrepareFailure(INSTALL_FAILED_DUPLICATE_PERMISSION,
 *   "Package <pkg> attempting to redeclare permission <perm> already owned by <owner>") (the platform
 *   itself, "android", is only logged; its permissions are not modelled as records here);
 * - a provider authority of another package, whatever its signer: ComponentResolver
 *   .assertProvidersNotDefined → INSTALL_FAILED_CONFLICTING_PROVIDER, "Can't install because provider
 *   name <authority> (in package <pkg>) is already used by <owner>", reported from the scan as
 *   "Scanning Failed.: …". An update of the same package may keep its own.
 */
export function findOwnershipConflict(identity: ApkIdentity, signerSha256: string, installed: readonly PackageRecord[]): InstallRefusal | undefined {
  const others = installed.filter((record) => record.packageName !== identity.packageName);
  for (const permission of identity.definedPermissions ?? []) {
    const owner = others.find((record) => record.definedPermissions?.includes(permission));
    if (owner !== undefined && owner.signingSha256.toLowerCase() !== signerSha256.toLowerCase()) {
      return {
        code: 'INSTALL_FAILED_DUPLICATE_PERMISSION',
        message: `Package ${identity.packageName} attempting to redeclare permission ${permission} already owned by ${owner.packageName}`,
      };
    }
  }
  for (const authority of identity.providerAuthorities ?? []) {
    const owner = others.find((record) => record.providerAuthorities?.includes(authority));
    if (owner !== undefined) {
      return {
        code: 'INSTALL_FAILED_CONFLICTING_PROVIDER',
        message: `Scanning Failed.: Can't install because provider name ${authority} (in package ${identity.packageName}) is already used by ${owner.packageName}`,
      };
    }
  }
  return undefined;
}
