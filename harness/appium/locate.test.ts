import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { parseXPathExpression, readNodeSet } from '../../simulator/uiautomator2/xpath/xpath-package.ts';
import { XPATH2_STRING_FUNCTIONS } from '../../simulator/uiautomator2/xpath/xpath2-string-functions.ts';
import { isHarnessError } from '../errors/index.ts';
import { describeSelector, toLocator, toMultiWindowLocator } from './locate.ts';

describe('toLocator', () => {
  it('maps each selector kind to the UiAutomator2 strategy', () => {
    expect(toLocator({ id: 'com.x:id/scan' })).toEqual({ using: 'id', value: 'com.x:id/scan' });
    expect(toLocator({ desc: 'Scan' })).toEqual({ using: 'accessibility id', value: 'Scan' });
    expect(toLocator({ xpath: '//android.widget.Button' })).toEqual({ using: 'xpath', value: '//android.widget.Button' });
    expect(toLocator({ text: 'Scan now' })).toEqual({ using: '-android uiautomator', value: 'new UiSelector().text("Scan now")' });
    expect(toLocator({ textContains: 'threat' })).toEqual({ using: '-android uiautomator', value: 'new UiSelector().textContains("threat")' });
  });

  it('maps the match modes to the UiSelector methods the device evaluates', () => {
    expect(toLocator({ textMatches: 'Scan( now)?' }).value).toBe('new UiSelector().textMatches("Scan( now)?")');
    expect(toLocator({ descContains: 'scan' }).value).toBe('new UiSelector().descriptionContains("scan")');
    expect(toLocator({ descMatches: '(?i)scan.*' }).value).toBe('new UiSelector().descriptionMatches("(?i)scan.*")');
    expect(toLocator({ idMatches: '.*:id/remove_\\d+' }).value).toBe('new UiSelector().resourceIdMatches(".*:id/remove_\\d+")');
  });

  it('ignores case for an exact text or description with a quoted (?iu) pattern', () => {
    expect(toLocator({ text: 'Scan (1)?', ignoreCase: true }).value).toBe('new UiSelector().textMatches("(?iu)Scan \\(1\\)\\?")');
    expect(toLocator({ desc: 'Home', ignoreCase: true }).value).toBe('new UiSelector().descriptionMatches("(?iu)Home")');
  });

  it('escapes quotes so a label cannot break the UiSelector, and sends backslashes as the server reads them (as they are)', () => {
    expect(toLocator({ text: 'say "hi" \\ bye' }).value).toBe('new UiSelector().text("say \\"hi\\" \\ bye")');
    expect(toLocator({ textMatches: 'Threat: \\w+' }).value).toBe('new UiSelector().textMatches("Threat: \\w+")');
  });

  it('refuses index and relative keys, which are not one locator', () => {
    expect(() => toLocator({ text: 'Remove', index: 1 } as never)).toThrow(expect.toSatisfy((error) => isHarnessError(error, 'CONFIG_INVALID')));
    expect(() => toMultiWindowLocator({ text: 'OK', below: { text: 'Alert' } } as never)).toThrow(/only work in flow steps/);
  });

  it('describes selectors for error messages', () => {
    expect(describeSelector({ id: 'com.x:id/scan' })).toBe('id="com.x:id/scan"');
    expect(describeSelector({ text: 'Remove', index: 2, below: { textContains: 'Spy', index: 1 } })).toBe('text="Remove" #2 below textContains="Spy" #1');
    expect(describeSelector({ desc: 'scan', ignoreCase: true, inside: { id: 'com.x:id/row' } })).toBe('desc="scan" (ignoring case) inside id="com.x:id/row"');
  });
});

describe('toMultiWindowLocator', () => {
  // The XPath is evaluated as the virtual UiAutomator2 server does (XPath 1.0 plus the XPath 2.0 string
  // functions the real server's default engine has), over a page source holding every window.
  const page = new DOMParser().parseFromString(
    '<hierarchy><node text="Scan" window-id="1" content-desc="Start scan" resource-id="com.x:id/scan_7"/>'
    + '<node text="He said &quot;don\'t&quot; install" window-id="7"/><node text="Threat found: spyware" window-id="7"/></hierarchy>',
    'text/xml',
  );
  const count = (expression: string): number =>
    readNodeSet(parseXPathExpression(expression).evaluate({ node: page as never, functions: XPATH2_STRING_FUNCTIONS }))?.length ?? -1;

  it('turns text selectors into XPath, which reaches every window (UiSelector sees the active one only)', () => {
    expect(toMultiWindowLocator({ text: 'Scan' })).toEqual({ using: 'xpath', value: '//*[@text="Scan"]' });
    expect(count(toMultiWindowLocator({ textContains: 'Threat found' }).value)).toBe(1);
    expect(toMultiWindowLocator({ id: 'com.x:id/alert' })).toEqual({ using: 'id', value: 'com.x:id/alert' });
  });

  it('keeps the device\'s match modes: contains ignores case, ignoreCase and regexes are whole-value', () => {
    expect(count(toMultiWindowLocator({ textContains: 'threat FOUND' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ text: 'scan', ignoreCase: true }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ text: 'sca', ignoreCase: true }).value)).toBe(0);
    expect(count(toMultiWindowLocator({ textMatches: 'Threat found: \\w+' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ textMatches: 'Threat' }).value)).toBe(0);
    expect(count(toMultiWindowLocator({ textMatches: '(?i)threat.*' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ descContains: 'START' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ descMatches: 'Start \\Q(scan)\\E|Start scan' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ idMatches: '.*:id/scan_\\d' }).value)).toBe(1);
  });

  it('matches text holding both kinds of quote exactly, and nothing else', () => {
    const locator = toMultiWindowLocator({ text: 'He said "don\'t" install' });
    expect(locator.value).toContain('concat(');
    expect(count(locator.value)).toBe(1);
    expect(count(toMultiWindowLocator({ textContains: '"don\'t"' }).value)).toBe(1);
    expect(count(toMultiWindowLocator({ text: 'He said "don\'t"' }).value)).toBe(0);
  });
});
