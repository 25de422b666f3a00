/**
 * Parser from tokens to the command-list AST: and-or lists of pipelines of commands. Commands are
 * simple commands (assignments, words, redirections) or the compound commands scripts use:
 * `if/elif/else/fi`, `while`/`until … do … done`, `for NAME [in …]; do … done`, `{ …; }` and `( … )`.
 * Reserved words count only where a command starts, as in sh. `case` and functions are not supported.
 */
import { ShellSyntaxError, tokenize, type Token, type Word } from './tokenize.ts';

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&';
  target: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: Array<{ name: string; value: Word }>;
  words: Word[];
  redirects: Redirect[];
}

export type CompoundCommand =
  | { kind: 'if'; clauses: Array<{ condition: Script; body: Script }>; otherwise: Script | undefined; redirects: Redirect[] }
  | { kind: 'loop'; until: boolean; condition: Script; body: Script; redirects: Redirect[] }
  | { kind: 'for'; name: string; items: Word[] | undefined; body: Script; redirects: Redirect[] }
  | { kind: 'group'; subshell: boolean; body: Script; redirects: Redirect[] };

export type Command = SimpleCommand | CompoundCommand;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOrList {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

export type Script = AndOrList[];

const TERMINATORS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}']);

export function parseScript(source: string): Script {
  return new Parser(tokenize(source)).parseTop();
}

class Parser {
  #tokens: Token[];
  #index = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parseTop(): Script {
    const script = this.#parseList(undefined);
    const left = this.#peek();
    if (left !== undefined) throw unexpected(left);
    return script;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#index];
  }

  /** Parses and-or lists until a reserved word in `stopWords` (or `)`) starts a command. */
  #parseList(stopWords: ReadonlySet<string> | undefined, stopAtParen = false): Script {
    const script: Script = [];
    for (;;) {
      while (isOp(this.#peek(), ';') || isOp(this.#peek(), '&')) this.#index++;
      const token = this.#peek();
      if (token === undefined) return script;
      if (stopAtParen && isOp(token, ')')) return script;
      const word = reservedWord(token);
      if (word !== undefined && TERMINATORS.has(word)) {
        if (stopWords?.has(word) === true) return script;
        throw unexpected(token);
      }
      const list: AndOrList = { first: this.#parsePipeline(), rest: [] };
      for (let next = this.#peek(); isOp(next, '&&') || isOp(next, '||'); next = this.#peek()) {
        this.#index++;
        // A newline may follow `&&`/`||` before the next pipeline.
        while (isOp(this.#peek(), ';')) this.#index++;
        list.rest.push({ op: (next as { op: '&&' | '||' }).op, pipeline: this.#parsePipeline() });
      }
      script.push(list);
      const after = this.#peek();
      if (after !== undefined && !isOp(after, ';') && !isOp(after, '&') && !(stopAtParen && isOp(after, ')'))
        && !(reservedWord(after) !== undefined && stopWords?.has(reservedWord(after) ?? '') === true)) {
        throw unexpected(after);
      }
    }
  }

  #parsePipeline(): Pipeline {
    let negate = false;
    while (isOp(this.#peek(), '!')) { negate = !negate; this.#index++; }
    const commands = [this.#parseCommand()];
    while (isOp(this.#peek(), '|')) {
      this.#index++;
      commands.push(this.#parseCommand());
    }
    return { negate, commands };
  }

  #parseCommand(): Command {
    const token = this.#peek();
    if (isOp(token, '(')) {
      this.#index++;
      const body = this.#parseList(undefined, true);
      this.#expectOp(')');
      return { kind: 'group', subshell: true, body, redirects: this.#parseRedirects() };
    }
    switch (reservedWord(token)) {
      case '{': {
        this.#index++;
        const body = this.#parseList(new Set(['}']));
        this.#expectWord('}');
        return { kind: 'group', subshell: false, body, redirects: this.#parseRedirects() };
      }
      case 'if': return this.#parseIf();
      case 'while': case 'until': {
        this.#index++;
        const condition = this.#parseList(new Set(['do']));
        this.#expectWord('do');
        const body = this.#parseList(new Set(['done']));
        this.#expectWord('done');
        return { kind: 'loop', until: reservedWord(token) === 'until', condition, body, redirects: this.#parseRedirects() };
      }
      case 'for': return this.#parseFor();
      default: return this.#parseSimple();
    }
  }

  #parseIf(): Command {
    this.#index++;
    const clauses: Array<{ condition: Script; body: Script }> = [];
    let otherwise: Script | undefined;
    for (;;) {
      const condition = this.#parseList(new Set(['then']));
      this.#expectWord('then');
      const body = this.#parseList(new Set(['elif', 'else', 'fi']));
      clauses.push({ condition, body });
      const word = reservedWord(this.#peek());
      this.#index++;
      if (word === 'elif') continue;
      if (word === 'else') {
        otherwise = this.#parseList(new Set(['fi']));
        this.#expectWord('fi');
      } else if (word !== 'fi') throw new ShellSyntaxError("syntax error: 'if' unmatched");
      return { kind: 'if', clauses, otherwise, redirects: this.#parseRedirects() };
    }
  }

  #parseFor(): Command {
    this.#index++;
    const nameToken = this.#peek();
    const name = nameToken?.type === 'word' && nameToken.word.length === 1 && nameToken.word[0]?.kind === 'literal' ? nameToken.word[0].text : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError("syntax error: bad 'for' variable");
    this.#index++;
    let items: Word[] | undefined;
    if (reservedWord(this.#peek()) === 'in') {
      this.#index++;
      items = [];
      for (let token = this.#peek(); token?.type === 'word' && reservedWord(token) !== 'do'; token = this.#peek()) {
        items.push(token.word);
        this.#index++;
      }
    }
    while (isOp(this.#peek(), ';')) this.#index++;
    this.#expectWord('do');
    const body = this.#parseList(new Set(['done']));
    this.#expectWord('done');
    return { kind: 'for', name, items, body, redirects: this.#parseRedirects() };
  }

  #parseSimple(): SimpleCommand {
    const command: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirects: [] };
    for (let token = this.#peek(); token !== undefined; token = this.#peek()) {
      if (token.type === 'op' && token.op !== '!') break;
      this.#index++;
      if (token.type === 'op') {
        command.words.push([{ kind: 'literal', text: '!', quoted: false }]);
        continue;
      }
      if (token.type === 'redirect') {
        command.redirects.push(this.#redirectFrom(token));
        continue;
      }
      const assignment = command.words.length === 0 ? asAssignment(token.word) : undefined;
      if (assignment !== undefined) command.assignments.push(assignment);
      else command.words.push(token.word);
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
      throw unexpected(this.#peek());
    }
    return command;
  }

  #parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (let token = this.#peek(); token?.type === 'redirect'; token = this.#peek()) {
      this.#index++;
      redirects.push(this.#redirectFrom(token));
    }
    return redirects;
  }

  #redirectFrom(token: Extract<Token, { type: 'redirect' }>): Redirect {
    const target = this.#peek();
    if (target?.type !== 'word') throw new ShellSyntaxError(`syntax error: missing redirection target after '${token.op}'`);
    this.#index++;
    const fd = token.fd ?? (token.op === '<' || token.op === '<&' ? 0 : 1);
    return { fd, op: token.op, target: target.word };
  }

  #expectWord(word: string): void {
    if (reservedWord(this.#peek()) !== word) throw new ShellSyntaxError(`syntax error: '${describe(this.#peek())}' unexpected (expecting '${word}')`);
    this.#index++;
  }

  #expectOp(op: string): void {
    if (!isOp(this.#peek(), op)) throw new ShellSyntaxError(`syntax error: '${describe(this.#peek())}' unexpected (expecting '${op}')`);
    this.#index++;
  }
}

function isOp(token: Token | undefined, op: string): boolean {
  return token?.type === 'op' && token.op === op;
}

/** The text of an unquoted one-part word (candidate reserved word), else undefined. */
function reservedWord(token: Token | undefined): string | undefined {
  if (token?.type !== 'word' || token.word.length !== 1) return undefined;
  const part = token.word[0];
  return part?.kind === 'literal' && !part.quoted ? part.text : undefined;
}

function unexpected(token: Token | undefined): ShellSyntaxError {
  return new ShellSyntaxError(`syntax error: '${describe(token)}' unexpected`);
}

function describe(token: Token | undefined): string {
  if (token === undefined) return 'newline';
  if (token.type === 'op') return token.op;
  if (token.type === 'redirect') return token.op;
  return token.word.map((part) => (part.kind === 'literal' ? part.text : part.kind === 'param' ? `$${part.name}` : '$(…)')).join('');
}

/** `NAME=value` at the start of a command: an unquoted literal prefix with a valid name. */
function asAssignment(word: Word): { name: string; value: Word } | undefined {
  const first = word[0];
  if (first?.kind !== 'literal' || first.quoted) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (match === null) return undefined;
  const rest = first.text.slice(match[0].length);
  const value: Word = rest === '' ? word.slice(1) : [{ kind: 'literal', text: rest, quoted: false }, ...word.slice(1)];
  return { name: match[1] ?? '', value };
}
