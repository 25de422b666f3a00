/**
 * A parser for the XPath 1.0 subset Appium users write against the UiAutomator2 page source: absolute and
 * relative location paths, `//`, `.`, `..`, `*`, `@attr`, the usual axes, predicates (boolean and
 * positional), `and`/`or`, comparisons, arithmetic, unions and function calls. Errors say where.
 */
export type Axis =
  | 'child' | 'descendant' | 'descendant-or-self' | 'self' | 'parent' | 'ancestor' | 'ancestor-or-self'
  | 'attribute' | 'following-sibling' | 'preceding-sibling' | 'following' | 'preceding';

export type NodeTest = { kind: 'name'; name: string } | { kind: 'any' } | { kind: 'node' } | { kind: 'text' };

export interface Step {
  axis: Axis;
  test: NodeTest;
  predicates: Expr[];
}

export type Expr =
  | { type: 'binary'; op: 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod' | '|'; left: Expr; right: Expr }
  | { type: 'negate'; operand: Expr }
  | { type: 'path'; absolute: boolean; steps: Step[] }
  | { type: 'filter'; primary: Expr; predicates: Expr[]; steps: Step[] }
  | { type: 'literal'; value: string }
  | { type: 'number'; value: number }
  | { type: 'call'; name: string; args: Expr[] };

export class XPathSyntaxError extends Error {}

interface Token {
  kind: 'op' | 'name' | 'literal' | 'number';
  text: string;
  pos: number;
}

const AXES = new Set<string>(['child', 'descendant', 'descendant-or-self', 'self', 'parent', 'ancestor', 'ancestor-or-self', 'attribute', 'following-sibling', 'preceding-sibling', 'following', 'preceding']);
const NODE_TYPES = new Set(['node', 'text', 'comment', 'processing-instruction']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // XPath 1.0 §3.7: after a token that ends a value, `*` multiplies and and/or/div/mod are operators.
  const valueEnded = (): boolean => {
    const last = tokens.at(-1);
    if (!last) return false;
    if (last.kind === 'name' && ['and', 'or', 'div', 'mod'].includes(last.text)) {
      const before = tokens.at(-2);
      return !(before !== undefined && isValueEnd(before));
    }
    return isValueEnd(last);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const two = source.slice(i, i + 2);
    if (['//', '::', '..', '!=', '<=', '>='].includes(two)) { tokens.push({ kind: 'op', text: two, pos: i }); i += 2; continue; }
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new XPathSyntaxError(`unterminated string literal at position ${i}`);
      tokens.push({ kind: 'literal', text: source.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^[0-9]*\.?[0-9]*/.exec(source.slice(i))![0];
      tokens.push({ kind: 'number', text: match, pos: i });
      i += match.length;
      continue;
    }
    if (c === '*') {
      // `*` is multiplication after a value, a wildcard name test elsewhere (XPath 1.0 §3.7).
      tokens.push({ kind: valueEnded() ? 'op' : 'name', text: '*', pos: i });
      i++;
      continue;
    }
    if ('/()[]@,|.=<>+-$'.includes(c)) { tokens.push({ kind: 'op', text: c, pos: i }); i++; continue; }
    const name = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_.\-\u00b7\u00c0-\uffff]*(:[A-Za-z_*][A-Za-z0-9_.\-]*)?/.exec(source.slice(i));
    if (!name) throw new XPathSyntaxError(`unexpected character '${c}' at position ${i}`);
    // A QName prefix is only taken when no '::' follows (e.g. `child::x`).
    let text = name[0];
    if (text.includes(':') && source.startsWith('::', i + text.indexOf(':'))) text = text.slice(0, text.indexOf(':'));
    tokens.push({ kind: 'name', text, pos: i });
    i += text.length;
  }
  return tokens;
}

function isValueEnd(token: Token): boolean {
  return token.kind === 'literal' || token.kind === 'number' || token.kind === 'name' || [')', ']', '.', '..'].includes(token.text);
}

class Parser {
  #tokens: Token[];
  #i = 0;
  #source: string;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parse(): Expr {
    if (this.#tokens.length === 0) throw new XPathSyntaxError('empty expression');
    const expr = this.#or();
    const extra = this.#peek();
    if (extra) throw new XPathSyntaxError(`unexpected '${extra.text}' at position ${extra.pos}`);
    return expr;
  }

  #peek(offset = 0): Token | undefined {
    return this.#tokens[this.#i + offset];
  }

  #isOp(text: string, offset = 0): boolean {
    const t = this.#peek(offset);
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  #isOperatorName(text: string): boolean {
    const t = this.#peek();
    return t !== undefined && t.kind === 'name' && t.text === text && this.#i > 0 && isValueEnd(this.#tokens[this.#i - 1]!);
  }

  #expect(text: string): void {
    if (!this.#isOp(text)) {
      const t = this.#peek();
      throw new XPathSyntaxError(t ? `expected '${text}' at position ${t.pos}, found '${t.text}'` : `expected '${text}' at the end of '${this.#source}'`);
    }
    this.#i++;
  }

  #binaryLevel(next: () => Expr, ops: string[], named: boolean): Expr {
    let left = next();
    for (;;) {
      const op = ops.find((candidate) => (named ? this.#isOperatorName(candidate) : this.#isOp(candidate)));
      if (!op) return left;
      this.#i++;
      left = { type: 'binary', op: op as 'or', left, right: next() };
    }
  }

  #or = (): Expr => this.#binaryLevel(this.#and, ['or'], true);
  #and = (): Expr => this.#binaryLevel(this.#equality, ['and'], true);
  #equality = (): Expr => this.#binaryLevel(this.#relational, ['=', '!='], false);
  #relational = (): Expr => this.#binaryLevel(this.#additive, ['<=', '>=', '<', '>'], false);
  #additive = (): Expr => this.#binaryLevel(this.#multiplicative, ['+', '-'], false);

  #multiplicative = (): Expr => {
    let left = this.#unary();
    for (;;) {
      let op: 'div' | 'mod' | '*' | undefined;
      if (this.#isOp('*')) op = '*';
      else if (this.#isOperatorName('div')) op = 'div';
      else if (this.#isOperatorName('mod')) op = 'mod';
      if (!op) return left;
      this.#i++;
      left = { type: 'binary', op, left, right: this.#unary() };
    }
  };

  #unary = (): Expr => {
    if (this.#isOp('-')) {
      this.#i++;
      return { type: 'negate', operand: this.#unary() };
    }
    return this.#binaryLevel(this.#pathExpr, ['|'], false);
  };

  #pathExpr = (): Expr => {
    const t = this.#peek();
    if (!t) throw new XPathSyntaxError(`unexpected end of '${this.#source}'`);
    const startsFilter = t.kind === 'literal' || t.kind === 'number' || (t.kind === 'op' && (t.text === '(' || t.text === '$'))
      || (t.kind === 'name' && this.#isOp('(', 1) && !NODE_TYPES.has(t.text) && !this.#isOp('::', 1));
    if (!startsFilter) return this.#locationPath();
    const primary = this.#primary();
    const predicates = this.#predicates();
    const steps: Step[] = [];
    this.#continueSteps(steps);
    return predicates.length === 0 && steps.length === 0 ? primary : { type: 'filter', primary, predicates, steps };
  };

  #primary(): Expr {
    const t = this.#peek()!;
    if (t.kind === 'literal') { this.#i++; return { type: 'literal', value: t.text }; }
    if (t.kind === 'number') { this.#i++; return { type: 'number', value: Number(t.text) }; }
    if (t.kind === 'op' && t.text === '$') throw new XPathSyntaxError(`variables are not supported (position ${t.pos})`);
    if (t.kind === 'op' && t.text === '(') {
      this.#i++;
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    this.#i += 2;
    const args: Expr[] = [];
    if (!this.#isOp(')')) {
      args.push(this.#or());
      while (this.#isOp(',')) {
        this.#i++;
        args.push(this.#or());
      }
    }
    this.#expect(')');
    return { type: 'call', name: t.text, args };
  }

  #predicates(): Expr[] {
    const predicates: Expr[] = [];
    while (this.#isOp('[')) {
      this.#i++;
      predicates.push(this.#or());
      this.#expect(']');
    }
    return predicates;
  }

  #locationPath(): Expr {
    const steps: Step[] = [];
    let absolute = false;
    if (this.#isOp('/')) {
      absolute = true;
      this.#i++;
      if (!this.#startsStep()) return { type: 'path', absolute, steps };
    } else if (this.#isOp('//')) {
      absolute = true;
      this.#i++;
      steps.push({ axis: 'descendant-or-self', test: { kind: 'node' }, predicates: [] });
    }
    steps.push(this.#step());
    this.#continueSteps(steps);
    return { type: 'path', absolute, steps };
  }

  #continueSteps(steps: Step[]): void {
    for (;;) {
      if (this.#isOp('/')) {
        this.#i++;
      } else if (this.#isOp('//')) {
        this.#i++;
        steps.push({ axis: 'descendant-or-self', test: { kind: 'node' }, predicates: [] });
      } else {
        return;
      }
      steps.push(this.#step());
    }
  }

  #startsStep(): boolean {
    const t = this.#peek();
    return t !== undefined && (t.kind === 'name' || (t.kind === 'op' && ['.', '..', '@'].includes(t.text)));
  }

  #step(): Step {
    if (this.#isOp('.')) { this.#i++; return { axis: 'self', test: { kind: 'node' }, predicates: [] }; }
    if (this.#isOp('..')) { this.#i++; return { axis: 'parent', test: { kind: 'node' }, predicates: [] }; }
    let axis: Axis = 'child';
    if (this.#isOp('@')) {
      this.#i++;
      axis = 'attribute';
    } else if (this.#peek()?.kind === 'name' && this.#isOp('::', 1)) {
      const name = this.#peek()!;
      if (!AXES.has(name.text)) throw new XPathSyntaxError(`unknown axis '${name.text}' at position ${name.pos}`);
      axis = name.text as Axis;
      this.#i += 2;
    }
    const t = this.#peek();
    if (!t || t.kind !== 'name') throw new XPathSyntaxError(t ? `expected a node test at position ${t.pos}, found '${t.text}'` : `expected a node test at the end of '${this.#source}'`);
    this.#i++;
    let test: NodeTest;
    if (t.text === '*') test = { kind: 'any' };
    else if (NODE_TYPES.has(t.text) && this.#isOp('(')) {
      this.#i++;
      this.#expect(')');
      test = t.text === 'node' ? { kind: 'node' } : { kind: 'text' };
    } else test = { kind: 'name', name: t.text };
    return { axis, test, predicates: this.#predicates() };
  }
}

export function parseXPath(source: string): Expr {
  return new Parser(source).parse();
}
