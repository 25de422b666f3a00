/** `pm <verb>` and `cmd package <verb>`: PackageManagerShellCommand. */
import { SHELL_UID, shellUid } from '../../device/caller-identity.ts';
import { clearPackageData } from '../../device/package-manager.ts';
import { expandClassName, isComponentEnabled, isPackageEnabled, shortComponentName, type EnabledSetting } from '../../device/package-record.ts';
import { printShellException, type CommandContext } from '../command.ts';
import { formatPackageDump } from './dumpsys-package.ts';
import { runPmInstall, runPmInstallAbandon, runPmInstallCommit, runPmInstallCreate, runPmInstallWrite, runPmUninstall } from './pm-install.ts';
import { runPmList, sourceDirOf } from './pm-list.ts';
import { apkPathsOf } from '../../device/package-record.ts';

const PM_USAGE = `Package manager (package) commands:
  help
    Print this help text.

  path [--user USER_ID] PACKAGE
    Print the path to the .apk of the given PACKAGE.

  dump PACKAGE
    Print various system state associated with the given PACKAGE.

  list packages [-f] [-d] [-e] [-s] [-3] [-i] [-l] [-u] [-U] [--show-versioncode] [FILTER]
    Prints all packages; optionally only those whose name contains the text in FILTER.

  list instrumentation [-f] [TARGET-PACKAGE]
    Prints all test packages; optionally only those targeting TARGET-PACKAGE.

  install [-r] [-t] [-d] [-g] [-S BYTES] [PATH|-]
    Install an application.

  uninstall [-k] [--user USER_ID] PACKAGE
    Remove the given package name from the system.

  clear [--user USER_ID] PACKAGE
    Deletes all data associated with a package.

  enable|disable|disable-user [--user USER_ID] PACKAGE_OR_COMPONENT
    These commands change the enabled state of a given package or component.

  grant|revoke [--user USER_ID] PACKAGE PERMISSION
    Grant or revoke a permission to an app.

  resolve-activity [--brief] [--user USER_ID] INTENT
    Prints the activity that resolves to the given INTENT.
`;

const ENABLE_VERBS: Readonly<Record<string, { setting: EnabledSetting; label: string }>> = {
  enable: { setting: 1, label: 'enabled' },
  disable: { setting: 2, label: 'disabled' },
  'disable-user': { setting: 3, label: 'disabled-user' },
  'disable-until-used': { setting: 4, label: 'disabled-until-used' },
  'default-state': { setting: 0, label: 'default' },
};

export async function runPm(context: CommandContext, argv: readonly string[] = context.args): Promise<number> {
  const [verb, ...rawArgs] = argv;
  const args = dropUserOption(rawArgs);
  switch (verb) {
    case undefined: case 'help': case '-h':
      context.stdout(PM_USAGE);
      return verb === undefined ? 1 : 0;
    case 'list': return runPmList(context, args);
    case 'path': return printPath(context, args);
    case 'install': return runPmInstall(context, args);
    case 'install-create': return runPmInstallCreate(context, args);
    case 'install-write': return runPmInstallWrite(context, args);
    case 'install-commit': return runPmInstallCommit(context, args);
    case 'install-abandon': return runPmInstallAbandon(context, args);
    case 'uninstall': return runPmUninstall(context, args);
    case 'grant': case 'revoke': return changePermission(context, verb, args);
    case 'clear': {
      const ok = await clearPackageData(context.device, args[0] ?? '');
      context.stdout(ok ? 'Success\n' : 'Failed\n');
      return ok ? 0 : 1;
    }
    case 'resolve-activity': return resolveActivity(context, args);
    case 'bg-dexopt-job': {
      // Runs the background dexopt job now and returns when it is done (runBackgroundDexoptJob).
      await context.device.firstBootWork.finish(context.signal);
      context.stdout('Success\n');
      return 0;
    }
    case 'dump': {
      context.stdout(formatPackageDump(context.device, args[0] ?? ''));
      return 0;
    }
    default: {
      const enable = ENABLE_VERBS[verb];
      if (enable !== undefined) return changeEnabled(context, verb, args, enable.setting, enable.label);
      context.stderr(`Unknown command: ${verb}\n`);
      return 255;
    }
  }
}

function dropUserOption(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--user') { index++; continue; }
    out.push(args[index] ?? '');
  }
  return out;
}

function printPath(context: CommandContext, args: string[]): number {
  const record = context.device.packages.get(args[0] ?? '');
  if (record === undefined) return 1;
  // PackageManagerShellCommand.runPath: the base's sourceDir, then each of splitSourceDirs.
  const paths = record.system ? [sourceDirOf(record)] : apkPathsOf(record);
  context.stdout(paths.map((path) => `package:${path}\n`).join(''));
  return 0;
}

function changePermission(context: CommandContext, verb: 'grant' | 'revoke', args: string[]): number {
  const [packageName, permission] = args;
  if (packageName === undefined || permission === undefined) {
    context.stderr('Error: no permission specified\n');
    return 1;
  }
  const result = context.device.packages.grant(packageName, permission, verb === 'grant');
  if (result.ok) return 0;
  return printShellException(context, verb, result.exception,
    `com.android.server.pm.permission.PermissionManagerServiceImpl.${verb}RuntimePermissionInternal(PermissionManagerServiceImpl.java:1392)`);
}

function changeEnabled(context: CommandContext, verb: string, args: string[], setting: EnabledSetting, label: string): number {
  const target = args[0] ?? '';
  const slash = target.indexOf('/');
  const packageName = slash < 0 ? target : target.slice(0, slash);
  const className = slash < 0 ? undefined : expandClassName(packageName, target.slice(slash + 1));
  const refusal = shellRefusal(context, packageName, className, setting);
  if (refusal !== undefined) {
    return printShellException(context, verb, `java.lang.SecurityException: ${refusal}`,
      'com.android.server.pm.PackageManagerService.setEnabledSettings(PackageManagerService.java:3837)');
  }
  if (!context.device.packages.setEnabled(packageName, className, setting)) {
    const what = className === undefined ? `Unknown package: ${packageName}` : `Component class ${className} does not exist in ${packageName}`;
    return printShellException(context, verb, `java.lang.IllegalArgumentException: ${what}`,
      'com.android.server.pm.PackageManagerService.setEnabledSetting(PackageManagerService.java:4108)');
  }
  if (className === undefined) context.stdout(`Package ${packageName} new state: ${label}\n`);
  else context.stdout(`Component {${packageName}/${className}} new state: ${label}\n`);
  return 0;
}

/** States the shell may move a whole package between: default, enabled, disabled-user. */
const SHELL_PACKAGE_STATES: readonly EnabledSetting[] = [0, 1, 3];

/**
 * PackageManagerService.setEnabledSettings: the shell uid may only switch a whole package between
 * default, enabled and disabled-user, unless the app is android:testOnly; components, and `pm disable`
 * of a package, are refused ("Shell cannot change component state for pkg/cls to 2"). Root passes;
 * an app changes its own components through PackageManager, not here.
 */
function shellRefusal(context: CommandContext, packageName: string, className: string | undefined, setting: EnabledSetting): string | undefined {
  if (shellUid(context.device) !== SHELL_UID) return undefined;
  const record = context.device.packages.get(packageName);
  if (record === undefined || (record.testOnly ?? false)) return undefined;
  if (className === undefined && SHELL_PACKAGE_STATES.includes(record.enabledSetting) && SHELL_PACKAGE_STATES.includes(setting)) return undefined;
  return `Shell cannot change component state for ${packageName}/${className ?? 'null'} to ${setting}`;
}

/** `cmd package resolve-activity --brief <pkg>`: the launcher activity of a package. */
function resolveActivity(context: CommandContext, args: string[]): number {
  const brief = args.includes('--brief');
  const packageName = args.filter((arg) => !arg.startsWith('-')).pop() ?? '';
  const record = context.device.packages.get(packageName);
  const activity = record?.launchableActivity;
  // PackageManager resolves only enabled components of enabled packages: a sample that hid its
  // launcher activity resolves to nothing (ComponentResolver / PackageManagerService.queryIntentActivities).
  const launcher = record?.components.find((component) => component.name === activity);
  if (record === undefined || activity === undefined || !isPackageEnabled(record) || (launcher !== undefined && !isComponentEnabled(record, launcher))) {
    context.stdout('No activity found\n');
    return 0;
  }
  const component = shortComponentName(packageName, activity);
  if (brief) {
    context.stdout(`priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\n${component}\n`);
    return 0;
  }
  context.stdout(
    `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\nActivityInfo:\n  name=${activity}\n  packageName=${packageName}\n  enabled=true exported=true directBootAware=false\n  taskAffinity=${packageName} targetActivity=null persistableMode=PERSIST_ROOT_ONLY\n  launchMode=0 flags=0x0 privateFlags=0x0 theme=0x0\n  screenOrientation=-1 configChanges=0x0 softInputMode=0x0\n  lockTaskLaunchMode=LOCK_TASK_LAUNCH_MODE_DEFAULT\n  resizeMode=RESIZE_MODE_RESIZEABLE\n  ApplicationInfo:\n    name=null\n    packageName=${packageName}\n    labelRes=0x0 nonLocalizedLabel=null icon=0x0 banner=0x0\n    processName=${packageName}\n    taskAffinity=${packageName}\n    uid=${record.uid} flags=0x${record.system ? '30c8be45' : '30c8be44'} privateFlags=0x24001000 theme=0x0\n    sourceDir=${sourceDirOf(record)}\n    dataDir=/data/user/0/${packageName}\n    enabled=true minSdkVersion=${record.minSdk} targetSdkVersion=${record.targetSdk} versionCode=${record.versionCode} targetSandboxVersion=1\n`,
  );
  return 0;
}
