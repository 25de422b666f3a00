/**
 * `stalkerbench inspect-ui` on a running virtual device through real adb and a real Appium server of
 * its own: the tree names each element with a selector, and each selector it gives for the active
 * window finds exactly that one element through a real lookup (the same locators flow steps use);
 * a system dialog in front makes its window the active one; the HTML page is offline, script-free and
 * escapes what the device shows; a device that is not there is bad input. Ports: 12000–12099 and the
 * tool's Appium block from STALKERBENCH_PORT_BASE=12000 (12201, 12300…).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote, type Browser } from 'webdriverio';
import { parse } from 'yaml';
import { buildCapabilities } from '../harness/appium/index.ts';
import { toLocator } from '../harness/appium/locate.ts';
import type { Selector } from '../harness/config/index.ts';
import { startAuthoringDevice, type AuthoringDevice } from './support/authoring-device.ts';
import { REPO_ROOT_DIR } from './support/cli-in-process.ts';
import { startAppium, type AppiumServer } from './support/appium.ts';
import { pollFor } from './support/poll.ts';

const SENTINEL = 'com.sentinelav.mobile';
const TRUTHSPY = 'com.systemservice';

let device: AuthoringDevice;
let appium: AppiumServer;
let driver: Browser;
let work: string;

beforeAll(async () => {
  device = await startAuthoringDevice({ adbServer: 12_090, emulator: 12_010, portBase: 12_000 });
  work = await mkdtemp(join(tmpdir(), 'sb-inspect-ui-'));
  await device.adb(['shell', 'settings put global stalkerbench_fast_apps 1']);
  await device.adb(['install', join(REPO_ROOT_DIR, 'scenarios/apks/product-sentinelav.apk')]);
  await device.adb(['install', join(REPO_ROOT_DIR, 'scenarios/apks/stalkerware-thetruthspy.apk')]);
  // The test's own session, to check the tool's selectors with real lookups.
  appium = await startAppium({ port: 12_080, home: device.home, adbPort: device.server.port });
  await newSession();
}, 180_000);

/**
 * A fresh session of the test's own: the tool's session starts the device's one UiAutomator2
 * instrumentation anew, which ends any other session's server (as it would end a round's).
 */
async function newSession(): Promise<void> {
  await driver?.deleteSession().catch(() => undefined);
  driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: buildCapabilities({ udid: device.serial, adbPort: device.server.port, systemPort: 12_081, preparedSnapshot: false }),
  });
}

async function inspectUi(argv: string[]): Promise<Awaited<ReturnType<AuthoringDevice['cli']>>> {
  const result = await device.cli(['inspect-ui', ...argv], work);
  await newSession();
  return result;
}

afterAll(async () => {
  await driver?.deleteSession().catch(() => undefined);
  await appium?.stop();
  await device?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Each `→ { key: value }` line of the tree, with the element line above it. */
function selectorLines(stdout: string): Array<{ element: string; selector: Selector; note: string; window: string }> {
  const lines = stdout.split('\n');
  const found: Array<{ element: string; selector: Selector; note: string; window: string }> = [];
  let window = '';
  for (const [index, line] of lines.entries()) {
    if (/^\*? ?window \d+/.test(line) || line.startsWith('toast ')) window = line;
    const match = /^\s+→ (\{.*\})(?:\s+\((.*)\))?$/.exec(line);
    if (match) found.push({ element: lines[index - 1]!.trim(), selector: parse(match[1]!) as Selector, note: match[2] ?? '', window });
  }
  return found;
}

async function countMatches(selector: Selector): Promise<number> {
  const locator = toLocator(selector);
  return (await driver.findElements(locator.using, locator.value)).length;
}

async function launch(component: string, expectedId: string): Promise<void> {
  await device.adb(['shell', `am start -n ${component}`]);
  await pollFor(`${expectedId} on screen`, async () => ((await driver.findElements('id', expectedId)).length > 0 ? true : undefined), { budgetMs: 20_000 });
}

describe('inspect-ui', () => {
  it('prints the screen as a tree; every selector it gives for the active window finds that element alone', async () => {
    await launch(`${SENTINEL}/.ui.HomeActivity`, `${SENTINEL}:id/eula_accept`);
    const result = await inspectUi([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^screen of ${device.serial} \\(AVD stalkerbench_pixel_api33\\): \\d+ windows?, topmost first, screen 1080×2400$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^\\* window \\d+ \\(active: flow steps search this one\\): ${SENTINEL.replaceAll('.', '\\.')}$`, 'm'));
    expect(result.stdout).toMatch(/android\.widget\.Button "Accept and continue" id=com\.sentinelav\.mobile:id\/eula_accept \[\d+,\d+\]\[\d+,\d+\] clickable\n\s+→ \{ id: com\.sentinelav\.mobile:id\/eula_accept \}\n/);

    const entries = selectorLines(result.stdout);
    const active = entries.filter((entry) => entry.window.startsWith('* '));
    expect(active.length).toBeGreaterThan(5);
    expect(new Set(active.map((entry) => Object.keys(entry.selector)[0]))).toEqual(new Set(['id', 'xpath']));
    for (const entry of active) {
      expect(await countMatches(entry.selector), `${entry.element} → ${JSON.stringify(entry.selector)}`).toBe(1);
    }
    // The selector finds the element the line describes, not another one.
    const accept = toLocator({ id: `${SENTINEL}:id/eula_accept` });
    const [button] = await driver.findElements(accept.using, accept.value);
    expect(await driver.getElementText(button!['element-6066-11e4-a52e-4f735466cecf'])).toBe('Accept and continue');
  }, 120_000);

  it('a system screen in front is the active window; the other windows (status and navigation bars) are marked as unseen by flow steps', async () => {
    const [accept] = await driver.findElements('id', `${SENTINEL}:id/eula_accept`);
    await driver.elementClick(accept!['element-6066-11e4-a52e-4f735466cecf']);
    await pollFor('the notification permission dialog', async () => ((await driver.findElements('id', 'com.android.permissioncontroller:id/permission_allow_button')).length > 0 ? true : undefined), { budgetMs: 20_000 });
    const result = await inspectUi(['--device', device.serial]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\* window \d+ \(active: flow steps search this one\): com\.google\.android\.permissioncontroller$/m);
    const entries = selectorLines(result.stdout);
    const allow = entries.find((entry) => entry.selector.id === 'com.android.permissioncontroller:id/permission_allow_button');
    expect(allow?.note).toBe('');
    expect(await countMatches(allow!.selector)).toBe(1);
    const others = entries.filter((entry) => !entry.window.startsWith('* '));
    expect(others.map((entry) => entry.selector.id)).toContain('com.android.systemui:id/back');
    for (const entry of others) expect(entry.note).toContain('not in the active window: flow steps do not see it');
    for (const entry of entries.filter((other) => other.window.startsWith('* '))) expect(await countMatches(entry.selector), entry.element).toBe(1);
    await driver.elementClick((await driver.findElements('id', 'com.android.permissioncontroller:id/permission_allow_button'))[0]!['element-6066-11e4-a52e-4f735466cecf']);
  }, 120_000);

  it('--html writes an offline, script-free page with the screenshot, where text typed on the device is escaped', async () => {
    await launch(`${TRUTHSPY}/.ui.SetupActivity`, `${TRUTHSPY}:id/account_email`);
    const hostile = '<img src=x onerror=alert(1)>\u202Etxt.exe';
    const [field] = await driver.findElements('id', `${TRUTHSPY}:id/account_email`);
    await driver.elementSendKeys(field!['element-6066-11e4-a52e-4f735466cecf'], hostile);
    const result = await inspectUi(['--avd', 'stalkerbench_pixel_api33', '--html', 'out/screen.html']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote out/screen.html\n');
    expect(result.stdout).not.toContain('\u202E');
    expect(result.stdout).toContain('"<img src=x onerror=alert(1)>\\u202etxt.exe"');
    const page = await readFile(join(work, 'out/screen.html'), 'utf8');
    // The attribute's quotes are escaped as the report escapes every value (&#39;).
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;">/);
    expect(page).toMatch(/<image href="data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+"/);
    expect(page).not.toMatch(/<script|<img src=x|\u202E/i);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain(`{ id: ${TRUTHSPY}:id/account_email }`);
  }, 120_000);

  it('a device that is not there is bad input (exit 2) naming what is attached', async () => {
    const missing = await device.cli(['inspect-ui', '--device', 'emulator-12098'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`error USAGE: no device emulator-12098 is attached to the adb server on port 12090 (attached: ${device.serial} (device))`);
    const noAvd = await device.cli(['inspect-ui', '--avd', 'no_such_avd'], work);
    expect(noAvd.code).toBe(2);
    expect(noAvd.stderr).toContain('error USAGE: no running emulator of AVD no_such_avd is attached');
    const both = await device.cli(['inspect-ui', '--device', device.serial, '--avd', 'x'], work);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('error USAGE: inspect-ui: give --device or --avd, not both');
  }, 60_000);
});
