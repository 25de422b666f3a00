import { describe, expect, it } from 'vitest';
import { javaRegexToRegExp, parseJavaRegex } from '../appium/java-regex.ts';
import { locatorSelectorSchema, selectorSchema } from './selector-schema.ts';

/** The messages of a failed parse, each prefixed with its path. */
function errorsOf(input: unknown, schema: typeof selectorSchema | typeof locatorSelectorSchema = selectorSchema): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('selectorSchema', () => {
  it('accepts each strategy with its modifiers', () => {
    for (const selector of [
      { text: 'Scan now', ignoreCase: true },
      { textContains: 'threat' },
      { textMatches: '(?i)scan( now)?' },
      { descContains: 'Scan' },
      { descMatches: 'Tab \\d of \\d' },
      { desc: 'home', ignoreCase: true },
      { idMatches: '.*:id/remove_\\d+' },
      { text: 'Remove', index: 2 },
      { text: 'Remove', below: { textContains: 'Mspy' } },
      { id: 'com.x:id/remove', inside: { id: 'com.x:id/row', index: 1 }, above: { text: 'Footer' } },
    ]) {
      expect(errorsOf(selector), JSON.stringify(selector)).toEqual([]);
    }
  });

  it('keeps the one-strategy rule and its messages', () => {
    expect(errorsOf({})).toEqual([expect.stringContaining('expected a selector: a mapping with exactly one of id, idMatches, text')]);
    expect(errorsOf({ text: 'a', textMatches: 'b' })).toEqual([': a selector uses exactly one strategy, found text and textMatches; split it or use xpath']);
    expect(errorsOf('Scan')).toEqual([expect.stringContaining('expected a selector')]);
    expect(errorsOf({ text: 'a', colour: 'red' })).toEqual([expect.stringContaining('colour')]);
  });

  it('says where ignoreCase cannot go and why', () => {
    expect(errorsOf({ textContains: 'scan', ignoreCase: true })).toEqual([
      'ignoreCase: textContains already ignores case (as UiSelector.textContains does on Android); drop ignoreCase, or use textMatches to match case',
    ]);
    expect(errorsOf({ textMatches: 'scan', ignoreCase: true })).toEqual(['ignoreCase: ignoreCase does not apply to textMatches; start the pattern with (?i) instead']);
    expect(errorsOf({ id: 'com.x:id/a', ignoreCase: true })).toEqual(['ignoreCase: ignoreCase applies to text and desc only, not to id']);
  });

  it('refuses a trailing backslash where the value goes into a UiSelector string', () => {
    expect(errorsOf({ text: 'C:\\' })).toEqual([expect.stringMatching(/^text: ends with a backslash, which a UiSelector string cannot carry/)]);
    expect(errorsOf({ desc: 'a\\', ignoreCase: true })).toEqual([expect.stringMatching(/^desc: ends with a backslash/)]);
    expect(errorsOf({ desc: 'a\\' })).toEqual([]);
    expect(errorsOf({ text: 'a\\b' })).toEqual([]);
  });

  it('refuses conflicting relations, bad anchors and bad indexes', () => {
    expect(errorsOf({ text: 'a', below: { text: 'b' }, above: { text: 'c' } })).toEqual([expect.stringMatching(/^above: use below or above, not both/)]);
    expect(errorsOf({ text: 'a', below: { text: 'b', below: { text: 'c' } } })).toEqual([expect.stringContaining('below')]);
    expect(errorsOf({ text: 'a', inside: { text: 'b', textContains: 'c' } })).toEqual(['inside: a selector uses exactly one strategy, found text and textContains; split it or use xpath']);
    expect(errorsOf({ text: 'a', index: -1 })).toEqual([expect.stringMatching(/^index: /)]);
    expect(errorsOf({ text: 'a', index: 1.5 })).toEqual([expect.stringMatching(/^index: /)]);
  });

  it('refuses regular expressions that Java and JavaScript would read differently, naming the construct', () => {
    expect(errorsOf({ textMatches: '(' })).toEqual([expect.stringMatching(/^textMatches: not a usable regular expression/)]);
    expect(errorsOf({ textMatches: '\\AScan' })).toEqual([expect.stringContaining('\\A means different things')]);
    expect(errorsOf({ textMatches: 'a++' })).toEqual([expect.stringContaining('possessive')]);
    expect(errorsOf({ descMatches: 'a(?i)b' })).toEqual([expect.stringContaining('inline flags go at the very start')]);
    expect(errorsOf({ textMatches: '[a-z&&[^e]]' })).toEqual([expect.stringContaining('&& inside a character class is an intersection in Java only')]);
    expect(errorsOf({ textMatches: '[a[b]]' })).toEqual([expect.stringContaining('[ inside a character class')]);
    expect(errorsOf({ textMatches: '(?x)a b' })).toEqual([expect.stringContaining('(?x)')]);
  });

  it('has a locator-only form without index and relations, for results and alerts', () => {
    expect(errorsOf({ text: 'a', textContains: undefined }, locatorSelectorSchema)).toEqual([]);
    expect(errorsOf({ text: 'a', index: 1 }, locatorSelectorSchema)).toEqual([expect.stringContaining('index')]);
    expect(errorsOf({ text: 'a', below: { text: 'b' } }, locatorSelectorSchema)).toEqual([expect.stringContaining('below')]);
  });
});

describe('Java patterns on the host', () => {
  it('match the whole value, with leading flags and \\Q…\\E quotes as Java reads them', () => {
    expect(javaRegexToRegExp('Scan').test('Scan now')).toBe(false);
    expect(javaRegexToRegExp('Scan.*').test('Scan now')).toBe(true);
    expect(javaRegexToRegExp('(?i)scan NOW').test('Scan now')).toBe(true);
    expect(javaRegexToRegExp('\\Q1+1 (two)\\E').test('1+1 (two)')).toBe(true);
    expect(javaRegexToRegExp('a.b', { dotAll: true }).test('a\nb')).toBe(true);
    expect(javaRegexToRegExp('a.b').test('a\nb')).toBe(false);
    // (?m) lets ^ and $ match at lines, but the match still spans the whole value (Matcher.matches()).
    expect(javaRegexToRegExp('(?m)^a$').test('a\nb')).toBe(false);
    expect(javaRegexToRegExp('(?ms)^a$.*').test('a\nb')).toBe(true);
    expect(parseJavaRegex('(?iu)x').flags).toEqual({ ignoreCase: true, dotAll: false, multiline: false });
  });
});
