/** More system tools: log, env/printenv, uptime, getenforce, nproc, readlink/realpath, service, ime, toybox. */
import { posix } from 'node:path';
import type { LogEntry } from '../../device/contracts.ts';
import { resolvePath, type CommandContext } from '../command.ts';

/** `log [-p v|d|i|w|e] [-t TAG] MESSAGE…`: writes to the device log as the shell process. */
export function runLog(context: CommandContext): number {
  let priority: LogEntry['priority'] = 'I';
  let tag = 'log';
  const words: string[] = [];
  for (let index = 0; index < context.args.length; index++) {
    const arg = context.args[index] ?? '';
    if (arg === '-p') {
      const value = (context.args[++index] ?? 'i').toUpperCase();
      if (['V', 'D', 'I', 'W', 'E', 'F'].includes(value)) priority = value as LogEntry['priority'];
    } else if (arg === '-t') tag = context.args[++index] ?? tag;
    else words.push(arg);
  }
  context.device.log({ pid: context.shellPid, tid: context.shellPid, priority, tag, message: words.join(' ') });
  return 0;
}

export function runEnv(context: CommandContext): number {
  const name = context.args[0];
  if (posix.basename(context.name) === 'printenv' && name !== undefined) {
    const value = context.env.get(name);
    if (value === undefined) return 1;
    context.stdout(`${value}\n`);
    return 0;
  }
  context.stdout([...context.env.entries()].map(([key, value]) => `${key}=${value}\n`).join(''));
  return 0;
}

export function runUptime(context: CommandContext): number {
  const seconds = Math.floor((context.device.now() - (context.device.processes.byPid(1)?.startTime ?? context.device.now())) / 1000);
  const time = new Date(context.device.now()).toISOString().slice(11, 19);
  const minutes = Math.floor(seconds / 60);
  context.stdout(` ${time} up ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')},  0 users,  load average: 0.42, 0.35, 0.30\n`);
  return 0;
}

export function runGetenforce(context: CommandContext): number {
  context.stdout('Enforcing\n');
  return 0;
}

export function runNproc(context: CommandContext): number {
  context.stdout('4\n');
  return 0;
}

export function runReadlink(context: CommandContext): number {
  const path = context.args.find((arg) => !arg.startsWith('-'));
  if (path === undefined) return 1;
  const canonical = context.args.includes('-f') || posix.basename(context.name) === 'realpath';
  const fs = context.device.fs;
  const absolute = resolvePath(context, path);
  const out = canonical ? fs.resolve(absolute) : fs.readLink(absolute);
  if (out === undefined || (canonical && fs.stat(absolute) === undefined && posix.basename(context.name) === 'realpath')) return 1;
  context.stdout(`${out}\n`);
  return 0;
}

const SERVICES = ['activity', 'appops', 'package', 'window', 'power', 'notification', 'deviceidle', 'accessibility',
  'device_policy', 'input', 'input_method', 'settings', 'SurfaceFlinger', 'battery', 'display', 'location'];

export function runService(context: CommandContext): number {
  const [verb, name] = context.args;
  if (verb === 'list') {
    context.stdout(`Found ${SERVICES.length} services:\n${SERVICES.map((service, index) => `${index}\t${service}: [android.os.IInterface]\n`).join('')}`);
    return 0;
  }
  if (verb === 'call') {
    // A void binder transaction answers an empty parcel (e.g. `service call alarm 3 s16 Europe/Paris`).
    context.stdout("Result: Parcel(00000000    '....')\n");
    return 0;
  }
  if (verb === 'check') {
    context.stdout(`Service ${name ?? ''}: ${SERVICES.includes(name ?? '') ? 'found' : 'not found'}\n`);
    return 0;
  }
  context.stderr('Usage: service [-h|-?]\n       service list\n       service check SERVICE\n       service call SERVICE CODE [i32 N | i64 N | f N | d N | s16 STR | null | fd f | nfd n | afd f ] ...\n');
  return verb === undefined ? 0 : 1;
}

/** `ime list [-s] [-a]`, `ime enable|disable|set ID`: the input methods are the keyboard plus installed IMEs. */
export function runIme(context: CommandContext): number {
  const [verb, id] = context.args;
  const device = context.device;
  const installed = device.packages.all().flatMap((record) => record.components
    .filter((component) => component.kind === 'service' && component.actions.includes('android.view.InputMethod'))
    .map((component) => `${record.packageName}/${component.name.startsWith(`${record.packageName}.`) ? component.name.slice(record.packageName.length) : component.name}`));
  const all = ['com.android.inputmethod.latin/.LatinIME', ...installed];
  switch (verb) {
    case 'list':
      context.stdout(context.args.includes('-s') ? all.map((entry) => `${entry}\n`).join('') : all.map((entry) => `${entry}:\n  mId=${entry}\n`).join(''));
      return 0;
    case 'enable': case 'disable':
      if (id === undefined || !all.includes(id)) { context.stderr(`Unknown input method ${id ?? ''} cannot be ${verb}d for user #0\n`); return 255; }
      context.stdout(`Input method ${id}: ${verb === 'enable' ? 'now enabled' : 'now disabled'} for user #0\n`);
      return 0;
    case 'reset':
      device.putSetting('secure', 'default_input_method', 'com.android.inputmethod.latin/.LatinIME');
      context.stdout('Reset current and enabled IMEs for user #0\n  Selected: com.android.inputmethod.latin/.LatinIME\n');
      return 0;
    case 'set':
      if (id === undefined || !all.includes(id)) { context.stderr(`Unknown input method ${id ?? ''} cannot be selected for user #0\n`); return 255; }
      device.putSetting('secure', 'default_input_method', id);
      context.stdout(`Input method ${id} selected for user #0\n`);
      return 0;
    default:
      context.stderr('ime <command>:\n  list [-a] [-s]\n  enable [--user <USER_ID>] <ID>\n  disable [--user <USER_ID>] <ID>\n  set [--user <USER_ID>] <ID>\n');
      return 1;
  }
}
