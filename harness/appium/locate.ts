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

/** How a selector reads in an error message: `id=com.x:id/scan`, `text="Scan now"`. */
export function describeSelector(selector: Selector): string {
  for (const [key, value] of Object.entries(selector)) {
    if (value !== undefined) return `${key}=${JSON.stringify(value)}`;
  }
  return '(empty selector)';
}
