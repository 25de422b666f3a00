/**
 * `echo` (mksh builtin, Android's /system/bin/sh): backslash escapes are interpreted by default, as mksh
 * does (`-e` is a no-op, `-E` turns them off); `-n` or `\c` drops the newline.
 */
import type { CommandContext } from '../command.ts';

export function runEcho(context: CommandContext): number {
  const args = [...context.args];
  let newline = true;
  let escapes = true;
  while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
    const flags = args.shift() ?? '';
    if (flags.includes('n')) newline = false;
    if (flags.includes('e')) escapes = true;
    if (flags.includes('E')) escapes = false;
  }
  let text = args.join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) { text = text.slice(0, cut); newline = false; }
    text = interpretEscapes(text);
  }
  context.stdout(newline ? `${text}\n` : text);
  return 0;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

export function interpretEscapes(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (whole, code: string) => {
    if (code.startsWith('0')) return String.fromCharCode(Number.parseInt(code.slice(1) || '0', 8));
    if (code.startsWith('x') && code.length > 1) return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? whole;
  });
}
