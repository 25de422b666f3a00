import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { inspectScreen } from './format-ui-tree.ts';
import { parseUiScreen, type UiScreen } from './page-tree.ts';
import { SelectorSuggester } from './suggest-selector.ts';

const node = (cls: string, attributes: string, children = ''): string => {
  const shown = attributes.includes('displayed=') ? '' : ' displayed="true"';
  return `<${cls} class="${cls}" package="com.x" ${attributes}${shown}${children === '' ? '/>' : `>${children}</${cls}>`}`;
};

/** Two windows: the bar (topmost) and the app, whose rows repeat ids and texts. */
const SOURCE = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">
<android.widget.FrameLayout class="android.widget.FrameLayout" package="com.android.systemui" bounds="[0,0][1080,63]" window-id="7">${node('android.widget.TextView', 'text="OK" bounds="[0,0][10,10]"')}</android.widget.FrameLayout>
<android.widget.FrameLayout class="android.widget.FrameLayout" package="com.x" bounds="[0,0][1080,2400]" window-id="9">
${node('android.widget.LinearLayout', 'resource-id="com.x:id/list" bounds="[0,0][1080,800]"', [1, 2].map((row) => node('android.widget.LinearLayout', `resource-id="com.x:id/row" bounds="[0,${row * 100}][1080,${row * 100 + 90}]"`, node('android.widget.TextView', `resource-id="com.x:id/name" text="Threat ${row}"`) + node('android.widget.TextView', `text="Remove" bounds="[900,${row * 100}][1000,${row * 100 + 50}]"`))).join(''))}
${node('android.widget.Button', 'text="OK" content-desc="Confirm" bounds="[0,900][100,1000]"')}
${node('android.widget.Button', 'text="Hidden"', '')}
${node('android.view.View', 'text="gone" displayed="false"')}
</android.widget.FrameLayout></hierarchy>`;

function suggestions(screen: UiScreen): Map<string, string> {
  const suggester = new SelectorSuggester(screen);
  return new Map(screen.elements.map((element) => {
    const { key, value } = suggester.suggest(element);
    return [`${element.className}|${element.resourceId}|${element.text}|${element.bounds}`, `${key}=${value}`];
  }));
}

describe('selector suggestions', () => {
  const screen = parseUiScreen(SOURCE);

  it('prefers a unique id, then a unique text, then a unique description, then an XPath', () => {
    const found = suggestions(screen);
    expect(found.get('android.widget.LinearLayout|com.x:id/list||[0,0][1080,800]')).toBe('id=com.x:id/list');
    expect(found.get('android.widget.TextView|com.x:id/name|Threat 1|')).toBe('text=Threat 1');
    // "OK" is shown twice (the bar too): its description is the unique handle.
    expect(found.get('android.widget.Button||OK|[0,900][100,1000]')).toBe('desc=Confirm');
    // A repeated row: by position below the list, the nearest labelled ancestor.
    expect(found.get('android.widget.LinearLayout|com.x:id/row||[0,200][1080,290]')).toBe('xpath=//android.widget.LinearLayout[@resource-id="com.x:id/list"]/android.widget.LinearLayout[2]');
    expect(found.get('android.widget.TextView||Remove|[900,100][1000,150]')).toBe('xpath=//android.widget.LinearLayout[@resource-id="com.x:id/list"]/android.widget.LinearLayout[1]/android.widget.TextView[2]');
    // A window root: by its package, which reads the same whether one window or all are searched.
    expect(found.get('android.widget.FrameLayout|||[0,0][1080,2400]')).toBe('xpath=/hierarchy/android.widget.FrameLayout[@package="com.x"]');
  });

  it('leaves out what the server marks displayed="false", as a find would', () => {
    expect(screen.elements.some((element) => element.text === 'gone')).toBe(false);
  });

  it('marks the active window by its window-id and every other window as unseen by flow steps', () => {
    const activeOnly = parseUiScreen(`<hierarchy class="hierarchy"><android.widget.FrameLayout class="android.widget.FrameLayout" package="com.x" bounds="[0,0][1080,2400]" window-id="9"/></hierarchy>`);
    const inspected = inspectScreen(screen, activeOnly);
    expect(inspected.activeWindow?.packageName).toBe('com.x');
    expect(inspected.elements.filter((entry) => !entry.inActiveWindow).map((entry) => entry.element.packageName)).toEqual(['com.android.systemui', 'com.x']);
  });

  it('refuses a page source with a DTD or that is not XML (hostile device text)', () => {
    for (const xml of ['<!DOCTYPE x [<!ENTITY a "b">]><hierarchy/>', '<hierarchy><a></hierarchy>']) {
      expect(() => parseUiScreen(xml)).toThrow(expect.toSatisfy((error) => isHarnessError(error, 'APPIUM_SESSION_FAILED')));
    }
  });
});
