/**
 * `${…}` parameter expansion: `${#VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:=word}`, `${VAR:+word}`,
 * `${VAR:?word}`, and prefix/suffix removal `${VAR#pat}`, `${VAR##pat}`, `${VAR%pat}`, `${VAR%%pat}`
 * with glob patterns. The word is taken literally (no nested expansion).
 */

export interface ParameterScope {
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
}

export class ParameterError extends Error {
  override readonly name = 'ParameterError';
}

export function expandParameter(expression: string, scope: ParameterScope): string {
  if (expression.startsWith('#') && expression.length > 1) return String((scope.lookup(expression.slice(1)) ?? '').length);
  const match = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!@*0-9-])(:?[-=+?]|##?|%%?)?([\s\S]*)$/.exec(expression);
  if (match === null) throw new ParameterError(`${expression}: bad substitution`);
  const [, name = '', operator, word = ''] = match;
  const value = scope.lookup(name);
  switch (operator) {
    case undefined: return value ?? '';
    case ':-': return value === undefined || value === '' ? word : value;
    case '-': return value ?? word;
    case ':=': case '=':
      if (value === undefined || (operator === ':=' && value === '')) {
        scope.assign(name, word);
        return word;
      }
      return value;
    case ':+': return value === undefined || value === '' ? '' : word;
    case '+': return value === undefined ? '' : word;
    case ':?': case '?':
      if (value === undefined || (operator === ':?' && value === '')) throw new ParameterError(`${name}: ${word || 'parameter null or not set'}`);
      return value;
    case '#': case '##': return removePrefix(value ?? '', word, operator === '##');
    default: return removeSuffix(value ?? '', word, operator === '%%');
  }
}

function patternRegExp(pattern: string): string {
  let source = '';
  for (const char of pattern) source += char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return source;
}

function removePrefix(value: string, pattern: string, longest: boolean): string {
  const regex = new RegExp(`^${patternRegExp(pattern)}$`);
  if (longest) {
    for (let end = value.length; end >= 0; end--) if (regex.test(value.slice(0, end))) return value.slice(end);
  } else {
    for (let end = 0; end <= value.length; end++) if (regex.test(value.slice(0, end))) return value.slice(end);
  }
  return value;
}

function removeSuffix(value: string, pattern: string, longest: boolean): string {
  const regex = new RegExp(`^${patternRegExp(pattern)}$`);
  if (longest) {
    for (let start = 0; start <= value.length; start++) if (regex.test(value.slice(start))) return value.slice(0, start);
  } else {
    for (let start = value.length; start >= 0; start--) if (regex.test(value.slice(start))) return value.slice(0, start);
  }
  return value;
}
