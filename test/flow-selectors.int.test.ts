/**
 * Flow selectors through the whole stack: the harness's findNow and flow steps → WebdriverIO → real Appium 3 →
 * appium-uiautomator2-driver → real adb → the virtual emulator's UiAutomator2 server. Match modes (contains
 * ignoring case, Java regexes, ignoreCase), index among matches, below/above/inside, and the error that lists
 * what was on screen. Screens: the launcher (a 4×2 grid of similar icons) and Sentinel's welcome screen, whose
 * title "Welcome to Sentinel" shows twice (toolbar and headline). Ports: the fixed block 10400–10403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';
import { buildCapabilities } from '../harness/appium/index.ts';
import { findNow } from '../harness/appium/find-element.ts';
import { toMultiWindowLocator } from '../harness/appium/locate.ts';
import { flowSchema, selectorSchema } from '../harness/config/index.ts';
import { isHarnessError } from '../harness/errors/index.ts';
import type { FlowContext } from '../harness/flow/context.ts';
import { runFlow } from '../harness/flow/run-flow.ts';
import { readProduct } from '../simulator/apps/testing/ground-truth.ts';
import { createSimEnvironment, startAppium, type AppiumServer, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';

const PORT_BASE = 10_400; // emulator console (+1 its adb port), Appium, the UiAutomator2 server's systemPort
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot'];
const ICON = 'com.android.launcher3:id/icon';

let sim: SimEnvironment;
let emulator: LaunchedEmulator;
let appium: AppiumServer;
let driver: WebdriverIO.Browser;

beforeAll(async () => {
  sim = await createSimEnvironment();
  emulator = await sim.boot({ port: PORT_BASE, flags: FLAGS });
  appium = await startAppium({ port: PORT_BASE + 2, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
  driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: buildCapabilities({ udid: emulator.serial, adbPort: sim.server.port, systemPort: PORT_BASE + 3, preparedSnapshot: false }) as WebdriverIO.Capabilities,
  });
}, 180_000);

afterAll(async () => {
  await driver?.deleteSession();
  await appium?.stop();
  await sim?.dispose();
});

/** The text of the element a selector (as a profile writes it) names now, or undefined. */
async function textOf(selector: unknown): Promise<string | undefined> {
  const id = await findNow(driver, selectorSchema.parse(selector));
  return id === undefined ? undefined : await driver.getElementText(id);
}

async function rectOf(selector: unknown): Promise<{ y: number } | undefined> {
  const id = await findNow(driver, selectorSchema.parse(selector));
  return id === undefined ? undefined : await driver.getElementRect(id);
}

function flowContext(): FlowContext {
  return { driver, defaultStepTimeoutMs: 3_000, autoAcceptPermissionDialogs: false, signal: new AbortController().signal, capture: async () => undefined, values: new Map(), pollIntervalMs: 50 };
}

async function flowError(steps: unknown[]): Promise<unknown> {
  try {
    await runFlow('selectors', flowSchema.parse(steps), flowContext());
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('flow selectors on the launcher (Appium Settings, Camera, Chrome, Contacts / Files, Messaging, Phone, Settings)', () => {
  it('match modes: contains ignores case as UiSelector does, regexes match the whole text, ignoreCase for exact text', async () => {
    expect(await textOf({ textContains: 'SETTINGS' })).toBe('Appium Settings');
    expect(await textOf({ text: 'chrome', ignoreCase: true })).toBe('Chrome');
    expect(await textOf({ text: 'chrome' })).toBeUndefined();
    expect(await textOf({ textMatches: 'C.*s' })).toBe('Contacts');
    expect(await textOf({ textMatches: 'Came' })).toBeUndefined();
    expect(await textOf({ textMatches: '(?i)messag.*' })).toBe('Messaging');
    expect(await textOf({ descContains: 'phon' })).toBe('Phone');
    expect(await textOf({ descMatches: 'F\\w+s' })).toBe('Files');
    expect(await textOf({ idMatches: '.*:id/ic.n' })).toBe('Appium Settings');
  });

  it('index picks the n-th shown match (0-based); past the last there is none', async () => {
    expect(await textOf({ textContains: 'settings', index: 1 })).toBe('Settings');
    expect(await textOf({ textMatches: 'C.*', index: 2 })).toBe('Contacts');
    expect(await textOf({ id: ICON, index: 7 })).toBe('Settings');
    expect(await textOf({ id: ICON, index: 8 })).toBeUndefined();
  });

  it('below/above take the nearest element, in a grid the one straight under or over the anchor', async () => {
    expect(await textOf({ id: ICON, below: { text: 'Camera' } })).toBe('Messaging');
    expect(await textOf({ id: ICON, below: { text: 'Contacts' } })).toBe('Settings');
    expect(await textOf({ id: ICON, below: { text: 'Camera' }, index: 1 })).toBe('Files');
    expect(await textOf({ id: ICON, above: { text: 'Phone' } })).toBe('Chrome');
    expect(await textOf({ id: ICON, above: { text: 'Chrome' } })).toBeUndefined();
    // An anchor that is not on screen: nothing is below it.
    expect(await textOf({ id: ICON, below: { text: 'Nowhere' } })).toBeUndefined();
  });

  it('inside searches under the anchor element only', async () => {
    expect(await textOf({ text: 'Phone', inside: { id: 'com.android.launcher3:id/apps_list_view' } })).toBe('Phone');
    expect(await textOf({ text: 'Phone', inside: { text: 'Camera' } })).toBeUndefined();
  });

  it('multi-window lookups (alert dialogs) keep the modes through the server\'s XPath 2.0 functions', async () => {
    const found = async (selector: unknown): Promise<number> => {
      const locator = toMultiWindowLocator(selectorSchema.parse(selector));
      return (await driver.findElements(locator.using, locator.value)).length;
    };
    expect(await found({ textContains: 'SETTINGS' })).toBe(2);
    expect(await found({ text: 'PHONE', ignoreCase: true })).toBe(1);
    expect(await found({ textMatches: 'C\\w+' })).toBe(3);
  });

  it('a step whose element is missing says what was on the screen instead', async () => {
    const error = await flowError([{ waitFor: { text: 'Scan now' }, timeoutMs: 200 }]);
    expect(isHarnessError(error, 'FLOW_STEP_FAILED')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^selectors step 1 \(waitFor\): text="Scan now" was not shown within 200 ms; on screen: /);
    expect(message).toContain('text "Appium Settings" desc "Appium Settings" id "icon"');
    expect(message).toContain('text "Settings"');
  });

  it('waitForFirst and assertVisible say what was on the screen too', async () => {
    const first = await flowError([{ waitForFirst: { signIn: { text: 'Sign in' }, home: { desc: 'Home', ignoreCase: true } }, timeoutMs: 200 }]);
    expect(isHarnessError(first, 'FLOW_STEP_FAILED')).toBe(true);
    expect((first as Error).message).toMatch(/none of .* was shown within 200 ms; on screen: .*text "Camera"/);
    const assertion = await flowError([{ assertVisible: { textMatches: 'Licence (active|valid)' }, reason: 'licence expired' }]);
    expect(isHarnessError(assertion, 'FLOW_ASSERTION_FAILED')).toBe(true);
    expect((assertion as Error).message).toMatch(/licence expired .*; on screen: .*text "Chrome"/);
  });

  it('a flow taps the element a relative selector names', async () => {
    expect(await flowError([{ tap: { id: ICON, below: { text: 'Camera' } } }])).toBeUndefined();
    expect(await driver.getCurrentPackage()).toMatch(/messaging/);
    await driver.execute('mobile: pressKey', { keycode: 3 });
  });
});

describe('flow selectors on a product screen with a repeated title', () => {
  it('tells the toolbar title from the headline by index, inside and below, and taps ignoring case', async () => {
    const product = await readProduct('sentinel');
    const install = await sim.server.adb(['-s', emulator.serial, 'install', product.apk.file], { timeoutMs: 60_000 });
    expect(install.exitCode).toBe(0);
    await driver.execute('mobile: activateApp', { appId: product.package });
    expect(await flowError([{ waitFor: { text: 'Accept and continue' }, timeoutMs: 20_000 }])).toBeUndefined();
    const toolbar = await rectOf({ text: 'Welcome to Sentinel' });
    const headline = await rectOf({ text: 'Welcome to Sentinel', index: 1 });
    expect(toolbar!.y).toBeLessThan(headline!.y);
    expect(await rectOf({ text: 'Welcome to Sentinel', inside: { id: `${product.package}:id/main` } })).toEqual(headline);
    expect(await rectOf({ text: 'Welcome to Sentinel', inside: { id: `${product.package}:id/toolbar` } })).toEqual(toolbar);
    expect(await rectOf({ textContains: 'sentinel', below: { id: `${product.package}:id/welcome_shield` } })).toEqual(headline);
    expect(await textOf({ textMatches: '(?i)(accept|decline).*', above: { text: 'Decline' } })).toBe('Accept and continue');
    expect(await flowError([{ tap: { text: 'ACCEPT AND CONTINUE', ignoreCase: true } }, { waitGone: { text: 'Decline' }, timeoutMs: 10_000 }])).toBeUndefined();
  }, 120_000);
});
