/**
 * The device's commands by name. Data-driven: each entry is a small function over the model.
 * A path (`/system/bin/ls`) finds the command when the file exists on the device.
 */
import { posix } from 'node:path';
import type { VirtualFs } from '../device/contracts.ts';
import type { ShellCommand } from './command.ts';
import { runDate, runFalse, runId, runRunAs, runSleep, runTrue, runUname, runWhich, runWhoami } from './commands/basic.ts';
import { runCmd } from './commands/cmd.ts';
import { runEcho } from './commands/echo.ts';
import { runGetprop, runSetprop } from './commands/getprop.ts';
import { runPm } from './commands/pm.ts';
import { runTest } from './commands/test.ts';

const COMMANDS = new Map<string, ShellCommand>([
  ['[', runTest],
  ['cmd', runCmd],
  ['date', runDate],
  ['echo', runEcho],
  ['false', runFalse],
  ['getprop', runGetprop],
  ['id', runId],
  ['pm', (context) => runPm(context)],
  ['run-as', runRunAs],
  ['setprop', runSetprop],
  ['sleep', runSleep],
  ['test', runTest],
  ['true', runTrue],
  ['uname', runUname],
  ['which', runWhich],
  ['whoami', runWhoami],
]);

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
