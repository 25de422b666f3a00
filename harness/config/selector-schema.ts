import { z } from 'zod';
import { JavaRegexError, parseJavaRegex } from '../appium/java-regex.ts';

export const SELECTOR_KEYS = [
  'id', 'idMatches', 'text', 'textContains', 'textMatches', 'desc', 'descContains', 'descMatches', 'xpath', 'uiautomator',
] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

/** Keys that say where the element is relative to another one (`below: { text: "Spyware" }`). */
export const RELATIVE_KEYS = ['below', 'above', 'inside'] as const;

const SELECTOR_HINT = `expected a selector: a mapping with exactly one of ${SELECTOR_KEYS.join(', ')}`;
const REGEX_KEYS = new Set<SelectorKey>(['idMatches', 'textMatches', 'descMatches']);
/** `ignoreCase` goes with an exact text or description; the contains modes ignore case already. */
const IGNORE_CASE_KEYS = new Set<SelectorKey>(['text', 'desc']);

/** Keys sent as a UiSelector string argument (locate.ts), which the server reads with `\"` as its only escape. */
const UI_SELECTOR_STRING_KEYS = new Set<SelectorKey>(['idMatches', 'text', 'textContains', 'textMatches', 'descContains', 'descMatches']);

const text = z.string().min(1).optional();

/** A Java regular expression in the subset Java and JavaScript read alike (harness/appium/java-regex.ts). */
const javaRegex = z.string().min(1).superRefine((pattern, context) => {
  try {
    parseJavaRegex(pattern);
  } catch (error) {
    if (!(error instanceof JavaRegexError)) throw error;
    context.addIssue({ code: 'custom', message: `not a usable regular expression: ${error.message}` });
  }
}).optional();

const strategyShape = {
  id: z.string().regex(/^[A-Za-z][\w.]*:id\/\w+$/, 'expected a fully qualified resource id like com.vendor.app:id/scan_button').optional(),
  idMatches: javaRegex,
  text,
  textContains: text,
  textMatches: javaRegex,
  desc: text,
  descContains: text,
  descMatches: javaRegex,
  xpath: text,
  uiautomator: text,
  ignoreCase: z.boolean().optional(),
};

type StrategyFields = { [K in SelectorKey]?: string | undefined } & { ignoreCase?: boolean | undefined };

/** The one-strategy rule and where `ignoreCase` may go; shared by every selector schema. */
function checkStrategy(selector: StrategyFields, context: z.core.$RefinementCtx): void {
  const present = SELECTOR_KEYS.filter((key) => selector[key] !== undefined);
  if (present.length !== 1) {
    context.addIssue({
      code: 'custom',
      message: present.length === 0
        ? SELECTOR_HINT
        : `a selector uses exactly one strategy, found ${present.join(' and ')}; split it or use xpath`,
    });
    return;
  }
  const key = present[0]!;
  const sentAsUiSelectorString = UI_SELECTOR_STRING_KEYS.has(key) || (key === 'desc' && selector.ignoreCase === true);
  if (sentAsUiSelectorString && selector[key]!.endsWith('\\')) {
    context.addIssue({
      code: 'custom',
      path: [key],
      message: `ends with a backslash, which a UiSelector string cannot carry (the UiAutomator2 server reads its closing quote as escaped); use xpath`,
    });
  }
  if (selector.ignoreCase !== undefined && !IGNORE_CASE_KEYS.has(key)) {
    context.addIssue({
      code: 'custom',
      path: ['ignoreCase'],
      message: key === 'textContains' || key === 'descContains'
        ? `${key} already ignores case (as UiSelector.${key === 'textContains' ? 'textContains' : 'descriptionContains'} does on Android); drop ignoreCase, or use ${key === 'textContains' ? 'textMatches' : 'descMatches'} to match case`
        : REGEX_KEYS.has(key)
          ? `ignoreCase does not apply to ${key}; start the pattern with (?i) instead`
          : `ignoreCase applies to text and desc only, not to ${key}`,
    });
  }
}

function strategyObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: (issue) => (issue.code === 'invalid_type' ? SELECTOR_HINT : undefined) });
}

/**
 * A selector that is one locator on the device (no `index`, no relative keys): results mappings and
 * alert dialogs, which the harness looks up with one `findElements` or reads from a page source.
 */
export const locatorSelectorSchema = strategyObject(strategyShape).superRefine(checkStrategy);
export type LocatorSelector = z.output<typeof locatorSelectorSchema>;

const indexSchema = z.int().min(0).max(999).optional();

/** The element another is placed against: a locator selector, optionally the n-th of its matches. */
export const anchorSelectorSchema = strategyObject({ ...strategyShape, index: indexSchema }).superRefine(checkStrategy);
export type AnchorSelector = z.output<typeof anchorSelectorSchema>;

/**
 * How a UI flow finds an element, with exactly one strategy:
 * - `id`: resource id, fully qualified (`com.sentinelav.mobile:id/scan_button`); `idMatches`: a regex
 * - `text` (exact), `textContains` (part, case-insensitive), `textMatches` (Java regex, whole text)
 * - `desc`, `descContains`, `descMatches`: the same for the content description (accessibility label)
 * - `xpath`: XPath over the UiAutomator hierarchy
 * - `uiautomator`: a UiSelector expression (`new UiSelector().className("android.widget.Button")`)
 *
 * and optionally: `ignoreCase: true` (with `text` or `desc`); `index: n`, the n-th (0-based) of the
 * matches shown; `below`, `above` (nearest first) and `inside` another element. See scenarios/README.md.
 *
 * @example { id: com.sentinelav.mobile:id/scan_button }
 * @example { text: Remove, below: { text: Spyware.Mspy } }
 */
export const selectorSchema = strategyObject({
  ...strategyShape,
  index: indexSchema,
  below: anchorSelectorSchema.optional(),
  above: anchorSelectorSchema.optional(),
  inside: anchorSelectorSchema.optional(),
}).superRefine((selector, context) => {
  checkStrategy(selector, context);
  if (selector.below !== undefined && selector.above !== undefined) {
    context.addIssue({ code: 'custom', path: ['above'], message: 'use below or above, not both; to pick one between two elements, use inside with their container or index' });
  }
});

export type Selector = z.output<typeof selectorSchema>;
