/**
 * The whole stack on the virtual emulator: WebdriverIO → real Appium 3 → appium-uiautomator2-driver (which
 * installs its real server APKs over adb and starts them with `am instrument`) → real adb → the virtual
 * device, once as `emulator-<port>` and once through `adb connect`. Every step is a client call a harness
 * flow makes; the latencies are printed, never asserted.
 */
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';
import { readApkIdentity } from '../harness/apk/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import {
  allocatePort, createSimEnvironment, pollFor, startAppium, waitForDevice,
  type AppiumServer, type LaunchedEmulator, type SimEnvironment,
} from './support/index.ts';

const FIXTURE_APK = join(REPO_ROOT, 'scenarios', 'apks', 'clean-pocket-notes.apk');
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'];

let sim: SimEnvironment;
let appium: AppiumServer;

beforeAll(async () => {
  sim = await createSimEnvironment();
  appium = await startAppium({ port: await allocatePort(), home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
});

afterAll(async () => {
  await appium?.stop();
  await sim?.dispose();
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples.push(performance.now() - started);
  return result;
}

/** Checks PNG structure: signature, IHDR size, every chunk's CRC, and that IDAT inflates to the raw size. */
function expectValidPng(png: Buffer, width: number, height: number): void {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    if (png.toString('latin1', offset + 4, offset + 8) === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  expect(inflateSync(Buffer.concat(idat)).length).toBe((width * 3 + 1) * height);
}

/** One full session against a booted device; returns what was measured. */
async function driveSession(serial: string): Promise<Record<string, number>> {
  const systemPort = await allocatePort();
  const sessionStart = performance.now();
  const driver = await remote({
    hostname: '127.0.0.1',
    port: appium.port,
    path: '/',
    logLevel: 'error',
    connectionRetryCount: 0,
    capabilities: {
      platformName: 'Android',
      'appium:automationName': 'UiAutomator2',
      'appium:udid': serial,
      'appium:systemPort': systemPort,
      'appium:adbPort': sim.server.port,
      'appium:newCommandTimeout': 120,
    },
  });
  const sessionMs = performance.now() - sessionStart;
  const find: number[] = [];
  const click: number[] = [];
  const source: number[] = [];
  const screenshot: number[] = [];
  try {
    // Locators of every strategy, on the launcher (the active window; the system bars are windows of their own).
    for (let i = 0; i < 5; i++) await timed(find, async () => expect(await driver.$('id=com.android.launcher3:id/apps_list_view').isExisting()).toBe(true));
    expect(await driver.$('~Chrome').getText()).toBe('Chrome');
    expect(await driver.$('//android.widget.TextView[@content-desc="Contacts"]').getAttribute('resource-id')).toBe('com.android.launcher3:id/icon');
    expect(await driver.$('android=new UiSelector().className("android.widget.TextView").text("Settings")').isDisplayed()).toBe(true);
    expect((await driver.findElements('class name', 'android.widget.TextView')).length).toBeGreaterThanOrEqual(3);

    // Tap an icon: the app opens. A bare id is completed with the session's appPackage (none here, so
    // the server's own package) as on the real server, so it finds nothing; the full id does.
    await timed(click, () => driver.$('~Settings').click());
    await pollFor('Settings in front', async () => ((await driver.getCurrentPackage()) === 'com.android.settings' ? true : undefined), { budgetMs: 10_000 });
    expect(await driver.$('id=com.android.settings:id/toolbar').isExisting()).toBe(true);
    expect(await driver.$('id=toolbar').isExisting()).toBe(false);
    // The navigation bar is a window of its own: its "Back" is not searchable; the key is.
    expect(await driver.$('~Back').isExisting()).toBe(false);
    for (let i = 0; i < 4; i++) {
      await driver.back();
      await pollFor('the launcher back in front', async () => ((await driver.getCurrentPackage()) === 'com.android.launcher3' ? true : undefined), { budgetMs: 10_000 });
      await timed(click, () => driver.$('~Settings').click());
    }

    for (let i = 0; i < 5; i++) {
      const xml = await timed(source, () => driver.getPageSource());
      expect(xml).toMatch(/^<\?xml version='1\.0' encoding='UTF-8' standalone='yes' \?>\r\n<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">/);
      expect(xml).toContain('package="com.android.settings"');
    }
    for (let i = 0; i < 5; i++) {
      const png = Buffer.from(await timed(screenshot, () => driver.takeScreenshot()), 'base64');
      expectValidPng(png, 1080, 2400);
    }

    expect(await driver.execute('mobile: shell', { command: 'echo', args: ['hello'] })).toBe('hello\n');

    // App management over adb.
    const { packageName } = await readApkIdentity(FIXTURE_APK);
    await driver.installApp(FIXTURE_APK);
    expect(await driver.isAppInstalled(packageName)).toBe(true);
    await driver.activateApp(packageName);
    await pollFor(`${packageName} in front`, async () => ((await driver.getCurrentPackage()) === packageName ? true : undefined), { budgetMs: 10_000 });
    expect(await driver.terminateApp(packageName)).toBe(true);
    // The app's task was started over Settings' task (adb's launch intent has no FLAG_ACTIVITY_TASK_ON_HOME,
    // so Task.returnsToHomeRootTask is false): with it gone, the task below it, Settings, is in front again.
    await pollFor('Settings back in front', async () => ((await driver.getCurrentPackage()) === 'com.android.settings' ? true : undefined), { budgetMs: 10_000 });

    // A notification posted from the shell is in the shade.
    const text = `Scan finished ${serial}`;
    await driver.execute('mobile: shell', { command: 'cmd', args: ['notification', 'post', '-t', 'Stalkerbench', 'sbtag', `'${text}'`] });
    await driver.openNotifications();
    const row = await driver.$(`android=new UiSelector().resourceId("android:id/text").text("${text}")`);
    await row.waitForExist({ timeout: 10_000 });
    expect(await driver.$(`//*[@resource-id="android:id/text" and @text="${text}"]/../*[@resource-id="android:id/title"]`).getText()).toBe('Stalkerbench');
    await driver.back();

    const logcat = (await driver.getLogs('logcat')) as Array<{ message: string }>;
    expect(logcat.some((entry) => entry.message.includes('AppiumUiAutomator2Server'))).toBe(true);
  } finally {
    await driver.deleteSession();
  }
  return { sessionMs, findMs: median(find), clickMs: median(click), sourceMs: median(source), screenshotMs: median(screenshot) };
}

function report(mode: string, measured: Record<string, number>): void {
  const line = Object.entries(measured).map(([name, ms]) => `${name}=${ms.toFixed(1)}`).join(' ');
  process.stdout.write(`[sim-appium ${mode}] ${line}\n`);
}

describe('WebdriverIO → Appium → adb → virtual emulator', () => {
  let emulator: LaunchedEmulator;

  it('drives an emulator-<port> device with default capabilities', async () => {
    emulator = await sim.launch({ flags: FLAGS });
    // A generous budget: other test files may load the machine while this one boots.
    await waitForDevice(sim.server, emulator.serial, 90_000).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nemulator output:\n${emulator.output()}`);
    });
    const measured = await driveSession(emulator.serial);
    report('emulator', measured);
    // The driver ends the instrumentation with the session: no server process is left.
    await pollFor('the UiAutomator2 server process to end', async () => {
      const ps = await sim.server.adb(['-s', emulator.serial, 'shell', 'ps', '-A']);
      return ps.stdout.includes('io.appium.uiautomator2.server') ? undefined : true;
    }, { budgetMs: 10_000 });
  }, 180_000);

  it('drives a device attached with adb connect', async () => {
    const adbPort = await allocatePort();
    await sim.launch({ flags: [...FLAGS, '-adb-connect-port', String(adbPort)] });
    const serial = `127.0.0.1:${adbPort}`;
    await pollFor(`adb connect ${serial}`, async () => {
      const result = await sim.server.adb(['connect', serial], { timeoutMs: 5_000 });
      return /connected to/.test(result.stdout) ? true : undefined;
    }, { budgetMs: 20_000, intervalMs: 200 });
    await waitForDevice(sim.server, serial, 90_000);
    report('adb-connect', await driveSession(serial));
  }, 180_000);
});
