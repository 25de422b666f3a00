/**
 * XPath locators through the whole stack: WebdriverIO → real Appium 3 → appium-uiautomator2-driver → real adb →
 * the virtual emulator's UiAutomator2 server, whose XPath is the `xpath` package over the page source parsed by
 * @xmldom/xmldom. Axes, functions, positions and unions on the launcher and the system bars; what the server
 * gives for non-element results and for invalid expressions. Ports: the fixed block 5240–5243.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';
import { createSimEnvironment, startAppium, type AppiumServer, type SimEnvironment } from './support/index.ts';

const PORT_BASE = 5_240; // emulator console, its adb port, Appium, the UiAutomator2 server's systemPort
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'];
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** A session setting as a capability (the driver applies `settings[…]` capabilities with updateSettings). */
const MULTI_WINDOWS: Record<string, boolean> = { 'appium:settings[enableMultiWindows]': true };

let sim: SimEnvironment;
let appium: AppiumServer;
let driver: WebdriverIO.Browser;

beforeAll(async () => {
  sim = await createSimEnvironment();
  const emulator = await sim.boot({ port: PORT_BASE, flags: FLAGS });
  appium = await startAppium({ port: PORT_BASE + 2, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
  driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: {
      platformName: 'Android', 'appium:automationName': 'UiAutomator2', 'appium:udid': emulator.serial,
      'appium:systemPort': PORT_BASE + 3, 'appium:adbPort': sim.server.port, 'appium:newCommandTimeout': 120,
      // Every window's root, topmost first (navigation bar, status bar, launcher), so the axes can cross windows.
      ...MULTI_WINDOWS,
    },
  });
}, 180_000);

afterAll(async () => {
  await driver?.deleteSession();
  await appium?.stop();
  await sim?.dispose();
});

/** One attribute of every element the XPath finds, in the order the server returns them. */
async function read(xpath: string, attribute = 'text'): Promise<Array<string | null>> {
  const found = await driver.findElements('xpath', xpath);
  return await Promise.all(found.map((element) => driver.getElementAttribute(element[ELEMENT], attribute)));
}

/** The W3C error name a command fails with. */
async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
  return 'no error';
}

describe('XPath locators through Appium on the virtual emulator', () => {
  it('follows sibling, ancestor, preceding and following axes', async () => {
    expect(await read("//*[@text='Chrome']/following-sibling::*[1]")).toEqual(['Contacts']);
    expect(await read("//*[@text='Chrome']/preceding-sibling::*[1]")).toEqual(['Camera']);
    expect(await read("//*[@text='Chrome']/preceding-sibling::*[last()]")).toEqual(['Appium Settings']);
    expect(await read("//*[@text='Chrome']/ancestor::*[2]", 'resource-id')).toEqual(['com.android.launcher3:id/drag_layer']);
    expect(await read("//*[@content-desc='Overview']/following::android.widget.TextView[1]", 'resource-id')).toEqual(['com.android.systemui:id/clock']);
    expect(await read("//*[@resource-id='com.android.systemui:id/status_bar']/preceding::android.widget.ImageView[1]", 'content-desc')).toEqual(['Overview']);
  });

  it('filters with contains, starts-with, normalize-space, count and sum', async () => {
    expect(await read("//android.widget.TextView[starts-with(@text, 'Mess') and contains(@content-desc, 'ssag')]")).toEqual(['Messaging']);
    expect(await read("//*[normalize-space(concat('  ', @content-desc, ' ')) = 'Battery 100 percent.']", 'resource-id')).toEqual(['com.android.systemui:id/battery']);
    expect(await read('//*[count(android.widget.ImageView) = 3]', 'resource-id')).toEqual(['com.android.systemui:id/navigation_bar_frame']);
    // The eight launcher icons have indexes 0…7.
    expect(await read('//*[sum(*/@index) = 28]', 'resource-id')).toEqual(['com.android.launcher3:id/apps_list_view']);
  });

  it('selects by position, last() and unions, in document order', async () => {
    expect(await read('//androidx.recyclerview.widget.RecyclerView/*[3]')).toEqual(['Chrome']);
    expect(await read("(//*[@resource-id='com.android.launcher3:id/icon'])[last()]")).toEqual(['Settings']);
    expect(await read("//*[@resource-id='com.android.launcher3:id/icon'][position() > 6]")).toEqual(['Phone', 'Settings']);
    expect(await read("//*[@content-desc='Home'] | //*[@text='Phone']", 'content-desc')).toEqual(['Home', 'Phone']);
    const list = await driver.findElement('xpath', '//androidx.recyclerview.widget.RecyclerView');
    // Under an element, that element is the document element: `.//*` includes it, `//*` stays inside it.
    expect(await driver.findElementsFromElement(list[ELEMENT], 'xpath', './/*')).toHaveLength(9);
    expect(await driver.findElementsFromElement(list[ELEMENT], 'xpath', "//*[@content-desc='Back']")).toEqual([]);
  });

  it('sees the indentation of the parsed page source as text, as the server does', async () => {
    const withChildren = await driver.findElements('xpath', '//*[*]');
    expect(withChildren.length).toBeGreaterThan(3);
    expect(await driver.findElements('xpath', '//*[text()]')).toEqual(withChildren);
  });

  it('finds nothing for results that are not elements, and says invalid selector for bad expressions', async () => {
    for (const xpath of ['count(//*)', '//android.widget.TextView/@text', "'Chrome'"]) {
      expect(await driver.findElements('xpath', xpath), xpath).toEqual([]);
      // WebdriverIO hands a 404 `no such element` back as the value rather than throwing.
      expect(await driver.findElement('xpath', xpath), xpath).toMatchObject({ error: 'no such element' });
    }
    for (const xpath of ['//*[@text=', 'foo::bar', '//*[nosuch(@text)]']) {
      expect(await errorOf(() => driver.findElements('xpath', xpath)), xpath).toBe('invalid selector');
    }
  });
});
