/** `cmd <service> …`: the binder shell-command entry; `package` is pm, the rest map to their tools. */
import type { CommandContext } from '../command.ts';
import { runPm } from './pm.ts';

export type ServiceCommand = (context: CommandContext, args: readonly string[]) => Promise<number> | number;

const services = new Map<string, ServiceCommand>([['package', (context, args) => runPm(context, args)]]);

/** Lets other command files add `cmd <service>` handlers (appops, notification, activity…). */
export function registerCmdService(name: string, handler: ServiceCommand): void {
  services.set(name, handler);
}

export async function runCmd(context: CommandContext): Promise<number> {
  const args = context.args.filter((arg, index) => !(index === 0 && arg === '-w'));
  const [service, ...rest] = args;
  if (service === '-l') {
    context.stdout(`Currently running services:\n${[...services.keys()].sort().map((name) => `  ${name}\n`).join('')}`);
    return 0;
  }
  if (service === undefined) {
    context.stderr('cmd: No service specified; use -l to list all running services. Use -w to start and wait for a service.\n');
    return 20;
  }
  const handler = services.get(service);
  if (handler === undefined) {
    context.stderr(`cmd: Can't find service: ${service}\n`);
    return 20;
  }
  return handler(context, rest);
}
