/**
 * PackageManager operations with their side effects: install (blob, base.apk file, data folder,
 * logs, event), uninstall, clear. State checks live in install-apk.ts and package-registry.ts.
 */
import type { InstallOptions, InstallResult } from './contracts.ts';
import type { AndroidModel } from './android-model.ts';
import { forceStop } from './activity-manager.ts';
import { decideInstall } from './install-apk.ts';
import { apkPathOf } from './package-record.ts';
import { verifyAdbInstall } from './package-verifier.ts';

/**
 * Installs a base APK and, from a multi-APK session already checked by validateSplitSet, its splits
 * (written beside base.apk as `split_<name>.apk`, as `pm path` then lists them). A full install replaces
 * the whole code folder, so splits of an earlier install are gone.
 */
export async function installPackage(
  device: AndroidModel,
  apk: Buffer,
  options: InstallOptions,
  splits: ReadonlyArray<{ splitName: string; fileName: string; bytes: Buffer; sha256: string }> = [],
): Promise<InstallResult> {
  const decision = decideInstall(apk, options, {
    apiLevel: device.profile.apiLevel,
    now: device.now(),
    existing: (name) => device.packages.get(name),
    installed: () => device.packages.all(),
    allocateUid: () => device.packages.allocateUid(),
    abis: (device.getProp('ro.product.cpu.abilist') ?? 'x86_64,x86').split(',').filter((abi) => abi !== ''),
  });
  if (!decision.ok) {
    device.logSystem('PackageManager', `installPackageLI failed: ${decision.code}: ${decision.message}`, 'W');
    return { ok: false, code: decision.code, message: decision.message };
  }
  const { replaced } = decision;
  const record = splits.length === 0 ? decision.record : {
    ...decision.record,
    splits: splits.map((split) => ({ name: split.splitName, sha256: split.sha256, size: split.bytes.length })),
  };
  device.logSystem('PackageManager', `Integrity check passed for file:///data/app/${decision.session}`);
  // The install waits for the required verifier (Play Protect on Google Play images) before it is committed.
  const verification = await verifyAdbInstall(device, { record, apk });
  if (!verification.ok) return verification;
  if (replaced !== undefined) {
    await forceStop(device, record.packageName, 'installPackageLI');
    if (!replaced.system) device.fs.remove(replaced.codePath, { recursive: true });
    device.logSystem(
      'PackageManager',
      `Update package ${record.packageName} code path from ${replaced.codePath} to ${record.codePath}; Retain data and using new`,
    );
  }
  device.putBlob(decision.identity.sha256, apk);
  device.fs.mkdir(record.codePath, 0o775);
  device.fs.writeBlobRef(apkPathOf(record), decision.identity.sha256, apk.length, 0o644);
  for (const split of splits) {
    device.putBlob(split.sha256, split.bytes);
    device.fs.writeBlobRef(`${record.codePath}/${split.fileName}`, split.sha256, split.bytes.length, 0o644);
  }
  device.fs.mkdir(`/data/user/0/${record.packageName}`, 0o700);
  device.packages.put(record);
  device.dropUnreferencedBlobs();
  device.logSystem('PackageDexOptimizer', `Running dexopt (dexoptNeeded=1) on: ${apkPathOf(record)} pkg=${record.packageName} isa=x86_64 dexoptFlags=boot_complete,public,enable_hidden_api_checks targetFilter=verify oatDir=${record.codePath}/oat classLoaderContext=PCL[]{}`);
  device.events.emit('packageInstalled', { packageName: record.packageName, record, replaced: replaced !== undefined });
  return { ok: true, packageName: record.packageName };
}

export type UninstallResult = { ok: true } | { ok: false; code: string };

export async function uninstallPackage(device: AndroidModel, packageName: string, keepData: boolean): Promise<UninstallResult> {
  const record = device.packages.get(packageName);
  if (record === undefined) return { ok: false, code: 'DELETE_FAILED_INTERNAL_ERROR' };
  if (record.system) return { ok: false, code: 'DELETE_FAILED_INTERNAL_ERROR' };
  const admin = device.policy.deviceAdmins.some((component) => component.startsWith(`${packageName}/`));
  if (admin) return { ok: false, code: 'DELETE_FAILED_DEVICE_POLICY_MANAGER' };
  await forceStop(device, packageName, 'uninstall pkg');
  device.packages.remove(packageName);
  device.fs.remove(record.codePath, { recursive: true });
  if (!keepData) device.fs.remove(`/data/user/0/${packageName}`, { recursive: true });
  removeFromSecureList(device, 'enabled_accessibility_services', packageName);
  removeFromSecureList(device, 'enabled_notification_listeners', packageName);
  device.policy.deviceIdleWhitelist = device.policy.deviceIdleWhitelist.filter((name) => name !== packageName);
  delete device.policy.appOps[packageName];
  device.dropUnreferencedBlobs();
  device.logSystem('PackageManager', `Removing package ${packageName}`);
  device.events.emit('packageRemoved', { packageName, record, keepData });
  return { ok: true };
}

/** `pm clear`: stops the app and empties its data folder. */
export async function clearPackageData(device: AndroidModel, packageName: string): Promise<boolean> {
  const record = device.packages.get(packageName);
  if (record === undefined) return false;
  await forceStop(device, packageName, 'clear data');
  const dataDir = `/data/user/0/${packageName}`;
  device.fs.remove(dataDir, { recursive: true });
  device.fs.mkdir(dataDir, 0o700);
  return true;
}

/** Drops a package's components from a colon-separated secure setting (services die with the package). */
function removeFromSecureList(device: AndroidModel, key: string, packageName: string): void {
  const value = device.getSetting('secure', key);
  if (value === undefined || value === '') return;
  const kept = value.split(':').filter((entry) => entry !== '' && !entry.startsWith(`${packageName}/`));
  device.putSetting('secure', key, kept.join(':'));
}
