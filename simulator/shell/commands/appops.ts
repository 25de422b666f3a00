/** `appops get|set|reset` and `cmd appops …` (AppOpsService shell command). */
import { isAppOpMode, normaliseAppOp } from '../../device/device-policy.ts';
import type { CommandContext } from '../command.ts';

export function runAppops(context: CommandContext, argv: readonly string[] = context.args): number {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--user') { index++; continue; }
    if (arg === '--uid') continue;
    args.push(arg);
  }
  const [verb, packageName = '', opName, modeName] = args;
  const device = context.device;
  switch (verb) {
    case 'set': {
      if (device.packages.get(packageName) === undefined) return fail(context, `Error: No UID for ${packageName} in user 0`);
      const op = normaliseAppOp(opName ?? '');
      if (op === undefined) return fail(context, `Error: Unknown operation string: ${opName ?? ''}`);
      if (modeName === undefined || !isAppOpMode(modeName)) return fail(context, `Error: Mode ${modeName ?? ''} is not valid`);
      const ops = (device.policy.appOps[packageName] ??= {});
      ops[op] = { mode: modeName, time: device.now() };
      return 0;
    }
    case 'get': {
      if (device.packages.get(packageName) === undefined) return fail(context, `Error: No UID for ${packageName} in user 0`);
      const wanted = opName === undefined ? undefined : normaliseAppOp(opName);
      const ops = Object.entries(device.policy.appOps[packageName] ?? {}).filter(([op]) => wanted === undefined || op === wanted);
      if (ops.length === 0) {
        context.stdout('No operations.\n');
        return 0;
      }
      for (const [op, entry] of ops) {
        const ago = Math.max(0, device.now() - entry.time);
        context.stdout(`${op}: ${entry.mode}; time=+${Math.floor(ago / 1000)}s${ago % 1000}ms ago\n`);
      }
      return 0;
    }
    case 'reset':
      if (packageName === '') device.policy.appOps = {};
      else delete device.policy.appOps[packageName];
      return 0;
    default:
      context.stdout('AppOps service (appops) commands:\n  help\n    Print this help text.\n  set [--user <USER_ID>] <PACKAGE | UID> <OP> <MODE>\n  get [--user <USER_ID>] <PACKAGE | UID> [<OP>]\n  reset [--user <USER_ID>] [<PACKAGE>]\n');
      return verb === 'help' ? 0 : 255;
  }
}

function fail(context: CommandContext, message: string): number {
  context.stderr(`${message}\n`);
  return 255;
}
