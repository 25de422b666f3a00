import { describe, expect, it } from 'vitest';
import { describeSelector, toLocator } from './locate.ts';

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
