/** `test` / `[ … ]`: file tests (-e -f -d -s -r -w -x -L), strings (-z -n = !=), integers, `!`, -a/-o. */
import type { CommandContext } from '../command.ts';
import { resolvePath } from '../command.ts';

export function runTest(context: CommandContext): number {
  const args = [...context.args];
  if (context.name === '[' || context.name.endsWith('/[')) {
    if (args[args.length - 1] !== ']') {
      context.stderr('/system/bin/sh: [: missing ]\n');
      return 2;
    }
    args.pop();
  }
  try {
    return evaluateOr(args, context) ? 0 : 1;
  } catch (error) {
    context.stderr(`/system/bin/sh: ${context.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function evaluateOr(args: string[], context: CommandContext): boolean {
  const index = args.indexOf('-o');
  if (index > 0) return evaluateOr(args.slice(0, index), context) || evaluateOr(args.slice(index + 1), context);
  const and = args.indexOf('-a');
  if (and > 0 && args.length > 3) return evaluateOr(args.slice(0, and), context) && evaluateOr(args.slice(and + 1), context);
  return evaluate(args, context);
}

function evaluate(args: string[], context: CommandContext): boolean {
  if (args[0] === '!' ) return !evaluate(args.slice(1), context);
  if (args.length === 0) return false;
  if (args.length === 1) return (args[0] ?? '') !== '';
  const [first = '', second = '', third = ''] = args;
  if (args.length === 2) return unary(first, second, context);
  if (args.length === 3) return binary(first, second, third);
  throw new Error(`${first}: unexpected operator`);
}

function unary(op: string, operand: string, context: CommandContext): boolean {
  if (op === '-z') return operand === '';
  if (op === '-n') return operand !== '';
  const fs = context.device.fs;
  const path = resolvePath(context, operand);
  const stat = op === '-L' || op === '-h' ? fs.lstat(path) : fs.stat(path);
  const type = stat === undefined ? undefined : stat.mode & 0o170000;
  switch (op) {
    case '-e': case '-r': case '-w': return stat !== undefined;
    case '-f': return type === 0o100000;
    case '-d': return type === 0o040000;
    case '-s': return stat !== undefined && stat.size > 0;
    case '-x': return stat !== undefined && (stat.mode & 0o111) !== 0;
    case '-L': case '-h': return type === 0o120000;
    default: throw new Error(`${op}: unexpected operator`);
  }
}

function binary(left: string, op: string, right: string): boolean {
  switch (op) {
    case '=': case '==': return left === right;
    case '!=': return left !== right;
    case '-eq': return toInt(left) === toInt(right);
    case '-ne': return toInt(left) !== toInt(right);
    case '-lt': return toInt(left) < toInt(right);
    case '-le': return toInt(left) <= toInt(right);
    case '-gt': return toInt(left) > toInt(right);
    case '-ge': return toInt(left) >= toInt(right);
    default: throw new Error(`${op}: unexpected operator`);
  }
}

function toInt(text: string): number {
  const value = Number.parseInt(text, 10);
  if (Number.isNaN(value)) throw new Error(`${text}: bad number`);
  return value;
}
