/**
 * The device steps through the real stack (WebdriverIO → Appium → UiAutomator2 driver → adb → virtual
 * emulator) on Brightwall: pressKey enter (the password field's editor action) / appSwitch (Recents,
 * back by BACK or the card) / search (nothing on an Android 13 phone); launchApp on a running app
 * (activateApp brings the task back on the screen it was on); openLink (brightwall://privacy opens the
 * privacy advisor; a link nothing takes fails the step with a named reason); BACK out of Settings over
 * the app; `am start-activity pkg/.Cls` read as a component. Ports: the block 14400–14403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote, type Browser } from 'webdriverio';
import { buildCapabilities } from '../harness/appium/index.ts';
import { runFlow, type FlowContext } from '../harness/appium/flow-interpreter.ts';
import { flowSchema } from '../harness/config/flow-schema.ts';
import { HarnessError } from '../harness/errors/index.ts';
import { readProduct } from '../simulator/apps/testing/ground-truth.ts';
import { createSimEnvironment, startAppium, type AppiumServer, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';

const APP = 'com.brightwall.security';
const id = (name: string) => ({ id: `${APP}:id/${name}` });
const CARD = { id: 'com.android.launcher3:id/task' };

const PORT_BASE = 14_400; // emulator console (+1 its adb port), Appium, the UiAutomator2 server's systemPort
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot'];

let sim: SimEnvironment;
let emulator: LaunchedEmulator;
let appium: AppiumServer;
let driver: Browser;

const flow = (steps: unknown[]) => flowSchema.parse(steps);

function context(): FlowContext {
  return {
    driver, defaultStepTimeoutMs: 10_000, autoAcceptPermissionDialogs: false, signal: new AbortController().signal,
    capture: async () => undefined, values: new Map(), pollIntervalMs: 50, flows: {}, env: {},
  };
}

async function adb(args: readonly string[]): Promise<string> {
  const result = await sim.server.adb(['-s', emulator.serial, ...args], { timeoutMs: 60_000 });
  if (result.exitCode !== 0) throw new Error(`adb ${args.join(' ')} exited ${String(result.exitCode)}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

beforeAll(async () => {
  sim = await createSimEnvironment();
  emulator = await sim.boot({ port: PORT_BASE, flags: FLAGS });
  appium = await startAppium({ port: PORT_BASE + 2, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome, budgetMs: 120_000 });
  await adb(['shell', 'settings put global verifier_verify_adb_installs 0; settings put global stalkerbench_fast_apps 1']);
  const product = await readProduct('brightwall');
  await adb(['install', product.apk.file]);
  driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: buildCapabilities({ udid: emulator.serial, adbPort: sim.server.port, systemPort: PORT_BASE + 3, preparedSnapshot: false }) as WebdriverIO.Capabilities,
  });
}, 240_000);

afterAll(async () => {
  await driver?.deleteSession();
  await appium?.stop();
  await sim?.dispose();
});

describe('device steps on a virtual product, through Appium', () => {
  it('pressKey enter submits the focused field that has an editor action and does nothing in one without', async () => {
    await runFlow('signin', flow([
      { launchApp: APP },
      { tap: id('sign_in'), timeoutMs: 20_000 },
      { type: { into: id('email'), text: 'lab@example.org' } },
      { pressKey: 'enter' },
      { assertVisible: id('password'), reason: 'ENTER in the e-mail field (no editor action) changed the screen' },
    ]), context());
    expect(await driver.$('//android.widget.Toast').isExisting()).toBe(false);
    await runFlow('signin', flow([{ type: { into: id('password'), text: 'not-the-password' } }, { pressKey: 'enter' }]), context());
    // The password field's editor action is the Continue button's: Brightwall answers with a toast.
    expect(await driver.$('//android.widget.Toast').getText()).toBe('Check your email and password');
    await runFlow('signin', flow(['back', { tap: id('skip_sign_in') }, { waitFor: id('tour_next') }]), context());
  }, 180_000);

  it('pressKey appSwitch shows Recents with the app in the background; BACK, then a tap on its card, bring it back', async () => {
    await runFlow('recents', flow([
      { pressKey: 'appSwitch' },
      { assertNotVisible: id('tour_next'), reason: 'the app stayed in front after APP_SWITCH', timeoutMs: 5_000 },
      { assertVisible: { desc: 'Brightwall Security' }, reason: 'Recents does not list the app' },
      { pressKey: 'back' },
      { assertVisible: id('tour_next'), reason: 'BACK in Recents did not return to the app', timeoutMs: 5_000 },
      { pressKey: 'appSwitch' },
      { tap: CARD },
      { assertVisible: id('tour_next'), reason: 'the Recents card did not bring the app back', timeoutMs: 5_000 },
      { pressKey: 'search' },
      { assertVisible: id('tour_next'), reason: 'SEARCH changed the screen' },
    ]), context());
    expect(await driver.getCurrentPackage()).toBe(APP);
  }, 120_000);

  it('launchApp on a running app brings it back on the screen it was on, not a new start screen', async () => {
    await runFlow('resume', flow([
      { tap: id('tour_next') },
      { waitFor: { text: '2 of 3' } },
      { pressKey: 'home' },
      { assertNotVisible: id('tour_next'), reason: 'HOME did not leave the app', timeoutMs: 5_000 },
      { launchApp: APP },
      { assertVisible: { text: '2 of 3' }, reason: 'activateApp did not bring back the tour page the app was on', timeoutMs: 10_000 },
    ]), context());
  }, 120_000);

  it('openLink lands on the screen the link opens; a link no app takes fails the step naming it', async () => {
    await runFlow('link', flow([
      { openLink: 'brightwall://privacy' },
      { assertVisible: id('privacy_title'), reason: 'the deep link did not open the privacy advisor', timeoutMs: 10_000 },
      'back',
      { openLink: { url: 'brightwall://privacy', package: APP } },
      { assertVisible: id('privacy_title'), reason: 'the deep link (with package) did not open the privacy advisor', timeoutMs: 10_000 },
    ]), context());
    const error = await runFlow('link', flow([{ openLink: 'brightwall://nowhere' }]), context()).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('FLOW_STEP_FAILED');
    expect((error as HarnessError).message).toContain('no app on the device opens the link brightwall://nowhere');
    expect((error as HarnessError).message).toContain('unable to resolve Intent { act=android.intent.action.VIEW dat=brightwall://nowhere');
  }, 120_000);

  it('BACK out of a Settings page opened over the app returns to the app; am start-activity pkg/.Cls is a component', async () => {
    await adb(['shell', 'am', 'start', '-a', 'android.settings.APPLICATION_DETAILS_SETTINGS', '-d', `package:${APP}`]);
    await runFlow('settings', flow([
      { waitFor: { id: 'com.android.settings:id/entity_header_title' } },
      'back',
      { assertVisible: id('privacy_title'), reason: 'BACK out of App info did not return to the app', timeoutMs: 5_000 },
    ]), context());
    await adb(['shell', 'input', 'keyevent', '3']);
    const started = await adb(['shell', 'am', 'start-activity', '-W', `${APP}/.LinkActivity`]);
    expect(started).toContain(`Activity: ${APP}/.LinkActivity`);
    await runFlow('component', flow([{ assertVisible: id('privacy_title'), reason: 'start-activity pkg/.Cls did not start the activity', timeoutMs: 5_000 }]), context());
  }, 120_000);
});
