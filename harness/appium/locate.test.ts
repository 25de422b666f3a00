import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { createRequire } from 'node:module';
import { describeSelector, toLocator, toMultiWindowLocator } from './locate.ts';

describe('toLocator', () => {
  it('maps each selector kind to the UiAutomator2 strategy', () => {
    expect(toLocator({ id: 'com.x:id/scan' })).toEqual({ using: 'id', value: 'com.x:id/scan' });
    expect(toLocator({ desc: 'Scan' })).toEqual({ using: 'accessibility id', value: 'Scan' });
    expect(toLocator({ xpath: '//android.widget.Button' })).toEqual({ using: 'xpath', value: '//android.widget.Button' });
    expect(toLocator({ text: 'Scan now' })).toEqual({ using: '-android uiautomator', value: 'new UiSelector().text("Scan now")' });
    expect(toLocator({ textContains: 'threat' })).toEqual({ using: '-android uiautomator', value: 'new UiSelector().textContains("threat")' });
  });

  it('escapes quotes and backslashes in text so a label cannot break the UiSelector', () => {
    expect(toLocator({ text: 'say "hi" \\ bye' }).value).toBe('new UiSelector().text("say \\"hi\\" \\\\ bye")');
  });

  it('describes selectors for error messages', () => {
    expect(describeSelector({ id: 'com.x:id/scan' })).toBe('id="com.x:id/scan"');
  });
});

describe('toMultiWindowLocator', () => {
  // The XPath is evaluated as the UiAutomator2 server would, over a page source holding every window.
  const page = new DOMParser().parseFromString(
    '<hierarchy><node text="Scan" window-id="1"/><node text="He said &quot;don\'t&quot; install" window-id="7"/><node text="Threat found: spyware" window-id="7"/></hierarchy>',
    'text/xml',
  );
  // Loaded untyped, as simulator/uiautomator2/xpath does: the package's types pull the DOM library into every file.
  const xpath = createRequire(import.meta.url)('xpath') as { select(expression: string, node: unknown): unknown[] };
  const count = (expression: string): number => xpath.select(expression, page).length;

  it('turns text selectors into XPath, which reaches every window (UiSelector sees the active one only)', () => {
    expect(toMultiWindowLocator({ text: 'Scan' })).toEqual({ using: 'xpath', value: '//*[@text="Scan"]' });
    expect(count(toMultiWindowLocator({ textContains: 'Threat found' }).value)).toBe(1);
    expect(toMultiWindowLocator({ id: 'com.x:id/alert' })).toEqual({ using: 'id', value: 'com.x:id/alert' });
  });

  it('matches text holding both kinds of quote exactly, and nothing else', () => {
    const locator = toMultiWindowLocator({ text: 'He said "don\'t" install' });
    expect(locator.value).toContain('concat(');
    expect(count(locator.value)).toBe(1);
    expect(count(toMultiWindowLocator({ textContains: '"don\'t"' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ text: 'He said "don\'t"' }).value)).toBe(0);
  });
});
