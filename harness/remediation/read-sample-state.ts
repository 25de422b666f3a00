/**
 * What is left of a sample after remediation, read through adb the way a person at a shell would:
 * `pm path <pkg>` (PackageManagerShellCommand.runPath: one `package:` line per APK of an installed
 * package, nothing otherwise), `pidof <pkg>` (toybox: the pids of processes with that name),
 * `dumpsys device_policy` (DevicePolicyManagerService.dumpPerUserData: the "Enabled Device Admins"
 * section lists each admin as `<package>/<receiver>:`) and `settings get secure
 * enabled_accessibility_services` (colon-separated `<package>/<service>` components).
 */
import type { AndroidEnv } from '../android/index.ts';
import { runAdb } from '../android/index.ts';

export interface SampleState {
  packageInstalled: boolean;
  processRunning: boolean;
  deviceAdmin: boolean;
  accessibilityEnabled: boolean;
  /** The raw outputs, for the evidence. */
  raw: string;
}

/** The admins listed under "Enabled Device Admins" in `dumpsys device_policy`. */
export function parseEnabledAdmins(dump: string): string[] {
  const admins: string[] = [];
  let inSection = false;
  let sectionIndent = 0;
  for (const line of dump.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (/^\s*Enabled Device Admins\b/.test(line)) {
      inSection = true;
      sectionIndent = indent;
      continue;
    }
    if (!inSection || line.trim() === '') continue;
    if (indent <= sectionIndent) { inSection = false; continue; }
    const admin = /^\s*([\w.]+\/[\w.$]+):\s*$/.exec(line);
    if (admin) admins.push(admin[1]!);
  }
  return admins;
}

export function namesPackage(components: readonly string[], packageName: string): boolean {
  return components.some((component) => component.startsWith(`${packageName}/`));
}

export async function readSampleState(env: AndroidEnv, serial: string, packageName: string, signal: AbortSignal): Promise<SampleState> {
  const shell = async (args: string[]): Promise<string> => {
    const result = await runAdb(env, serial, ['shell', ...args], { signal, reject: false });
    return result.stdout;
  };
  const path = await shell(['pm', 'path', packageName]);
  const pids = await shell(['pidof', packageName]);
  const policy = await shell(['dumpsys', 'device_policy']);
  const accessibility = await shell(['settings', 'get', 'secure', 'enabled_accessibility_services']);
  const services = accessibility.trim() === 'null' ? [] : accessibility.trim().split(':').filter((entry) => entry !== '');
  return {
    packageInstalled: /^package:/m.test(path),
    processRunning: pids.trim() !== '',
    deviceAdmin: namesPackage(parseEnabledAdmins(policy), packageName),
    accessibilityEnabled: namesPackage(services, packageName),
    raw: [`$ pm path ${packageName}`, path, `$ pidof ${packageName}`, pids, '$ dumpsys device_policy', policy,
      '$ settings get secure enabled_accessibility_services', accessibility].join('\n'),
  };
}
