/**
 * `logcat [-v fmt] [-d] [-c] [-t N] [-T N] [-b buf] [-s] [filterspecs…]`: dumps or streams the
 * device log until the host closes the stream. `ANDROID_LOG_TAGS` supplies specs when none are
 * given (adb sends `export ANDROID_LOG_TAGS="''"; exec logcat …`). `-b` picks logd's buffers
 * (repeated or comma-separated, `all`, `default`); without it main, system and crash are read, as
 * logcat does; each buffer's first line is announced with `--------- beginning of <buffer>`.
 */
import type { LogBufferId, LogEntry } from '../../device/contracts.ts';
import { waitForAbort, type CommandContext } from '../command.ts';
import { formatLogEntry, isLogFormat, LogFilter, type LogFormat } from './logcat-format.ts';

export async function runLogcat(context: CommandContext): Promise<number> {
  let format: LogFormat = 'threadtime';
  let dump = false;
  let tail: number | undefined;
  let since: number | undefined;
  let silent = false;
  const specs: string[] = [];
  const buffers = new Set<LogBufferId>();
  const args = context.args;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-v' || arg.startsWith('-v') && arg.length > 2) {
      const value = arg === '-v' ? (args[++index] ?? '') : arg.slice(2);
      for (const word of value.split(/[ ,]/)) if (isLogFormat(word)) format = word;
    } else if (arg === '-d') dump = true;
    else if (arg === '-c') { context.device.clearLog(); return 0; }
    else if (arg === '-t' || arg === '-T') {
      const value = args[++index] ?? '';
      // A count (`-T 10`) or a time (`-T '11-22 03:04:05.000'`, `-T 1700000000.000`).
      if (/^\d+$/.test(value)) tail = Number(value);
      else since = parseLogTime(value, context.device.now());
      if (arg === '-t') dump = true;
    } else if (arg === '-b' || (arg.startsWith('-b') && arg.length > 2) || arg.startsWith('--buffer=')) {
      const value = arg === '-b' ? (args[++index] ?? '') : arg.startsWith('--buffer=') ? arg.slice('--buffer='.length) : arg.slice(2);
      for (const name of value.split(',')) {
        const named = BUFFER_NAMES[name];
        if (named === undefined) {
          context.stderr(`logcat: Unknown buffer '${name}' listed for -b.\n`);
          return 1;
        }
        for (const buffer of named) buffers.add(buffer);
      }
    } else if (arg === '-e' || arg === '-m' || arg === '-f' || arg === '-r' || arg === '-n') index++;
    else if (arg === '-s') silent = true;
    else if (arg.startsWith('--pid=') || arg === '-D' || arg === '-B' || arg.startsWith('--')) continue;
    else if (arg.startsWith('-')) {
      context.stderr(`logcat: invalid option -- '${arg.slice(1)}'\nUsage: logcat [options] [filterspecs]\n`);
      return 1;
    } else specs.push(arg);
  }
  const fromEnv = specs.length === 0 ? (context.env.get('ANDROID_LOG_TAGS') ?? '').split(/\s+/).filter((spec) => spec !== '' && spec !== "''") : [];
  const filter = new LogFilter([], silent);
  for (const spec of [...fromEnv, ...specs]) {
    if (!filter.add(spec)) {
      context.stderr(`Invalid filter expression '${spec}'\n`);
      return 1;
    }
  }
  const reading = buffers.size === 0 ? new Set(DEFAULT_BUFFERS) : buffers;
  const seen = new Set<string>();
  const write = (entry: LogEntry): void => {
    const buffer = bufferOf(entry);
    if (!reading.has(buffer) || !filter.accepts(entry)) return;
    if (!seen.has(buffer)) {
      seen.add(buffer);
      context.stdout(`--------- beginning of ${buffer}\n`);
    }
    context.stdout(formatLogEntry(entry, format));
  };
  const existing = context.device.readLog().filter((entry) => reading.has(bufferOf(entry)));
  const start = tail === undefined ? 0 : Math.max(0, existing.length - tail);
  for (const entry of existing.slice(start)) if (since === undefined || entry.time >= since) write(entry);
  if (dump) return 0;
  const unsubscribe = context.device.onLog(write);
  try {
    await waitForAbort(context.signal);
  } finally {
    unsubscribe();
  }
  return 0;
}

/** logcat's `-b` names (system/core logcat.cpp); `default` is what it reads without `-b`. */
const DEFAULT_BUFFERS: readonly LogBufferId[] = ['main', 'system', 'crash'];
const BUFFER_NAMES: Readonly<Record<string, readonly LogBufferId[]>> = {
  main: ['main'], system: ['system'], crash: ['crash'], events: ['events'], radio: ['radio'],
  default: DEFAULT_BUFFERS, all: ['main', 'radio', 'events', 'system', 'crash'],
};

function bufferOf(entry: LogEntry): LogBufferId {
  return entry.buffer ?? (entry.tag === 'init' || entry.pid < 600 ? 'system' : 'main');
}

/** `MM-DD HH:MM:SS.mmm` (this year, GMT), `YYYY-MM-DD HH:MM:SS.mmm` or epoch seconds `1700000000.123`. */
function parseLogTime(text: string, now: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const match = /^(?:(\d{4})-)?(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, millis] = match;
  return Date.UTC(Number(year ?? new Date(now).getUTCFullYear()), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number((millis ?? '0').padEnd(3, '0')));
}
