/**
 * The XPath 2.0 string functions people write against UiAutomator2: the server's default engine is XPath 2.0
 * (`enforceXPath1: false`, Eclipse PsychoPath), the `xpath` package only has XPath 1.0's library. `matches`
 * uses JavaScript's RegExp, close to XML Schema regular expressions for the patterns selectors use.
 */
import type { XPathFunction, XPathValue } from './xpath-package.ts';

function readArguments(name: string, args: XPathValue[], min: number, max: number): string[] {
  if (args.length < min || args.length > max) throw new Error(`${name}() expects ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  return args.map((arg) => arg.stringValue());
}

export const XPATH2_STRING_FUNCTIONS: Record<string, XPathFunction> = {
  'ends-with': (_context, ...args) => {
    const [text = '', suffix = ''] = readArguments('ends-with', args, 2, 2);
    return text.endsWith(suffix);
  },
  'lower-case': (_context, ...args) => (readArguments('lower-case', args, 1, 1)[0] ?? '').toLowerCase(),
  'upper-case': (_context, ...args) => (readArguments('upper-case', args, 1, 1)[0] ?? '').toUpperCase(),
  matches: (_context, ...args) => {
    const [text = '', pattern = '', flags = ''] = readArguments('matches', args, 2, 3);
    // XPath's flags are s, m, i, x; RegExp has no x (free spacing), so it is dropped.
    return new RegExp(pattern, flags.replace(/[^smi]/g, '')).test(text);
  },
};
