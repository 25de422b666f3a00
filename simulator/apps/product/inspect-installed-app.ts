/**
 * What a security product can learn about one installed app: identity from its APK (package,
 * signing certificates, file hash, permissions, components), and its state on the device (hidden
 * launcher icon, enabled accessibility service, active device admin).
 */
import { readApkSigningFromBuffer } from '../../../harness/apk/index.ts';
import type { AndroidModel } from '../../device/android-model.ts';
import { apkPathOf, isComponentEnabled, type PackageRecord } from '../../device/package-record.ts';

export interface InstalledAppFacts {
  packageName: string;
  label: string;
  system: boolean;
  /** Upper-case hex without colons. */
  certificateSha1: string[];
  fileSha256: string | undefined;
  permissions: string[];
  componentKinds: string[];
  hiddenIcon: boolean;
  accessibilityEnabled: boolean;
  deviceAdminActive: boolean;
}

const identityCache = new Map<string, { sha1: string[] }>();

export function inspectInstalledApp(device: AndroidModel, record: PackageRecord): InstalledAppFacts {
  let certificateSha1: string[] = [];
  const sha = record.apkSha256;
  if (sha !== undefined) {
    let cached = identityCache.get(sha);
    const bytes = cached === undefined ? device.getBlob(sha) : undefined;
    if (cached === undefined && bytes !== undefined) {
      try {
        // Only the signers: the package was installed, so its identity was already read in full.
        const signing = readApkSigningFromBuffer(bytes, apkPathOf(record));
        cached = { sha1: signing.certificates.map((certificate) => normaliseHex(certificate.sha1)) };
        identityCache.set(sha, cached);
      } catch {
        cached = { sha1: [] };
      }
    }
    certificateSha1 = cached?.sha1 ?? [];
  }
  const launcher = record.components.find((component) => component.name === record.launchableActivity);
  const accessibility = (device.getSetting('secure', 'enabled_accessibility_services') ?? '').split(':');
  return {
    packageName: record.packageName,
    label: record.label,
    system: record.system,
    certificateSha1,
    fileSha256: sha,
    permissions: record.requestedPermissions,
    componentKinds: [...new Set(record.components.map((component) => component.kind))],
    hiddenIcon: launcher === undefined || !isComponentEnabled(record, launcher),
    accessibilityEnabled: accessibility.some((entry) => entry.startsWith(`${record.packageName}/`)),
    deviceAdminActive: device.policy.deviceAdmins.some((entry) => entry.startsWith(`${record.packageName}/`)),
  };
}

export function normaliseHex(hex: string): string {
  return hex.replace(/:/g, '').toUpperCase();
}
