/**
 * Java regular expressions (java.util.regex.Pattern), as UiSelector's `textMatches`,
 * `descriptionMatches` and `resourceIdMatches` compile them on the device (androidx
 * UiSelector.textMatches: `Pattern.compile(regex, Pattern.DOTALL)`; isMatchFor:
 * `getPattern(criterion).matcher(s).matches()`, a whole-value match), read on the host.
 *
 * Only the part of the syntax that Java and JavaScript read alike is accepted, so that the harness
 * (validation), the virtual UiAutomator2 server (its JavaScript RegExp) and a real phone (Java) all
 * agree on what a profile's pattern means. Java-only constructs (possessive quantifiers, atomic
 * groups, `\A`, `\Z`, `\p{Alpha}`, class intersections `[a-z&&[^e]]`, inline flags after the start)
 * are refused with a message instead of silently meaning something else in JavaScript, where an
 * unknown escape like `\A` is the letter A.
 */

/** Java's leading inline flags that have a JavaScript equivalent (`(?i)`, `(?s)`, `(?m)`, `(?u)`). */
export interface JavaRegexFlags {
  /** `(?i)` CASE_INSENSITIVE. */
  ignoreCase: boolean;
  /** `(?s)` DOTALL. */
  dotAll: boolean;
  /** `(?m)` MULTILINE. */
  multiline: boolean;
}

export interface JavaRegex {
  /** The pattern without its leading flag group, `\Q…\E` quotes written as escapes: valid for RegExp. */
  source: string;
  flags: JavaRegexFlags;
}

export class JavaRegexError extends Error {}

/** Characters that are syntax in both dialects; escaping exactly these is valid in both (and under RegExp's `u`). */
const SYNTAX = /[\\^$.|?*+()[\]{}]/g;

/** `text` as a pattern that matches exactly it, in both dialects. */
export function escapeJavaRegex(text: string): string {
  return text.replace(SYNTAX, (character) => `\\${character}`);
}

/** Escapes both dialects read alike (a backslash before any other letter differs or is refused). */
const COMMON_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 't', 'r', 'f', '0', 'x', 'u', 'c']);

function expandQuotes(pattern: string): string {
  return pattern.replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_all, quoted: string) => escapeJavaRegex(quoted));
}

function readLeadingFlags(pattern: string): { rest: string; flags: JavaRegexFlags } {
  const flags: JavaRegexFlags = { ignoreCase: false, dotAll: false, multiline: false };
  let rest = pattern;
  for (let match = /^\(\?([a-zA-Z]+)\)/.exec(rest); match; match = /^\(\?([a-zA-Z]+)\)/.exec(rest)) {
    for (const flag of match[1]!) {
      if (flag === 'i') flags.ignoreCase = true;
      else if (flag === 's') flags.dotAll = true;
      else if (flag === 'm') flags.multiline = true;
      // UNICODE_CASE: case-insensitive matching beyond ASCII, which JavaScript's `i` always does.
      else if (flag !== 'u') throw new JavaRegexError(`the inline flag (?${flag}) has no JavaScript equivalent; use only i, s, m or u`);
    }
    rest = rest.slice(match[0].length);
  }
  return { rest, flags };
}

/** Refuses what the two dialects read differently; walks the pattern once, tracking character classes. */
function checkCommonSubset(source: string): void {
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const character = source[i]!;
    const next = source[i + 1];
    if (character === '\\') {
      if (next === undefined) throw new JavaRegexError('the pattern ends with a lone backslash');
      const isLetterOrDigit = /[A-Za-z0-9]/.test(next);
      const backReference = /[1-9]/.test(next) && !inClass;
      if (isLetterOrDigit && !COMMON_ESCAPES.has(next) && !backReference && next !== 'k') {
        throw new JavaRegexError(`\\${next} means different things in Java and JavaScript (or nothing in one of them); write it another way`);
      }
      i += 1;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      else if (character === '[') throw new JavaRegexError('a [ inside a character class is a nested class in Java but a plain [ in JavaScript; escape it as \\[');
      else if (character === '&' && next === '&') throw new JavaRegexError('&& inside a character class is an intersection in Java only; write the class out');
      continue;
    }
    if (character === '[') {
      inClass = true;
      // A leading ] (or ^]) is a literal in Java but ends an empty class in JavaScript.
      if (source[i + 1] === ']' || (source[i + 1] === '^' && source[i + 2] === ']')) throw new JavaRegexError('a ] first in a character class is read differently by Java and JavaScript; escape it as \\]');
      if (source[i + 1] === '^') i += 1;
      continue;
    }
    if (character === '(' && next === '?') {
      const group = source.slice(i, i + 4);
      if (!/^\(\?(?::|=|!|<=|<!|<[A-Za-z])/.test(group)) throw new JavaRegexError(`the group ${group}… is Java-only here (inline flags go at the very start, like (?i)); use (?:…), lookarounds or named groups`);
    }
    if ((character === '+' && i > 0 && /[*+?}]/.test(source[i - 1]!) && source[i - 2] !== '\\')) {
      throw new JavaRegexError('possessive quantifiers (*+, ++, ?+, {n}+) exist in Java only');
    }
  }
}

/** Reads a Java pattern, refusing what JavaScript would read differently. @throws JavaRegexError */
export function parseJavaRegex(pattern: string): JavaRegex {
  const { rest, flags } = readLeadingFlags(pattern);
  const source = expandQuotes(rest);
  checkCommonSubset(source);
  try {
    new RegExp(source);
  } catch (error) {
    throw new JavaRegexError((error as Error).message.replace(/^Invalid regular expression: /, ''));
  }
  return { source, flags };
}

/**
 * The RegExp that answers `Pattern.compile(pattern, DOTALL?).matcher(value).matches()`: the whole
 * value must match. `dotAll` is the flag the API adds (textMatches and descriptionMatches do).
 */
export function javaRegexToRegExp(pattern: string, options: { dotAll?: boolean } = {}): RegExp {
  const { source, flags } = parseJavaRegex(pattern);
  const jsFlags = `${flags.ignoreCase ? 'i' : ''}${flags.dotAll || options.dotAll === true ? 's' : ''}${flags.multiline ? 'm' : ''}`;
  // Anchored at the ends of the whole value, which `^` and `$` are not under (?m).
  return new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, jsFlags);
}
