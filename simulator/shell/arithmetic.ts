/**
 * `$(( … ))` arithmetic: integers, variables (unset = 0), `+ - * / %`, comparisons, `&& || !`,
 * parentheses and unary minus, with C precedence. Division by zero is an error, as in mksh.
 */

export class ArithmeticError extends Error {
  override readonly name = 'ArithmeticError';
}

const TOKEN = /\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||==|!=|<=|>=|[-+*/%()<>!])/y;

export function evaluateArithmetic(source: string, lookup: (name: string) => string | undefined): number {
  const tokens: string[] = [];
  let position = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(source); match !== null; match = TOKEN.exec(source)) {
    tokens.push(match[1] ?? '');
    position = TOKEN.lastIndex;
  }
  if (source.slice(position).trim() !== '') throw new ArithmeticError(`${source.trim()}: syntax error in expression`);
  let index = 0;
  const peek = (): string | undefined => tokens[index];
  const take = (): string => tokens[index++] ?? '';
  const binary = (next: () => number, ops: Readonly<Record<string, (a: number, b: number) => number>>) => (): number => {
    let value = next();
    for (let op = peek(); op !== undefined && op in ops; op = peek()) {
      take();
      value = (ops[op] as (a: number, b: number) => number)(value, next());
    }
    return value;
  };
  const primary = (): number => {
    const token = take();
    if (token === '(') {
      const value = or();
      if (take() !== ')') throw new ArithmeticError(`${source.trim()}: missing )`);
      return value;
    }
    if (token === '-') return -primary();
    if (token === '+') return primary();
    if (token === '!') return Number(primary() === 0);
    if (/^\d+$/.test(token)) return Number(token);
    if (/^[A-Za-z_]/.test(token)) return Number.parseInt(lookup(token) ?? '0', 10) || 0;
    throw new ArithmeticError(`${source.trim()}: syntax error in expression`);
  };
  const multiplicative = binary(primary, {
    '*': (a, b) => a * b,
    '/': (a, b) => { if (b === 0) throw new ArithmeticError('division by zero'); return Math.trunc(a / b); },
    '%': (a, b) => { if (b === 0) throw new ArithmeticError('division by zero'); return a % b; },
  });
  const additive = binary(multiplicative, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const relational = binary(additive, { '<': (a, b) => Number(a < b), '>': (a, b) => Number(a > b), '<=': (a, b) => Number(a <= b), '>=': (a, b) => Number(a >= b) });
  const equality = binary(relational, { '==': (a, b) => Number(a === b), '!=': (a, b) => Number(a !== b) });
  const and = binary(equality, { '&&': (a, b) => Number(a !== 0 && b !== 0) });
  const or = binary(and, { '||': (a, b) => Number(a !== 0 || b !== 0) });
  if (tokens.length === 0) return 0;
  const result = or();
  if (index < tokens.length) throw new ArithmeticError(`${source.trim()}: syntax error in expression`);
  return result;
}
