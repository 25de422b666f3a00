/** `pm list packages|instrumentation|users|permissions` as PackageManagerShellCommand prints them. */
import type { CommandContext } from '../command.ts';
import { apkPathOf, isPackageEnabled, type PackageRecord } from '../../device/package-record.ts';
import { systemApkPath } from '../../device/system-packages.ts';

export function runPmList(context: CommandContext, args: string[]): number {
  const [what, ...rest] = args;
  switch (what) {
    case 'packages': return listPackages(context, rest);
    case 'instrumentation': return listInstrumentation(context, rest);
    case 'users':
      context.stdout('Users:\n\tUserInfo{0:Owner:c13} running\n');
      return 0;
    case 'permissions': return listPermissions(context, rest);
    case 'features':
      context.stdout(['android.hardware.touchscreen', 'android.hardware.wifi', 'android.software.device_admin',
        'android.software.webview', 'reqGlEsVersion=0x30000'].map((feature) => `feature:${feature}\n`).join(''));
      return 0;
    default:
      context.stderr(`Error: unknown list type '${what ?? ''}'\n`);
      return 255;
  }
}

function listPackages(context: CommandContext, args: string[]): number {
  const options = { showPath: false, disabled: false, enabled: false, system: false, thirdParty: false, uid: false, versionCode: false, installer: false };
  let filter: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    switch (arg) {
      case '-f': options.showPath = true; break;
      case '-d': options.disabled = true; break;
      case '-e': options.enabled = true; break;
      case '-s': options.system = true; break;
      case '-3': options.thirdParty = true; break;
      case '-U': options.uid = true; break;
      case '-i': options.installer = true; break;
      case '-u': case '-a': case '--apex-only': case '--show-versioncode':
        if (arg === '--show-versioncode') options.versionCode = true;
        break;
      case '--user': case '--uid': index++; break;
      default:
        if (arg.startsWith('-')) {
          context.stderr(`Error: Unknown option: ${arg}\n`);
          return 255;
        }
        filter = arg;
    }
  }
  const lines: string[] = [];
  for (const record of context.device.packages.all()) {
    if (filter !== undefined && !record.packageName.includes(filter)) continue;
    const enabled = isPackageEnabled(record);
    if ((options.disabled && enabled) || (options.enabled && !enabled)) continue;
    if ((options.system && !record.system) || (options.thirdParty && record.system)) continue;
    let line = 'package:';
    if (options.showPath) line += `${sourceDirOf(record)}=`;
    line += record.packageName;
    if (options.versionCode) line += ` versionCode:${record.versionCode}`;
    if (options.installer) line += `  installer=${record.installer ?? 'null'}`;
    if (options.uid) line += ` uid:${record.uid}`;
    lines.push(`${line}\n`);
  }
  context.stdout(lines.join(''));
  return 0;
}

export function sourceDirOf(record: PackageRecord): string {
  return record.system ? systemApkPath(record) : apkPathOf(record);
}

function listInstrumentation(context: CommandContext, args: string[]): number {
  const target = args.find((arg) => !arg.startsWith('-'));
  const showPath = args.includes('-f');
  const lines: string[] = [];
  for (const record of context.device.packages.all()) {
    for (const instrumentation of record.instrumentations) {
      if (target !== undefined && instrumentation.targetPackage !== target) continue;
      const path = showPath ? `${sourceDirOf(record)}=` : '';
      lines.push(`instrumentation:${path}${record.packageName}/${instrumentation.name} (target=${instrumentation.targetPackage})\n`);
    }
  }
  context.stdout(lines.join(''));
  return 0;
}

function listPermissions(context: CommandContext, args: string[]): number {
  const groups = args.includes('-g');
  const names = new Set<string>();
  for (const record of context.device.packages.all()) for (const name of record.requestedPermissions) names.add(name);
  if (groups) {
    context.stdout('All Permissions:\n\n');
    return 0;
  }
  context.stdout(`All Permissions:\n\n${[...names].sort().map((name) => `permission:${name}\n`).join('')}`);
  return 0;
}
