import type { Selector } from '../config/selector-schema.ts';

/** A W3C/Appium locator: the strategy and value sent in `POST /element(s)`. */
export interface Locator {
  using: 'id' | 'accessibility id' | 'xpath' | '-android uiautomator';
  value: string;
}

/** A Java string literal for a UiSelector argument. */
function javaString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Turns a flow selector into the locator UiAutomator2 understands. */
export function toLocator(selector: Selector): Locator {
  if (selector.id !== undefined) return { using: 'id', value: selector.id };
  if (selector.desc !== undefined) return { using: 'accessibility id', value: selector.desc };
  if (selector.xpath !== undefined) return { using: 'xpath', value: selector.xpath };
  if (selector.uiautomator !== undefined) return { using: '-android uiautomator', value: selector.uiautomator };
  if (selector.text !== undefined) return { using: '-android uiautomator', value: `new UiSelector().text(${javaString(selector.text)})` };
  if (selector.textContains !== undefined) {
    return { using: '-android uiautomator', value: `new UiSelector().textContains(${javaString(selector.textContains)})` };
  }
  throw new Error('selector without a strategy (the schema prevents this)');
}

/** An XPath 1.0 string literal for any text (XPath has no escapes: quotes are joined with concat()). */
export function xpathString(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

/**
 * The locator for a lookup across every window (`enableMultiWindows` on): UiSelector lookups always
 * search the active window only (androidx QueryController.getRootNode), so a text selector there
 * could never see an alert drawn over other apps; text and textContains become XPath, which the
 * server evaluates over every window's root. Id, description and XPath selectors stay as they are;
 * a raw `uiautomator` selector stays active-window only, as on a real phone.
 */
export function toMultiWindowLocator(selector: Selector): Locator {
  if (selector.text !== undefined) return { using: 'xpath', value: `//*[@text=${xpathString(selector.text)}]` };
  if (selector.textContains !== undefined) return { using: 'xpath', value: `//*[contains(@text, ${xpathString(selector.textContains)})]` };
  return toLocator(selector);
}

/** How a selector reads in an error message: `id=com.x:id/scan`, `text="Scan now"`. */
export function describeSelector(selector: Selector): string {
  for (const [key, value] of Object.entries(selector)) {
    if (value !== undefined) return `${key}=${JSON.stringify(value)}`;
  }
  return '(empty selector)';
}
