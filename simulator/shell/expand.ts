/**
 * Word expansion: parameters (`$VAR`, `${VAR}`, `$?`), command substitution, field splitting of
 * unquoted expansions, and pathname globbing (`*`, `?` in the last path component, as
 * `rm -f /sdcard/Recordings/*` needs).
 */
import { posix } from 'node:path';
import type { VirtualFs } from '../device/contracts.ts';
import type { Word } from './tokenize.ts';

export interface ExpansionContext {
  lookup(name: string): string | undefined;
  /** Runs a command substitution and returns its stdout. */
  substitute(source: string): Promise<string>;
  /** Evaluates `$(( … ))`. */
  arithmetic(source: string): string;
  fs: VirtualFs;
  cwd: string;
}

interface Field {
  text: string;
  /** The field as a glob pattern with quoted characters escaped, when it has unquoted `*`/`?`. */
  pattern: string;
  glob: boolean;
}

export async function expandWords(words: readonly Word[], context: ExpansionContext): Promise<string[]> {
  const result: string[] = [];
  for (const word of words) result.push(...(await expandWord(word, context)));
  return result;
}

/** One word to zero or more fields. */
export async function expandWord(word: Word, context: ExpansionContext): Promise<string[]> {
  const fields: Field[] = [];
  let current: Field | undefined;
  const append = (text: string, quoted: boolean): void => {
    current ??= { text: '', pattern: '', glob: false };
    current.text += text;
    current.pattern += quoted ? text.replace(/[*?[\]\\]/g, '\\$&') : text;
    if (!quoted && /[*?]/.test(text)) current.glob = true;
  };
  for (const part of word) {
    if (part.kind === 'literal') {
      append(part.text, part.quoted);
      continue;
    }
    const value = part.kind === 'param'
      ? (context.lookup(part.name) ?? '')
      : part.kind === 'arithmetic' ? context.arithmetic(part.source) : trimTrailingNewlines(await context.substitute(part.source));
    if (part.quoted) {
      append(value, true);
      continue;
    }
    // Unquoted expansion: split on whitespace; leading/trailing whitespace ends/starts fields.
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, index) => {
      if (index > 0 && current !== undefined) {
        fields.push(current);
        current = undefined;
      }
      if (piece !== '') append(piece, true);
    });
  }
  if (current !== undefined) fields.push(current);
  const out: string[] = [];
  for (const field of fields) {
    if (!field.glob) { out.push(field.text); continue; }
    const matches = globPath(field.pattern, context);
    if (matches.length === 0) out.push(field.text);
    else out.push(...matches);
  }
  return out;
}

function trimTrailingNewlines(text: string): string {
  return text.replace(/\n+$/, '');
}

function globPath(pattern: string, context: ExpansionContext): string[] {
  const slash = pattern.lastIndexOf('/');
  const dirPattern = slash < 0 ? '' : pattern.slice(0, slash) || '/';
  const namePattern = pattern.slice(slash + 1);
  const dir = unescapeGlob(dirPattern);
  const absoluteDir = posix.resolve(context.cwd, dir === '' ? '.' : dir);
  const names = context.fs.list(absoluteDir) ?? [];
  const regex = globToRegExp(namePattern);
  return names
    .filter((name) => regex.test(name) && (namePattern.startsWith('.') || !name.startsWith('.')))
    .map((name) => (dir === '' ? name : dir === '/' ? `/${name}` : `${dir}/${name}`));
}

function unescapeGlob(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function globToRegExp(pattern: string): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i] ?? '');
    } else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += escapeRegExp(char);
  }
  return new RegExp(`${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
