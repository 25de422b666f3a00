/**
 * Parser from tokens to the command-list AST: and-or lists of pipelines of simple commands with
 * assignments and redirections. Compound commands (if/for/while, subshells) are not part of what
 * adb clients send and are not supported.
 */
import { ShellSyntaxError, tokenize, type Token, type Word } from './tokenize.ts';

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&';
  target: Word;
}

export interface SimpleCommand {
  assignments: Array<{ name: string; value: Word }>;
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  negate: boolean;
  commands: SimpleCommand[];
}

export interface AndOrList {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

export type Script = AndOrList[];

export function parseScript(source: string): Script {
  const tokens = tokenize(source);
  const script: Script = [];
  let index = 0;
  const peek = (): Token | undefined => tokens[index];

  const parseCommand = (): SimpleCommand => {
    const command: SimpleCommand = { assignments: [], words: [], redirects: [] };
    for (let token = peek(); token !== undefined; token = peek()) {
      if (token.type === 'op' && token.op !== '!') break;
      index++;
      if (token.type === 'op') {
        command.words.push([{ kind: 'literal', text: '!', quoted: false }]);
        continue;
      }
      if (token.type === 'redirect') {
        const target = peek();
        if (target?.type !== 'word') throw new ShellSyntaxError(`syntax error: missing redirection target after '${token.op}'`);
        index++;
        const fd = token.fd ?? (token.op === '<' || token.op === '<&' ? 0 : 1);
        command.redirects.push({ fd, op: token.op, target: target.word });
        continue;
      }
      const assignment = command.words.length === 0 ? asAssignment(token.word) : undefined;
      if (assignment !== undefined) command.assignments.push(assignment);
      else command.words.push(token.word);
    }
    return command;
  };

  const parsePipeline = (): Pipeline => {
    let negate = false;
    while (peek()?.type === 'op' && (peek() as { op: string }).op === '!') { negate = !negate; index++; }
    const commands = [parseCommand()];
    while (isOp(peek(), '|')) {
      index++;
      commands.push(parseCommand());
    }
    for (const command of commands) {
      if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
        throw new ShellSyntaxError(`syntax error: '${describe(peek())}' unexpected`);
      }
    }
    return { negate, commands };
  };

  while (index < tokens.length) {
    if (isOp(peek(), ';') || isOp(peek(), '&')) { index++; continue; }
    const list: AndOrList = { first: parsePipeline(), rest: [] };
    for (let token = peek(); isOp(token, '&&') || isOp(token, '||'); token = peek()) {
      index++;
      // A newline may follow `&&`/`||` before the next pipeline.
      while (isOp(peek(), ';')) index++;
      list.rest.push({ op: (token as { op: '&&' | '||' }).op, pipeline: parsePipeline() });
    }
    script.push(list);
    const after = peek();
    if (after !== undefined && !isOp(after, ';') && !isOp(after, '&')) {
      throw new ShellSyntaxError(`syntax error: '${describe(after)}' unexpected`);
    }
  }
  return script;
}

function isOp(token: Token | undefined, op: string): boolean {
  return token?.type === 'op' && token.op === op;
}

function describe(token: Token | undefined): string {
  if (token === undefined) return 'newline';
  if (token.type === 'op') return token.op;
  if (token.type === 'redirect') return token.op;
  return token.word.map((part) => (part.kind === 'literal' ? part.text : `$${part.kind === 'param' ? part.name : '(…)'}`)).join('');
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
