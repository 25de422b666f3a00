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
import { dumpDeviceIdle } from './commands/dumpsys-system.ts';
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
import { runEnv, runGetenforce, runIme, runLog, runNproc, runReadlink, runService, runUptime } from './commands/sys-extras.ts';
import { runTest } from './commands/test.ts';
import { runBasename, runCut, runDirname, runPrintf, runSeq, runSort, runTee, runTr, runUniq } from './commands/text-extras.ts';
import { runGrep, runHead, runTail, runWc } from './commands/text-commands.ts';

const COMMANDS = new Map<string, ShellCommand>([
  ['[', runTest],
  ['basename', runBasename],
  ['am', (context) => runAm(context)],
  ['appops', (context) => runAppops(context)],
  ['cat', runCat],
  ['chmod', runChmod],
  ['cmd', runCmd],
  ['cut', runCut],
  ['cp', runCpMv],
  ['date', runDate],
  ['dirname', runDirname],
  ['dpm', (context) => runDpm(context)],
  ['dumpsys', runDumpsys],
  ['echo', runEcho],
  ['env', runEnv],
  ['false', runFalse],
  ['getprop', runGetprop],
  ['getenforce', runGetenforce],
  ['grep', runGrep],
  ['head', runHead],
  ['id', runId],
  ['ime', runIme],
  ['input', runInput],
  ['kill', runKill],
  ['locksettings', runLocksettings],
  ['logcat', runLogcat],
  ['log', runLog],
  ['ls', runLs],
  ['md5sum', runHashSum],
  ['mkdir', runMkdir],
  ['monkey', runMonkey],
  ['mv', runCpMv],
  ['nproc', runNproc],
  ['pidof', runPidof],
  ['printenv', runEnv],
  ['printf', runPrintf],
  ['pm', (context) => runPm(context)],
  ['ps', runPs],
  ['readlink', runReadlink],
  ['realpath', runReadlink],
  ['reboot', runReboot],
  ['rm', runRm],
  ['run-as', runRunAs],
  ['screencap', runScreencap],
  ['seq', runSeq],
  ['service', runService],
  ['setprop', runSetprop],
  ['settings', runSettings],
  ['sh', runSh],
  ['sha1sum', runHashSum],
  ['sha256sum', runHashSum],
  ['sort', runSort],
  ['sleep', runSleep],
  ['stat', runStat],
  ['svc', runSvc],
  ['tail', runTail],
  ['tee', runTee],
  ['test', runTest],
  ['touch', runTouch],
  ['tr', runTr],
  ['true', runTrue],
  ['uiautomator', runUiautomator],
  ['uname', runUname],
  ['uniq', runUniq],
  ['uptime', runUptime],
  ['wc', runWc],
  ['which', runWhich],
  ['whoami', runWhoami],
  ['wm', runWm],
]);

// `toybox <applet> …` runs the applet, as the multi-call binary does.
COMMANDS.set('toybox', (context) => {
  const [applet, ...args] = context.args;
  const command = applet === undefined ? undefined : COMMANDS.get(applet);
  if (applet === undefined || command === undefined || applet === 'toybox') {
    context.stderr(`toybox: Unknown command ${applet ?? ''}\n`);
    return 1;
  }
  return command({ ...context, name: applet, args });
});

registerCmdService('activity', (context, args) => runAm(context, args));
registerCmdService('appops', (context, args) => runAppops(context, args));
// DeviceIdleController's shell command: `cmd deviceidle whitelist [+|-pkg]`, the same answers as dumpsys.
registerCmdService('deviceidle', (context, args) => {
  context.stdout(dumpDeviceIdle(context.device, args));
  return 0;
});
registerCmdService('device_policy', (context, args) => runDpm(context, args));
registerCmdService('notification', runNotificationCmd);
registerCmdService('statusbar', (context, args) => {
  if (args[0] === 'expand-notifications' || args[0] === 'expand-settings') context.device.ui.openNotifications();
  else if (args[0] === 'collapse') context.device.ui.pressKey(4);
  return 0;
});
registerCmdService('uimode', (context, args) => {
  if (args[0] === 'night') context.stdout(`Night mode: ${args[1] === 'yes' ? 'yes' : 'no'}\n`);
  return 0;
});
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
