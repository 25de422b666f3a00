/**
 * `pm install` (from a device path or streamed on stdin with `-S <size>`), the session verbs
 * `install-create|install-write|install-commit|install-abandon` (one APK, or a base and its splits as
 * `adb install-multiple` writes them), and `pm uninstall`.
 */
import type { AndroidModel } from '../../device/android-model.ts';
import type { InstallOptions } from '../../device/contracts.ts';
import { installPackage, uninstallPackage } from '../../device/package-manager.ts';
import { validateSplitSet, type StagedApk } from '../../device/install-split-set.ts';
import { printShellException, readAll, readExactly, resolvePath, type CommandContext } from '../command.ts';

interface InstallSession {
  options: InstallOptions;
  /** Staged files by name, in write order (a second write of one name replaces the first, as on Android). */
  files: StagedApk[];
}

const sessionsByDevice = new WeakMap<AndroidModel, Map<number, InstallSession>>();
let nextSessionId = 1_034_277_400;

function sessionsOf(device: AndroidModel): Map<number, InstallSession> {
  let sessions = sessionsByDevice.get(device);
  if (sessions === undefined) {
    sessions = new Map();
    sessionsByDevice.set(device, sessions);
  }
  return sessions;
}

/** Parses install flags; returns the options, the `-S` size and what is left (the APK path). */
function parseInstallArgs(args: string[]): { options: InstallOptions; size: number | undefined; rest: string[] } {
  const options: InstallOptions = { replace: false, grantRuntimePermissions: false, allowDowngrade: false, allowTest: false };
  let size: number | undefined;
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-r') options.replace = true;
    else if (arg === '-g') options.grantRuntimePermissions = true;
    else if (arg === '-d') options.allowDowngrade = true;
    else if (arg === '-t') options.allowTest = true;
    else if (arg === '-S') size = Number.parseInt(args[++index] ?? '', 10);
    else if (['--user', '-i', '--install-location', '--originating-uri', '--referrer', '-p', '--pkg', '--abi', '--install-reason'].includes(arg)) index++;
    else if (arg.startsWith('-')) continue;
    else rest.push(arg);
  }
  return { options, size, rest };
}

async function commit(context: CommandContext, apk: Buffer, options: InstallOptions): Promise<number> {
  const result = await context.device.installApk(apk, options);
  if (result.ok) {
    context.stdout('Success\n');
    return 0;
  }
  context.stdout(`Failure [${result.code}: ${result.message}]\n`);
  return 1;
}

export async function runPmInstall(context: CommandContext, args: string[]): Promise<number> {
  const { options, size, rest } = parseInstallArgs(args);
  const path = rest[0];
  if (path === undefined || path === '-') {
    const apk = size === undefined ? await readAll(context.stdin) : await readExactly(context.stdin, size);
    if (apk.length === 0) {
      context.stderr('Error: must either specify a package size or an APK file\n');
      return 1;
    }
    return commit(context, apk, options);
  }
  const apk = context.device.fs.read(resolvePath(context, path));
  if (apk === undefined) {
    return printShellException(context, 'install', `java.lang.IllegalArgumentException: Error: Can't open file: ${path}`,
      'com.android.server.pm.PackageManagerShellCommand.setParamsSize(PackageManagerShellCommand.java:588)');
  }
  return commit(context, apk, options);
}

export function runPmInstallCreate(context: CommandContext, args: string[]): number {
  const { options } = parseInstallArgs(args);
  const id = nextSessionId++;
  sessionsOf(context.device).set(id, { options, files: [] });
  context.stdout(`Success: created install session [${id}]\n`);
  return 0;
}

export async function runPmInstallWrite(context: CommandContext, args: string[]): Promise<number> {
  const { size, rest } = parseInstallArgs(args);
  const [idText, name, path] = rest;
  const session = sessionsOf(context.device).get(Number(idText));
  if (session === undefined) {
    return printShellException(context, 'install-write', `java.lang.SecurityException: Caller has no access to session ${idText ?? ''}`,
      'com.android.server.pm.PackageInstallerService.openSessionInternal(PackageInstallerService.java:932)');
  }
  const bytes = path === undefined || path === '-'
    ? size === undefined ? await readAll(context.stdin) : await readExactly(context.stdin, size)
    : context.device.fs.read(resolvePath(context, path));
  if (bytes === undefined) {
    context.stderr(`Error: Can't open file: ${path ?? ''}\n`);
    return 1;
  }
  // PackageInstallerSession.doWriteInternal: FileUtils.isValidExtFilename(name), else "Invalid name: <name>".
  const fileName = name ?? 'base.apk';
  if (fileName === '' || fileName.includes('/') || fileName.includes('\0')) {
    return printShellException(context, 'install-write', `java.lang.IllegalArgumentException: Invalid name: ${fileName}`,
      'com.android.server.pm.PackageInstallerSession.doWriteInternal(PackageInstallerSession.java:1352)');
  }
  session.files = [...session.files.filter((file) => file.name !== fileName), { name: fileName, bytes }];
  context.stdout(`Success: streamed ${bytes.length} bytes\n`);
  return 0;
}

export async function runPmInstallCommit(context: CommandContext, args: string[]): Promise<number> {
  const id = Number(args[0]);
  const sessions = sessionsOf(context.device);
  const session = sessions.get(id);
  sessions.delete(id);
  if (session === undefined || session.files.length === 0) {
    context.stdout('Failure [INSTALL_FAILED_INVALID_APK: No packages staged in session]\n');
    return 1;
  }
  if (session.files.length === 1) return commit(context, session.files[0]!.bytes, session.options);
  const set = validateSplitSet(session.files, id);
  const result = set.ok ? await installPackage(context.device, set.base, session.options, set.splits) : set;
  if (!set.ok) context.device.logSystem('PackageInstaller', `Commit of session ${id} failed: ${set.code}: ${set.message}`, 'W');
  if (result.ok) {
    context.stdout('Success\n');
    return 0;
  }
  context.stdout(`Failure [${result.code}: ${result.message}]\n`);
  return 1;
}

export function runPmInstallAbandon(context: CommandContext, args: string[]): number {
  sessionsOf(context.device).delete(Number(args[0]));
  context.stdout('Success\n');
  return 0;
}

export async function runPmUninstall(context: CommandContext, args: string[]): Promise<number> {
  const keepData = args.includes('-k');
  const positional = args.filter((arg, index) => !arg.startsWith('-') && args[index - 1] !== '--user');
  const packageName = positional[0];
  if (packageName === undefined) {
    context.stderr('Error: package name not specified\n');
    return 1;
  }
  const result = await uninstallPackage(context.device, packageName, keepData);
  if (result.ok) {
    context.stdout('Success\n');
    return 0;
  }
  context.stdout(`Failure [${result.code}]\n`);
  return 1;
}
