/** Text filters (toybox): head, tail, grep, wc. They read their files or stdin. */
import { readAll, resolvePath, type CommandContext } from '../command.ts';

async function inputText(context: CommandContext, paths: readonly string[], encoding: BufferEncoding = 'utf8'): Promise<string | undefined> {
  if (paths.length === 0) return (await readAll(context.stdin)).toString(encoding);
  let text = '';
  for (const arg of paths) {
    const data = context.device.fs.read(resolvePath(context, arg));
    if (data === undefined) {
      context.stderr(`${context.name}: ${arg}: No such file or directory\n`);
      return undefined;
    }
    text += data.toString(encoding);
  }
  return text;
}

async function inputBytes(context: CommandContext, paths: readonly string[]): Promise<Buffer | undefined> {
  const text = await inputText(context, paths, 'latin1');
  return text === undefined ? undefined : Buffer.from(text, 'latin1');
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function countOption(args: string[], fallback: number): { count: number; paths: string[] } {
  let count = fallback;
  const paths: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-n') count = Number.parseInt(args[++index] ?? '', 10);
    else if (/^-n?\d+$/.test(arg)) count = Number.parseInt(arg.replace(/^-n?/, ''), 10);
    else if (!arg.startsWith('-')) paths.push(arg);
  }
  return { count, paths };
}

export async function runHead(context: CommandContext): Promise<number> {
  const bytesIndex = context.args.indexOf('-c');
  if (bytesIndex >= 0) {
    const size = Number.parseInt(context.args[bytesIndex + 1] ?? '', 10);
    const paths = context.args.filter((arg, index) => index !== bytesIndex && index !== bytesIndex + 1);
    const data = paths.length === 0 ? await readAll(context.stdin) : context.device.fs.read(resolvePath(context, paths[0] ?? ''));
    if (data === undefined) {
      context.stderr(`head: ${paths[0] ?? ''}: No such file or directory\n`);
      return 1;
    }
    context.stdout(data.subarray(0, Number.isNaN(size) ? 0 : size));
    return 0;
  }
  const { count, paths } = countOption(context.args, 10);
  if (paths.length === 0) return headOfStream(context, count);
  const text = await inputText(context, paths);
  if (text === undefined) return 1;
  const lines = splitLines(text).slice(0, count);
  context.stdout(lines.map((line) => `${line}\n`).join(''));
  return 0;
}

/** Reads stdin only until `count` lines passed, so `logcat | head -n 5` ends (the writer then gets SIGPIPE). */
async function headOfStream(context: CommandContext, count: number): Promise<number> {
  let pending = '';
  let left = count;
  if (left <= 0) return 0;
  for await (const chunk of context.stdin) {
    pending += chunk.toString();
    let newline = pending.indexOf('\n');
    while (newline >= 0 && left > 0) {
      context.stdout(pending.slice(0, newline + 1));
      pending = pending.slice(newline + 1);
      left--;
      newline = pending.indexOf('\n');
    }
    if (left === 0) return 0;
  }
  if (pending !== '') context.stdout(pending);
  return 0;
}

export async function runTail(context: CommandContext): Promise<number> {
  const { count, paths } = countOption(context.args, 10);
  const text = await inputText(context, paths);
  if (text === undefined) return 1;
  const lines = splitLines(text);
  context.stdout(lines.slice(Math.max(0, lines.length - count)).map((line) => `${line}\n`).join(''));
  return 0;
}

export async function runWc(context: CommandContext): Promise<number> {
  const flags = context.args.filter((arg) => arg.startsWith('-')).join('');
  const paths = context.args.filter((arg) => !arg.startsWith('-'));
  // Count bytes on the raw data: `screencap -p | wc -c` is binary.
  const data = paths.length === 0 ? await readAll(context.stdin) : await inputBytes(context, paths);
  if (data === undefined) return 1;
  const text = data.toString('latin1');
  const lines = (text.match(/\n/g) ?? []).length;
  const words = text.split(/\s+/).filter((word) => word !== '').length;
  const bytes = data.length;
  const suffix = paths.length === 1 ? ` ${paths[0]}` : '';
  if (flags.includes('l')) context.stdout(`${lines}${suffix}\n`);
  else if (flags.includes('w')) context.stdout(`${words}${suffix}\n`);
  else if (flags.includes('c')) context.stdout(`${bytes}${suffix}\n`);
  else context.stdout(`${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(bytes).padStart(7)}${suffix}\n`);
  return 0;
}

/** `grep [-e PAT]… [-i -v -q -F -E -c -n -o -w] [PAT] [FILE…]`. */
export async function runGrep(context: CommandContext): Promise<number> {
  const patterns: string[] = [];
  const flags = new Set<string>();
  const rest: string[] = [];
  let maxCount = Number.POSITIVE_INFINITY;
  const args = context.args;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-e') patterns.push(args[++index] ?? '');
    else if (arg === '-m') maxCount = Number.parseInt(args[++index] ?? '', 10);
    else if (arg.startsWith('-') && arg.length > 1 && !/^--/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag);
    else rest.push(arg);
  }
  if (patterns.length === 0) {
    const pattern = rest.shift();
    if (pattern === undefined) {
      context.stderr('usage: grep [-EFHIabcdhilnoqrsvwxz] [-e REGEX]... [REGEX] [FILE...]\n');
      return 2;
    }
    patterns.push(pattern);
  }
  let regexes: RegExp[];
  try {
    regexes = patterns.map((pattern) => {
      const source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : toJsRegExp(pattern, flags.has('E'));
      const word = flags.has('w') ? `\\b(?:${source})\\b` : source;
      return new RegExp(flags.has('x') ? `^(?:${word})$` : word, flags.has('i') ? 'i' : '');
    });
  } catch {
    context.stderr(`grep: bad regex '${patterns.join(' ')}'\n`);
    return 2;
  }
  // Lines are matched as they arrive, so `logcat | grep -m 1 X` ends at the first match.
  let matched = 0;
  let number = 0;
  for await (const line of inputLines(context, rest)) {
    if (line === undefined) return 2;
    number++;
    if (regexes.some((regex) => regex.test(line)) === flags.has('v')) continue;
    matched++;
    if (flags.has('q')) return 0;
    if (flags.has('o')) {
      for (const regex of regexes) {
        const found = regex.exec(line)?.[0];
        if (found !== undefined) context.stdout(`${found}\n`);
      }
    } else if (!flags.has('c')) context.stdout(`${flags.has('n') ? `${number}:` : ''}${line}\n`);
    if (matched >= maxCount) break;
  }
  if (flags.has('c')) context.stdout(`${matched}\n`);
  return matched > 0 ? 0 : 1;
}

/** Lines of the files, or of stdin as they arrive; yields undefined once for a missing file. */
async function* inputLines(context: CommandContext, paths: readonly string[]): AsyncGenerator<string | undefined> {
  if (paths.length > 0) {
    const text = await inputText(context, paths);
    if (text === undefined) { yield undefined; return; }
    yield* splitLines(text);
    return;
  }
  let pending = '';
  for await (const chunk of context.stdin) {
    pending += chunk.toString();
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      yield pending.slice(0, newline);
      pending = pending.slice(newline + 1);
    }
  }
  if (pending !== '') yield pending;
}

/** Basic regular expressions treat `+ ? | ( ) { }` literally unless escaped; extended ones do not. */
function toJsRegExp(pattern: string, extended: boolean): string {
  if (extended) return pattern;
  return pattern.replace(/\\([+?|(){}])|([+?|(){}])/g, (whole, escaped: string | undefined, plain: string | undefined) =>
    escaped !== undefined ? escaped : `\\${plain ?? ''}`);
}
