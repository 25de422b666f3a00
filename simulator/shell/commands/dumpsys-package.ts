/**
 * `dumpsys package <pkg>` (and `pm dump`): the resolver tables, the `Package [name] (hash):` block
 * with `versionCode=N minSdk=… targetSdk=…`, `versionName=`, `requested permissions:`,
 * `install permissions:` and per-user `runtime permissions:` with `granted=` — what appium-adb's
 * getPackageInfo / extractMatchingPermissions / parseLaunchableActivityNames parse.
 */
import type { ApkComponent } from '../../../harness/apk/types.ts';
import type { AndroidModel } from '../../device/android-model.ts';
import { HARD_RESTRICTED } from '../../device/permission-catalog.ts';
import { shortComponentName, type PackageRecord } from '../../device/package-record.ts';
import { flagsOf } from '../../device/permission-flags.ts';
import { objectHash } from './object-hash.ts';
import { sourceDirOf } from './pm-list.ts';

export function formatPackageDump(device: AndroidModel, packageName: string): string {
  const record = device.packages.get(packageName);
  if (record === undefined) return '';
  const lines: string[] = [];
  lines.push(...resolverTable('Activity Resolver Table:', record, ['activity', 'activity-alias']));
  lines.push(...resolverTable('Receiver Resolver Table:', record, ['receiver', 'device-admin']));
  lines.push(...resolverTable('Service Resolver Table:', record, ['service', 'accessibility-service', 'notification-listener']));
  lines.push('Key Set Manager:', `  [${record.packageName}]`, `      Signing KeySets: ${(record.uid % 97) + 3}`, '');
  lines.push('Packages:');
  lines.push(...packageBlock(device, record));
  lines.push('', 'Queries:', '  system apps queryable: false', '');
  lines.push('Dexopt state:', `  [${record.packageName}]`, `    path: ${sourceDirOf(record)}`,
    `      x86_64: [status=${record.system ? 'speed-profile' : 'run-from-apk'}] [reason=${record.system ? 'prebuilt' : 'unknown'}]`, '');
  lines.push('Compiler stats:', `  [${record.packageName}]`, `     base.apk - ${(record.uid % 900) + 100}`, '');
  return `${lines.join('\n')}\n`;
}

function resolverTable(title: string, record: PackageRecord, kinds: readonly string[]): string[] {
  const byAction = new Map<string, ApkComponent[]>();
  for (const component of record.components) {
    if (!kinds.includes(component.kind)) continue;
    for (const action of component.actions) {
      const list = byAction.get(action) ?? [];
      list.push(component);
      byAction.set(action, list);
    }
  }
  if (byAction.size === 0) return [];
  const lines = [title, '  Non-Data Actions:'];
  for (const [action, components] of byAction) {
    lines.push(`      ${action}:`);
    for (const component of components) {
      const name = shortComponentName(record.packageName, component.name);
      lines.push(`        ${objectHash(`${name}#${action}`)} ${name} filter ${objectHash(`${name}@${action}`)}`);
      for (const filterAction of component.actions) lines.push(`          Action: "${filterAction}"`);
      for (const category of component.categories) lines.push(`          Category: "${category}"`);
    }
  }
  lines.push('');
  return lines;
}

function packageBlock(device: AndroidModel, record: PackageRecord): string[] {
  const codePath = record.codePath;
  const flags = record.system
    ? '[ SYSTEM HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]'
    : `[ ${record.debuggable ? 'DEBUGGABLE ' : ''}HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]`;
  const lines = [
    `  Package [${record.packageName}] (${objectHash(record.packageName)}):`,
    `    userId=${record.uid}`,
    `    pkg=Package{${objectHash(`pkg:${record.packageName}`)} ${record.packageName}}`,
    `    codePath=${codePath}`,
    `    resourcePath=${codePath}`,
    `    legacyNativeLibraryDir=${codePath}/lib`,
    '    extractNativeLibs=false',
    '    primaryCpuAbi=null',
    '    secondaryCpuAbi=null',
    '    cpuAbiOverride=null',
    `    versionCode=${record.versionCode} minSdk=${record.minSdk} targetSdk=${record.targetSdk}`,
    '    minExtensionVersions=[]',
    `    versionName=${record.versionName === '' ? 'null' : record.versionName}`,
    '    usesNonSdkApi=false',
    '    splits=[base]',
    `    apkSigningVersion=${record.system ? 3 : 2}`,
    `    flags=${flags}`,
    '    privateFlags=[ PRIVATE_FLAG_ACTIVITIES_RESIZE_MODE_RESIZEABLE_VIA_SDK_VERSION ALLOW_AUDIO_PLAYBACK_CAPTURE PRIVATE_FLAG_ALLOW_NATIVE_HEAP_POINTER_TAGGING ]',
    '    forceQueryable=false',
    `    dataDir=/data/user/0/${record.packageName}`,
    '    supportsScreens=[small, medium, large, xlarge, resizeable, anyDensity]',
    `    timeStamp=${formatTimestamp(record.lastUpdateTime)}`,
    `    firstInstallTime=${formatTimestamp(record.firstInstallTime)}`,
    `    lastUpdateTime=${formatTimestamp(record.lastUpdateTime)}`,
    `    installerPackageName=${record.installer ?? 'null'}`,
    `    signatures=PackageSignatures{${objectHash(`sig:${record.packageName}`)} version:${record.system ? 3 : 2}, signatures:[${record.signingSha256.slice(0, 8)}], past signatures:[]}`,
    '    installPermissionsFixed=true',
    `    pkgFlags=${flags}`,
  ];
  if (record.requestedPermissions.length > 0) {
    lines.push('    requested permissions:');
    for (const name of record.requestedPermissions) lines.push(`      ${name}${HARD_RESTRICTED.has(name) ? ': restricted=true' : ''}`);
  }
  const installPermissions = device.packages.installPermissionsOf(record);
  if (installPermissions.length > 0) {
    lines.push('    install permissions:');
    for (const name of installPermissions) lines.push(`      ${name}: granted=true`);
  }
  lines.push(
    `    User 0: ceDataInode=${131_000 + (record.uid % 10_000)} installed=true hidden=false suspended=false distractionFlags=0 stopped=${record.stopped} notLaunched=${record.stopped && !record.system} enabled=${record.enabledSetting} instant=false virtual=false`,
  );
  const runtime = device.packages.runtimePermissionsOf(record);
  if (runtime.length > 0) {
    lines.push('      runtime permissions:');
    for (const name of runtime) {
      const granted = record.grantedRuntime.includes(name);
      // PackageManager.permissionFlagToString names joined by `|` in bit order: USER_SET (1),
      // USER_FIXED (2), REVIEW_REQUIRED (64), REVOKED_COMPAT (128), USER_SENSITIVE_* (256, 512),
      // RESTRICTION_INSTALLER_EXEMPT (2048).
      const flags = [...flagsOf(record, name), 'USER_SENSITIVE_WHEN_GRANTED', 'USER_SENSITIVE_WHEN_DENIED',
        ...(HARD_RESTRICTED.has(name) ? ['RESTRICTION_INSTALLER_EXEMPT'] : [])];
      lines.push(`        ${name}: granted=${granted}, flags=[ ${flags.join('|')} ]`);
    }
  }
  if (record.disabledComponents.length > 0) {
    lines.push('      disabledComponents:');
    for (const name of record.disabledComponents) lines.push(`        ${name}`);
  }
  if (record.enabledComponents.length > 0) {
    lines.push('      enabledComponents:');
    for (const name of record.enabledComponents) lines.push(`        ${name}`);
  }
  return lines;
}

/** `2023-09-14 17:31:42` in the device's time zone (GMT on emulators). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
