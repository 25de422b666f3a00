/** More toybox text tools: printf, sort, uniq, tr, cut, tee, seq, basename, dirname. */
import { posix } from 'node:path';
import { readAll, resolvePath, type CommandContext } from '../command.ts';
import { interpretEscapes } from './echo.ts';

async function inputLines(context: CommandContext, paths: readonly string[]): Promise<string[]> {
  let text = '';
  if (paths.length === 0) text = (await readAll(context.stdin)).toString();
  for (const path of paths) text += context.device.fs.read(resolvePath(context, path))?.toString() ?? '';
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `printf FORMAT [ARG…]` with %s %d %i %x %c %% and backslash escapes; the format repeats for extra args. */
export function runPrintf(context: CommandContext): number {
  const [format, ...args] = context.args;
  if (format === undefined) {
    context.stderr('printf: Needs 1 argument\n');
    return 1;
  }
  let out = '';
  let index = 0;
  do {
    out += interpretEscapes(format).replace(/%([-0-9.]*)([sdixXc%])/g, (whole, width: string, conversion: string) => {
      if (conversion === '%') return '%';
      const arg = args[index++] ?? '';
      const pad = (text: string): string => {
        const size = Number.parseInt(width.replace('-', ''), 10);
        if (Number.isNaN(size)) return text;
        return width.startsWith('-') ? text.padEnd(size) : text.padStart(size, width.startsWith('0') ? '0' : ' ');
      };
      switch (conversion) {
        case 's': return pad(arg);
        case 'c': return pad(arg.slice(0, 1));
        case 'x': return pad((Number.parseInt(arg, 10) || 0).toString(16));
        case 'X': return pad((Number.parseInt(arg, 10) || 0).toString(16).toUpperCase());
        default: return pad(String(Number.parseInt(arg, 10) || 0));
      }
    });
  } while (index > 0 && index < args.length);
  context.stdout(out);
  return 0;
}

export async function runSort(context: CommandContext): Promise<number> {
  const flags = context.args.filter((arg) => arg.startsWith('-')).join('');
  const lines = await inputLines(context, context.args.filter((arg) => !arg.startsWith('-')));
  const sorted = flags.includes('n')
    ? [...lines].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b))
    : [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.includes('r')) sorted.reverse();
  const unique = flags.includes('u') ? sorted.filter((line, index) => sorted[index - 1] !== line) : sorted;
  context.stdout(unique.map((line) => `${line}\n`).join(''));
  return 0;
}

export async function runUniq(context: CommandContext): Promise<number> {
  const count = context.args.includes('-c');
  const lines = await inputLines(context, context.args.filter((arg) => !arg.startsWith('-')));
  const out: string[] = [];
  let previous: string | undefined;
  let runs = 0;
  const flush = (): void => {
    if (previous !== undefined) out.push(count ? `${String(runs).padStart(7)} ${previous}` : previous);
  };
  for (const line of lines) {
    if (line === previous) { runs++; continue; }
    flush();
    previous = line;
    runs = 1;
  }
  flush();
  context.stdout(out.map((line) => `${line}\n`).join(''));
  return 0;
}

function expandSet(set: string): string {
  return interpretEscapes(set).replace(/(.)-(.)/g, (_whole, from: string, to: string) => {
    let out = '';
    for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) out += String.fromCharCode(code);
    return out;
  });
}

export async function runTr(context: CommandContext): Promise<number> {
  const remove = context.args.includes('-d');
  const [from = '', to = ''] = context.args.filter((arg) => !arg.startsWith('-') || arg === '-');
  const source = expandSet(from);
  const target = expandSet(to);
  const text = (await readAll(context.stdin)).toString();
  let out = '';
  for (const char of text) {
    const index = source.indexOf(char);
    if (index < 0) out += char;
    else if (!remove) out += target[Math.min(index, target.length - 1)] ?? '';
  }
  context.stdout(out);
  return 0;
}

export async function runCut(context: CommandContext): Promise<number> {
  const args = context.args;
  const delimiterIndex = args.findIndex((arg) => arg.startsWith('-d'));
  const delimiter = delimiterIndex < 0 ? '\t' : args[delimiterIndex] === '-d' ? (args[delimiterIndex + 1] ?? '\t') : (args[delimiterIndex] ?? '').slice(2);
  const fieldsIndex = args.findIndex((arg) => arg.startsWith('-f'));
  const spec = fieldsIndex < 0 ? '1' : args[fieldsIndex] === '-f' ? (args[fieldsIndex + 1] ?? '1') : (args[fieldsIndex] ?? '').slice(2);
  const wanted = new Set<number>();
  for (const part of spec.split(',')) {
    const [start = '1', end] = part.split('-');
    const last = end === undefined ? Number(start) : end === '' ? 99 : Number(end);
    for (let field = Number(start || '1'); field <= last; field++) wanted.add(field);
  }
  const skip = new Set([delimiterIndex, fieldsIndex, args[delimiterIndex] === '-d' ? delimiterIndex + 1 : -1, args[fieldsIndex] === '-f' ? fieldsIndex + 1 : -1]);
  const lines = await inputLines(context, args.filter((arg, index) => !skip.has(index) && !arg.startsWith('-')));
  context.stdout(lines.map((line) => `${line.split(delimiter).filter((_field, index) => wanted.has(index + 1)).join(delimiter)}\n`).join(''));
  return 0;
}

export async function runTee(context: CommandContext): Promise<number> {
  const append = context.args.includes('-a');
  const data = await readAll(context.stdin);
  for (const path of context.args.filter((arg) => !arg.startsWith('-'))) {
    const absolute = resolvePath(context, path);
    const previous = append ? (context.device.fs.read(absolute) ?? Buffer.alloc(0)) : Buffer.alloc(0);
    context.device.fs.write(absolute, Buffer.concat([previous, data]));
  }
  context.stdout(data);
  return 0;
}

export function runSeq(context: CommandContext): number {
  const numbers = context.args.map(Number);
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0] ?? 1] : numbers.length === 2 ? [numbers[0] ?? 1, 1, numbers[1] ?? 1] : [numbers[0] ?? 1, numbers[1] ?? 1, numbers[2] ?? 1];
  const out: string[] = [];
  for (let value = first; step > 0 ? value <= last : value >= last; value += step) {
    out.push(String(value));
    if (out.length > 100_000 || step === 0) break;
  }
  context.stdout(out.map((line) => `${line}\n`).join(''));
  return 0;
}

export function runBasename(context: CommandContext): number {
  const [path = '', suffix] = context.args;
  const base = posix.basename(path);
  context.stdout(`${suffix !== undefined && base.endsWith(suffix) && base !== suffix ? base.slice(0, -suffix.length) : base}\n`);
  return 0;
}

export function runDirname(context: CommandContext): number {
  context.stdout(`${posix.dirname(context.args[0] ?? '.')}\n`);
  return 0;
}
