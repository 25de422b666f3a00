import type { LocatorSelector, Selector } from '../config/selector-schema.ts';
import { HarnessError } from '../errors/index.ts';
import { escapeJavaRegex, parseJavaRegex } from './java-regex.ts';

/** A W3C/Appium locator: the strategy and value sent in `POST /element(s)`. */
export interface Locator {
  using: 'id' | 'accessibility id' | 'xpath' | '-android uiautomator';
  value: string;
}

/**
 * A string argument as the server reads it (appium-uiautomator2-server UiExpressionParser.coerceArgToType:
 * the text between the quotes with `\"` turned into `"`, nothing else unescaped): quotes are escaped,
 * backslashes are sent as they are, so a pattern's `\d` reaches Pattern.compile unchanged. A value
 * ending in a backslash cannot be sent (its closing quote would read as escaped); the schema refuses it.
 */
function javaString(text: string): string {
  return `"${text.replaceAll('"', '\\"')}"`;
}

function uiSelector(method: string, argument: string): Locator {
  return { using: '-android uiautomator', value: `new UiSelector().${method}(${javaString(argument)})` };
}

/** A whole-value, case-insensitive Java pattern for a literal ((?iu): beyond ASCII too, as JavaScript's `i`). */
function ignoringCase(text: string): string {
  return `(?iu)${escapeJavaRegex(text)}`;
}

function refuseNonLocator(selector: Selector): void {
  const extra = (['index', 'below', 'above', 'inside'] as const).filter((key) => selector[key] !== undefined);
  if (extra.length > 0) {
    throw new HarnessError('CONFIG_INVALID', `${describeSelector(selector)}: ${extra.join(', ')} only work in flow steps, not in results or alert selectors`, {
      hint: 'give this selector a single strategy (id, text, desc, …) without index/below/above/inside',
    });
  }
}

/**
 * Turns a flow selector into the locator UiAutomator2 understands. The match modes are the
 * device's own (androidx UiSelector.isMatchFor): `textContains`/`descriptionContains` compare
 * lower-cased values, `textMatches`/`descriptionMatches` match the whole value with a Java regex.
 * `index` and the relative keys are not one locator (find-element.ts evaluates them).
 */
export function toLocator(selector: LocatorSelector): Locator {
  refuseNonLocator(selector);
  const ignoreCase = selector.ignoreCase === true;
  if (selector.id !== undefined) return { using: 'id', value: selector.id };
  if (selector.idMatches !== undefined) return uiSelector('resourceIdMatches', selector.idMatches);
  if (selector.desc !== undefined) return ignoreCase ? uiSelector('descriptionMatches', ignoringCase(selector.desc)) : { using: 'accessibility id', value: selector.desc };
  if (selector.descContains !== undefined) return uiSelector('descriptionContains', selector.descContains);
  if (selector.descMatches !== undefined) return uiSelector('descriptionMatches', selector.descMatches);
  if (selector.xpath !== undefined) return { using: 'xpath', value: selector.xpath };
  if (selector.uiautomator !== undefined) return { using: '-android uiautomator', value: selector.uiautomator };
  if (selector.text !== undefined) return ignoreCase ? uiSelector('textMatches', ignoringCase(selector.text)) : uiSelector('text', selector.text);
  if (selector.textContains !== undefined) return uiSelector('textContains', selector.textContains);
  if (selector.textMatches !== undefined) return uiSelector('textMatches', selector.textMatches);
  throw new Error('selector without a strategy (the schema prevents this)');
}

/** An XPath 1.0 string literal for any text (XPath has no escapes: quotes are joined with concat()). */
export function xpathString(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

/**
 * A Java pattern as XPath 2.0 `matches()` over an attribute, anchored to the whole value as
 * Matcher.matches() is. XPath's regexes are XML Schema's: the common syntax (classes, groups,
 * alternation, greedy/lazy quantifiers, \d \w \s) reads the same; `(?:…)`, lookarounds and `\b` do not exist there.
 */
function xpathMatches(attribute: string, pattern: string, dotAll: boolean): string {
  const { source, flags } = parseJavaRegex(pattern);
  const xpathFlags = `${flags.ignoreCase ? 'i' : ''}${flags.dotAll || dotAll ? 's' : ''}${flags.multiline ? 'm' : ''}`;
  return `//*[matches(@${attribute}, ${xpathString(`^(${source})$`)}, "${xpathFlags}")]`;
}

/**
 * The locator for a lookup across every window (`enableMultiWindows` on): UiSelector lookups always
 * search the active window only (androidx QueryController.getRootNode), so a text selector there
 * could never see an alert drawn over other apps; text and description modes become XPath, which
 * the server evaluates over every window's root (its default XPath 2.0 engine: `lower-case`,
 * `matches`). Contains stays case-insensitive, as UiSelector's is. Id, exact description and XPath
 * selectors stay as they are; a raw `uiautomator` selector stays active-window only, as on a real phone.
 */
export function toMultiWindowLocator(selector: LocatorSelector): Locator {
  refuseNonLocator(selector);
  const ignoreCase = selector.ignoreCase === true;
  const caseless = (attribute: string, text: string): string => `//*[lower-case(@${attribute})=lower-case(${xpathString(text)})]`;
  const containing = (attribute: string, text: string): string => `//*[contains(lower-case(@${attribute}), lower-case(${xpathString(text)}))]`;
  if (selector.text !== undefined) return { using: 'xpath', value: ignoreCase ? caseless('text', selector.text) : `//*[@text=${xpathString(selector.text)}]` };
  if (selector.textContains !== undefined) return { using: 'xpath', value: containing('text', selector.textContains) };
  if (selector.textMatches !== undefined) return { using: 'xpath', value: xpathMatches('text', selector.textMatches, true) };
  if (selector.desc !== undefined && ignoreCase) return { using: 'xpath', value: caseless('content-desc', selector.desc) };
  if (selector.descContains !== undefined) return { using: 'xpath', value: containing('content-desc', selector.descContains) };
  if (selector.descMatches !== undefined) return { using: 'xpath', value: xpathMatches('content-desc', selector.descMatches, true) };
  if (selector.idMatches !== undefined) return { using: 'xpath', value: xpathMatches('resource-id', selector.idMatches, false) };
  return toLocator(selector);
}

/**
 * How a selector reads in an error message: `id="com.x:id/scan"`, `text="Scan now" (ignoring case)`,
 * `text="Remove" below text="Spyware"`, `textContains="Threat" #2` (index 2).
 */
export function describeSelector(selector: Selector | LocatorSelector): string {
  const full = selector as Selector;
  let out = '(empty selector)';
  for (const key of ['id', 'idMatches', 'text', 'textContains', 'textMatches', 'desc', 'descContains', 'descMatches', 'xpath', 'uiautomator'] as const) {
    const value = full[key];
    if (value !== undefined) {
      out = `${key}=${JSON.stringify(value)}`;
      break;
    }
  }
  if (full.ignoreCase === true) out += ' (ignoring case)';
  if (full.index !== undefined) out += ` #${full.index}`;
  for (const relation of ['below', 'above', 'inside'] as const) {
    const anchor = full[relation];
    if (anchor !== undefined) out += ` ${relation} ${describeSelector(anchor)}`;
  }
  return out;
}
