/** `dpm set-active-admin|remove-active-admin|set-device-owner|list-owners` and `cmd device_policy`. */
import { printShellException, type CommandContext } from '../command.ts';
import { parseComponent, shortName } from './intent-args.ts';

export function runDpm(context: CommandContext, argv: readonly string[] = context.args): number {
  const args = argv.filter((arg, index) => arg !== '--user' && argv[index - 1] !== '--user' && arg !== '--name');
  const [verb, target] = args;
  const device = context.device;
  const policy = device.policy;
  if (verb === 'list-owners') {
    context.stdout(policy.deviceOwner === null ? 'no owners\n' : `1 owner:\nUser  0: admin=${policy.deviceOwner},DeviceOwner\n`);
    return 0;
  }
  if (verb === 'list-active-admins') {
    context.stdout(policy.deviceAdmins.map((admin) => `${admin}\n`).join(''));
    return 0;
  }
  if (verb !== 'set-active-admin' && verb !== 'remove-active-admin' && verb !== 'set-device-owner') {
    context.stderr(`usage: dpm [subcommand] [options]\nusage: dpm set-active-admin [ --user <USER_ID> | current ] <COMPONENT>\nusage: dpm remove-active-admin [ --user <USER_ID> ] <COMPONENT>\nusage: dpm list-owners\n\nError: unknown command '${verb ?? ''}'\n`);
    return 255;
  }
  const component = parseComponent(target ?? '');
  if (component === undefined) {
    return printShellException(context, verb, `java.lang.IllegalArgumentException: Invalid component ${target ?? ''}`,
      'com.android.server.devicepolicy.DevicePolicyManagerServiceShellCommand.parseComponentName(DevicePolicyManagerServiceShellCommand.java:281)');
  }
  const flat = shortName(component);
  const info = `ComponentInfo{${component.packageName}/${component.className}}`;
  const record = device.packages.get(component.packageName);
  const receiver = record?.components.find((entry) => entry.name === component.className && entry.kind === 'device-admin');
  const isAdmin = receiver !== undefined;
  if (verb === 'remove-active-admin') {
    // DevicePolicyManagerService.forceRemoveActiveAdmin: only a test-only admin may be removed over adb.
    if (!(record?.testOnly ?? false)) {
      return printShellException(context, verb, `java.lang.SecurityException: Attempt to remove non-test admin ${info} 0`,
        'com.android.server.devicepolicy.DevicePolicyManagerService.forceRemoveActiveAdmin(DevicePolicyManagerService.java:3470)');
    }
    policy.deviceAdmins = policy.deviceAdmins.filter((admin) => admin !== flat);
    if (policy.deviceOwner === flat) policy.deviceOwner = null;
    device.logSystem('DevicePolicyManager', `Admin removed ${info}`);
    context.stdout(`Success: Admin removed ${info}\n`);
    return 0;
  }
  if (!isAdmin) {
    return printShellException(context, verb, `java.lang.IllegalArgumentException: Unknown admin: ${info}`,
      'com.android.server.devicepolicy.DevicePolicyManagerService.setActiveAdmin(DevicePolicyManagerService.java:3385)');
  }
  // DevicePolicyManagerService.findAdmin builds a DeviceAdminInfo, which reads the receiver's
  // android.app.device_admin meta-data; without it findAdmin logs "Bad device admin requested" and
  // returns null, and setActiveAdmin throws "Bad admin".
  if (!(receiver?.metaData ?? []).includes('android.app.device_admin')) {
    device.logSystem('DevicePolicyManager', `Bad device admin requested for user=0: ${info}`, 'W');
    return printShellException(context, verb, `java.lang.IllegalArgumentException: Bad admin: ${info}`,
      'com.android.server.devicepolicy.DevicePolicyManagerService.setActiveAdmin(DevicePolicyManagerService.java:3389)');
  }
  if (!policy.deviceAdmins.includes(flat)) policy.deviceAdmins.push(flat);
  device.logSystem('DevicePolicyManager', `Active admin set to ${info}`);
  if (verb === 'set-device-owner') {
    policy.deviceOwner = flat;
    context.stdout(`Success: Device owner set to package ${info}\nActive admin set to component {${flat}}\n`);
    return 0;
  }
  context.stdout(`Success: Active admin set to component {${flat}}\n`);
  return 0;
}
