/**
 * Lexer for the sh subset that adb clients send (adb joins argv with spaces without escaping, so
 * quoting is interpreted here): words with single/double quotes, backslash escapes, `$VAR`,
 * `${VAR}`, `$?`, `$(…)`/backticks, operators `; & && || | ( )`, redirections with optional fd
 * (`2>`, `>&2`, `2>&1`, `>>`, `<`), newlines as separators and `#` comments.
 */

export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; quoted: boolean }
  | { kind: 'command'; source: string; quoted: boolean }
  | { kind: 'arithmetic'; source: string; quoted: boolean };

export type Word = WordPart[];

export type Token =
  | { type: 'word'; word: Word }
  | { type: 'op'; op: ';' | '&' | '&&' | '||' | '|' | '!' | '(' | ')' }
  | { type: 'redirect'; fd: number | undefined; op: '>' | '>>' | '<' | '>&' | '<&' };

export class ShellSyntaxError extends Error {
  override readonly name = 'ShellSyntaxError';
}

const OPERATOR_CHARS = new Set([';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMS = new Set(['?', '$', '#', '!', '@', '*', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const pushOp = (op: ';' | '&' | '&&' | '||' | '|'): void => {
    tokens.push({ type: 'op', op });
  };
  while (i < source.length) {
    const char = source[i] ?? '';
    if (char === ' ' || char === '\t' || char === '\r') { i++; continue; }
    if (char === '\n') { pushOp(';'); i++; continue; }
    if (char === '#') { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (char === '\\' && source[i + 1] === '\n') { i += 2; continue; }
    if (char === '&') { if (source[i + 1] === '&') { pushOp('&&'); i += 2; } else { pushOp('&'); i++; } continue; }
    if (char === '|') { if (source[i + 1] === '|') { pushOp('||'); i += 2; } else { pushOp('|'); i++; } continue; }
    if (char === ';') { pushOp(';'); i++; continue; }
    if (char === '(' || char === ')') { tokens.push({ type: 'op', op: char }); i++; continue; }
    if (char === '<' || char === '>') { i = readRedirect(source, i, undefined, tokens); continue; }
    const { word, end } = readWord(source, i);
    // `2>file`, `2>&1`: a word of digits glued to a redirection is the fd number.
    const next = source[end];
    const only = word.length === 1 ? word[0] : undefined;
    if ((next === '<' || next === '>') && only?.kind === 'literal' && !only.quoted && /^\d$/.test(only.text)) {
      i = readRedirect(source, end, Number(only.text), tokens);
      continue;
    }
    if (word.length === 1 && only?.kind === 'literal' && !only.quoted && only.text === '!') tokens.push({ type: 'op', op: '!' });
    else tokens.push({ type: 'word', word });
    i = end;
  }
  return tokens;
}

function readRedirect(source: string, start: number, fd: number | undefined, tokens: Token[]): number {
  const char = source[start];
  const next = source[start + 1];
  if (char === '>' && next === '>') { tokens.push({ type: 'redirect', fd, op: '>>' }); return start + 2; }
  if (char === '>' && next === '&') { tokens.push({ type: 'redirect', fd, op: '>&' }); return start + 2; }
  if (char === '<' && next === '&') { tokens.push({ type: 'redirect', fd, op: '<&' }); return start + 2; }
  if (char === '>' && next === '|') { tokens.push({ type: 'redirect', fd, op: '>' }); return start + 2; }
  tokens.push({ type: 'redirect', fd, op: char === '>' ? '>' : '<' });
  return start + 1;
}

function readWord(source: string, start: number): { word: Word; end: number } {
  const parts: WordPart[] = [];
  const literal = (text: string, quoted: boolean): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'literal' && last.quoted === quoted) last.text += text;
    else parts.push({ kind: 'literal', text, quoted });
  };
  let i = start;
  let hadQuotes = false;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || OPERATOR_CHARS.has(char)) break;
    if (char === "'") {
      const close = source.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      literal(source.slice(i + 1, close), true);
      hadQuotes = true;
      i = close + 1;
      continue;
    }
    if (char === '"') {
      i = readDoubleQuoted(source, i + 1, parts, literal);
      hadQuotes = true;
      continue;
    }
    if (char === '\\') {
      if (i + 1 < source.length) literal(source[i + 1] ?? '', true);
      i += 2;
      continue;
    }
    if (char === '$' || char === '`') {
      const expansion = readExpansion(source, i, false);
      if (expansion === undefined) { literal('$', false); i++; continue; }
      parts.push(expansion.part);
      i = expansion.end;
      continue;
    }
    literal(char, false);
    i++;
  }
  const word = parts.filter((part) => !(part.kind === 'literal' && part.text === ''));
  // `''` and `""` are an empty argument, not no argument.
  if (word.length === 0 && hadQuotes) word.push({ kind: 'literal', text: '', quoted: true });
  return { word, end: i };
}

function readDoubleQuoted(
  source: string, start: number, parts: WordPart[], literal: (text: string, quoted: boolean) => void,
): number {
  let i = start;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (char === '"') return i + 1;
    if (char === '\\' && i + 1 < source.length && '$`"\\\n'.includes(source[i + 1] ?? '')) {
      if (source[i + 1] !== '\n') literal(source[i + 1] ?? '', true);
      i += 2;
      continue;
    }
    if (char === '$' || char === '`') {
      const expansion = readExpansion(source, i, true);
      if (expansion !== undefined) { parts.push(expansion.part); i = expansion.end; continue; }
    }
    literal(char, true);
    i++;
  }
  throw new ShellSyntaxError('syntax error: unterminated quoted string');
}

function readExpansion(source: string, start: number, quoted: boolean): { part: WordPart; end: number } | undefined {
  const char = source[start];
  if (char === '`') {
    const close = source.indexOf('`', start + 1);
    if (close < 0) throw new ShellSyntaxError('syntax error: unterminated command substitution');
    return { part: { kind: 'command', source: source.slice(start + 1, close), quoted }, end: close + 1 };
  }
  const next = source[start + 1] ?? '';
  if (next === '(' && source[start + 2] === '(') {
    const close = source.indexOf('))', start + 3);
    if (close < 0) throw new ShellSyntaxError("syntax error: unterminated '$(('");
    return { part: { kind: 'arithmetic', source: source.slice(start + 3, close), quoted }, end: close + 2 };
  }
  if (next === '(') {
    const close = findClosingParen(source, start + 2);
    return { part: { kind: 'command', source: source.slice(start + 2, close), quoted }, end: close + 1 };
  }
  if (next === '{') {
    const close = source.indexOf('}', start + 2);
    if (close < 0) throw new ShellSyntaxError('syntax error: bad substitution');
    return { part: { kind: 'param', name: source.slice(start + 2, close), quoted }, end: close + 1 };
  }
  if (SPECIAL_PARAMS.has(next)) return { part: { kind: 'param', name: next, quoted }, end: start + 2 };
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(start + 1));
  if (match === null) return undefined;
  return { part: { kind: 'param', name: match[0], quoted }, end: start + 1 + match[0].length };
}

function findClosingParen(source: string, start: number): number {
  let depth = 1;
  let quote: string | undefined;
  for (let i = start; i < source.length; i++) {
    const char = source[i];
    if (quote !== undefined) { if (char === quote) quote = undefined; continue; }
    if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  throw new ShellSyntaxError("syntax error: unterminated '$('");
}
