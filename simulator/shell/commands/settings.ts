/** `settings [--user N] get|put|delete|list <namespace> …` (SettingsService's shell command). */
import { isSettingsNamespace } from '../../device/default-settings.ts';
import type { CommandContext } from '../command.ts';

const USAGE = `Settings provider (settings) commands:
  help
      Print this help text.
  get [--user <USER_ID> | current] NAMESPACE KEY
      Retrieve the current value of KEY.
  put [--user <USER_ID> | current] NAMESPACE KEY VALUE [TAG] [default]
      Change the contents of KEY to VALUE.
  delete [--user <USER_ID> | current] NAMESPACE KEY
      Delete the entry for KEY.
  list [--user <USER_ID> | current] NAMESPACE
      Print all defined keys.
      NAMESPACE is one of {system, secure, global}, case-insensitive
`;

export function runSettings(context: CommandContext): number {
  const args: string[] = [];
  for (let index = 0; index < context.args.length; index++) {
    const arg = context.args[index] ?? '';
    if (arg === '--user') { index++; continue; }
    args.push(arg);
  }
  const [verb, rawNamespace, key, ...rest] = args;
  if (verb === undefined || verb === 'help' || verb === '-h') {
    context.stdout(USAGE);
    return verb === undefined ? 1 : 0;
  }
  const namespace = rawNamespace?.toLowerCase();
  if (!isSettingsNamespace(namespace)) {
    context.stderr(`Invalid namespace '${rawNamespace ?? ''}'\n`);
    context.stderr(USAGE);
    return 255;
  }
  const device = context.device;
  switch (verb) {
    case 'get':
      if (key === undefined) return usageError(context);
      context.stdout(`${device.getSetting(namespace, key) ?? 'null'}\n`);
      return 0;
    case 'put': {
      const value = rest[0];
      if (key === undefined || value === undefined) return usageError(context);
      device.putSetting(namespace, key, value);
      return 0;
    }
    case 'delete': {
      if (key === undefined) return usageError(context);
      const deleted = device.deleteSetting(namespace, key);
      context.stdout(`Deleted ${deleted ? 1 : 0} rows\n`);
      return 0;
    }
    case 'list':
      context.stdout(device.listSettings(namespace).map(([name, value]) => `${name}=${value}\n`).join(''));
      return 0;
    default:
      context.stderr(`Invalid command: ${verb}\n`);
      return 255;
  }
}

function usageError(context: CommandContext): number {
  context.stderr(USAGE);
  return 255;
}
