/** `sh`, `svc`, `locksettings`, `reboot`: small tools adb clients call now and then. */
import { readAll, type CommandContext } from '../command.ts';

/** `sh -c 'line'` runs a nested shell; `sh` alone runs the script on stdin. */
export async function runSh(context: CommandContext): Promise<number> {
  const io = { stdin: context.stdin, stdout: context.stdout, stderr: context.stderr, signal: context.signal };
  const index = context.args.indexOf('-c');
  if (index >= 0) return context.runNested(context.args[index + 1] ?? '', io);
  const script = context.args[0];
  if (script !== undefined) {
    const data = context.device.fs.read(script);
    if (data === undefined) {
      context.stderr(`/system/bin/sh: can't open '${script}': No such file or directory\n`);
      return 127;
    }
    return context.runNested(data.toString(), io);
  }
  return context.runNested((await readAll(context.stdin)).toString(), { ...io, stdin: emptyInput() });
}

function emptyInput(): AsyncIterable<Buffer> {
  return { async *[Symbol.asyncIterator]() {} };
}

export function runSvc(context: CommandContext): number {
  const [service, action] = context.args;
  const device = context.device;
  const on = action === 'enable';
  if (service === 'wifi' && (action === 'enable' || action === 'disable')) device.putSetting('global', 'wifi_on', on ? '1' : '0');
  else if (service === 'data' && (action === 'enable' || action === 'disable')) device.putSetting('global', 'mobile_data', on ? '1' : '0');
  else if (service === 'power' && action === 'stayon') device.putSetting('global', 'stay_on_while_plugged_in', context.args[2] === 'false' ? '0' : '7');
  else if (service === 'bluetooth' && (action === 'enable' || action === 'disable')) device.putSetting('global', 'bluetooth_on', on ? '1' : '0');
  else {
    context.stdout('Available commands:\n    help     Show information about the subcommands\n    power    Control the power manager\n    data     Control mobile data connectivity\n    wifi     Control the Wi-Fi manager\n    usb      Control Usb state\n    nfc      Control NFC functions\n    bluetooth Control Bluetooth service\n');
  }
  return 0;
}

export function runLocksettings(context: CommandContext): number {
  const [verb] = context.args.filter((arg, index, all) => !arg.startsWith('--') && all[index - 1] !== '--old');
  switch (verb) {
    case 'get-disabled': context.stdout('false\n'); return 0;
    case 'clear': context.stdout('Lock credential cleared\n'); return 0;
    case 'verify': context.stdout('Lock credential verified successfully\n'); return 0;
    case 'help': case undefined:
      context.stdout('locksettings service commands:\n  help\n    Prints this help text.\n  get-disabled [--old <CREDENTIAL>] [--user USER_ID]\n    Checks whether lock screen is disabled.\n  clear [--old <CREDENTIAL>] [--user USER_ID]\n    Clears the lock credentials.\n  verify [--old <CREDENTIAL>] [--user USER_ID]\n    Verifies the lock credentials.\n');
      return 0;
    default:
      context.stderr(`Unknown command: ${verb}\n`);
      return 255;
  }
}

export function runReboot(context: CommandContext): number {
  context.stderr('reboot: Operation not permitted\n');
  return 1;
}
