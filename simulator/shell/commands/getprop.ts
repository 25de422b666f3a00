/** `getprop` (all as `[key]: [value]`, one, one with default) and `setprop`. */
import type { CommandContext } from '../command.ts';

export function runGetprop(context: CommandContext): number {
  const [name, fallback] = context.args;
  if (name === undefined) {
    const lines = context.device.listProps().map(([key, value]) => `[${key}]: [${value}]\n`);
    context.stdout(lines.join(''));
    return 0;
  }
  context.stdout(`${context.device.getProp(name) ?? fallback ?? ''}\n`);
  return 0;
}

export function runSetprop(context: CommandContext): number {
  const [name, value] = context.args;
  if (name === undefined || value === undefined) {
    context.stderr('usage: setprop NAME VALUE\n\nSets an Android system property.\n');
    return 1;
  }
  if (name.startsWith('ro.') && context.device.getProp(name) !== undefined) {
    context.stderr(`Failed to set property '${name}' to '${value}'.\nSee dmesg for error reason.\n`);
    return 1;
  }
  context.device.setProp(name, value);
  return 0;
}
