/**
 * The device's commands by name. Data-driven: each entry is a small function over the model.
 * A path (`/system/bin/ls`) finds the command when the file exists on the device.
 */
import { posix } from 'node:path';
import type { VirtualFs } from '../device/contracts.ts';
import type { ShellCommand } from './command.ts';
import { runAm } from './commands/am.ts';
import { runAppops } from './commands/appops.ts';
import { runDate, runFalse, runId, runRunAs, runSleep, runTrue, runUname, runWhich, runWhoami } from './commands/basic.ts';
import { registerCmdService, runCmd } from './commands/cmd.ts';
import { runDpm } from './commands/dpm.ts';
import { runDumpsys } from './commands/dumpsys.ts';
import { runEcho } from './commands/echo.ts';
import { runCat, runChmod, runCpMv, runHashSum, runLs, runMkdir, runRm, runStat, runTouch } from './commands/fs-commands.ts';
import { runGetprop, runSetprop } from './commands/getprop.ts';
import { runLogcat } from './commands/logcat.ts';
import { runLocksettings, runReboot, runSh, runSvc } from './commands/misc.ts';
import { runMonkey } from './commands/monkey.ts';
import { runNotificationCmd } from './commands/notification-cmd.ts';
import { runPm } from './commands/pm.ts';
import { runKill, runPidof, runPs } from './commands/ps.ts';
import { runInput, runScreencap, runUiautomator, runWm } from './commands/screen.ts';
import { runSettings } from './commands/settings.ts';
import { runTest } from './commands/test.ts';
import { runGrep, runHead, runTail, runWc } from './commands/text-commands.ts';

const COMMANDS = new Map<string, ShellCommand>([
  ['[', runTest],
  ['am', (context) => runAm(context)],
  ['appops', (context) => runAppops(context)],
  ['cat', runCat],
  ['chmod', runChmod],
  ['cmd', runCmd],
  ['cp', runCpMv],
  ['date', runDate],
  ['dpm', (context) => runDpm(context)],
  ['dumpsys', runDumpsys],
  ['echo', runEcho],
  ['false', runFalse],
  ['getprop', runGetprop],
  ['grep', runGrep],
  ['head', runHead],
  ['id', runId],
  ['input', runInput],
  ['kill', runKill],
  ['locksettings', runLocksettings],
  ['logcat', runLogcat],
  ['ls', runLs],
  ['md5sum', runHashSum],
  ['mkdir', runMkdir],
  ['monkey', runMonkey],
  ['mv', runCpMv],
  ['pidof', runPidof],
  ['pm', (context) => runPm(context)],
  ['ps', runPs],
  ['reboot', runReboot],
  ['rm', runRm],
  ['run-as', runRunAs],
  ['screencap', runScreencap],
  ['setprop', runSetprop],
  ['settings', runSettings],
  ['sh', runSh],
  ['sha1sum', runHashSum],
  ['sha256sum', runHashSum],
  ['sleep', runSleep],
  ['stat', runStat],
  ['svc', runSvc],
  ['tail', runTail],
  ['test', runTest],
  ['touch', runTouch],
  ['true', runTrue],
  ['uiautomator', runUiautomator],
  ['uname', runUname],
  ['wc', runWc],
  ['which', runWhich],
  ['whoami', runWhoami],
  ['wm', runWm],
]);

registerCmdService('activity', (context, args) => runAm(context, args));
registerCmdService('appops', (context, args) => runAppops(context, args));
registerCmdService('device_policy', (context, args) => runDpm(context, args));
registerCmdService('notification', runNotificationCmd);
registerCmdService('location', (context, args) => {
  if (args[0] === 'is-location-enabled') context.stdout('true\n');
  return 0;
});

/** Commands that mksh runs itself, so they need no file in /system/bin. */
const BUILTINS = new Set(['[', 'echo', 'test', 'true', 'false']);

export function registerCommand(name: string, command: ShellCommand): void {
  COMMANDS.set(name, command);
}

export function findCommand(name: string, fs: VirtualFs): ShellCommand | undefined {
  if (!name.includes('/')) {
    const command = COMMANDS.get(name);
    if (command === undefined) return undefined;
    return BUILTINS.has(name) || fs.stat(`/system/bin/${name}`) !== undefined ? command : undefined;
  }
  if (fs.stat(name) === undefined) return undefined;
  return COMMANDS.get(posix.basename(name));
}

export function commandNames(): string[] {
  return [...COMMANDS.keys()].sort();
}
