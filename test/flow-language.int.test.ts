/**
 * The flow language through the real stack (WebdriverIO → Appium → UiAutomator2 driver → adb → virtual
 * emulator), on Brightwall (a sign-in prompt on odd starts, a three-page tour, an upsell, bottom tabs):
 * waitForFirst with cases, a sub-flow with a parameter from the environment (typed, then redacted from
 * every evidence file), repeat until with its bound, if/else, assertions with reasons, keys, swipe,
 * long-press and launchApp; nested steps' timings keep their path. Ports: the fixed block 10000–10003.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote, type Browser } from 'webdriverio';
import { buildCapabilities } from '../harness/appium/index.ts';
import { runFlow, type FlowContext } from '../harness/appium/flow-interpreter.ts';
import { flowSchema } from '../harness/config/flow-schema.ts';
import { EvidenceRecorder } from '../harness/evidence/index.ts';
import { HarnessError } from '../harness/errors/index.ts';
import { readProduct } from '../simulator/apps/testing/ground-truth.ts';
import { createSimEnvironment, startAppium, type AppiumServer, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';

const APP = 'com.brightwall.security';
const id = (name: string) => ({ id: `${APP}:id/${name}` });
const LAB_USER = 'lab-account-7f3c9e@example.org';

const PORT_BASE = 10_000; // emulator console (+1 its adb port), Appium, the UiAutomator2 server's systemPort
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot'];

let sim: SimEnvironment;
let emulator: LaunchedEmulator;
let appium: AppiumServer;
let driver: Browser;
let roundDir: string;
let recorder: EvidenceRecorder;

const parse = (steps: unknown[]) => flowSchema.parse(steps);

function context(flows: Record<string, unknown[]> = {}): FlowContext {
  return {
    driver, defaultStepTimeoutMs: 10_000, autoAcceptPermissionDialogs: false, signal: new AbortController().signal,
    capture: async (name) => { await recorder.captureScreen(name, driver); },
    values: new Map(), pollIntervalMs: 50,
    flows: Object.fromEntries(Object.entries(flows).map(([name, steps]) => [name, parse(steps)])),
    env: { HFLOW_LAB_USER: LAB_USER },
  };
}

async function failure(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(HarnessError);
  return error as HarnessError;
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
  roundDir = await mkdtemp(join(tmpdir(), 'flow-language-'));
  recorder = new EvidenceRecorder(roundDir, 'brightwall-flow', 1);
}, 240_000);

afterAll(async () => {
  await driver?.deleteSession();
  await appium?.stop();
  await sim?.dispose();
});

describe('the flow language on a virtual product, through Appium', () => {
  it('onboards through the first-start sign-in prompt: waitForFirst, a sub-flow with a secret, repeat until, if', async () => {
    await driver.execute('mobile: activateApp', { appId: APP });
    const flows = {
      signIn: [
        { tap: id('sign_in') },
        { type: { into: id('email'), text: '${user}' } },
        { capture: 'signin-form' },
        'back',
        { tap: id('skip_sign_in') },
      ],
    };
    const onboarding = parse([
      { waitForFirst: { signIn: id('skip_sign_in'), tour: id('tour_next') }, timeoutMs: 20_000, cases: { signIn: [{ run: { flow: 'signIn', params: { user: '${env:HFLOW_LAB_USER}' } } }] } },
      { repeat: { until: { notVisible: id('tour_next') }, times: 5, steps: [{ tap: id('tour_next') }] } },
      'acceptPermissionDialogs',
      { if: { visible: { text: 'Go Premium' }, timeoutMs: 5_000 }, then: [{ capture: 'upsell' }, { tap: { desc: 'Close' } }], else: [{ capture: 'no-upsell' }] },
      { assertVisible: id('status_text'), reason: 'protection is not on after onboarding', timeoutMs: 10_000 },
    ]);
    const timings = await runFlow('onboarding', onboarding, context(flows));

    // The sign-in branch ran (first start), through the sub-flow, and its nested steps keep their path.
    expect(timings).toContainEqual(expect.objectContaining({ action: 'type', path: 'onboarding step 1.signIn.1.signIn.2' }));
    expect(timings.filter((timing) => timing.action === 'tap' && timing.path?.includes('.repeat ')).length).toBe(3);
    const captured = recorder.items().map((item) => item.step);
    expect(captured).toEqual(expect.arrayContaining(['signin-form', 'upsell']));
    expect(captured).not.toContain('no-upsell');

    // The typed secret is in no evidence file; the UI dump of the form shows it redacted.
    const files = await readdir(roundDir, { recursive: true });
    let redacted = false;
    for (const file of files.filter((name) => name.endsWith('.xml') || name.endsWith('.txt'))) {
      const text = await readFile(join(roundDir, file), 'utf8');
      expect(text).not.toContain(LAB_USER);
      if (file.includes('signin-form') && text.includes('•••')) redacted = true;
    }
    expect(redacted).toBe(true);
  }, 180_000);

  it('fails an assertion with its reason, and a repeat beyond its bound with a named reason', async () => {
    const expired = await failure(runFlow('scan', parse([{ assertNotVisible: id('status_text'), reason: 'licence expired' }]), context()));
    expect(expired.code).toBe('FLOW_ASSERTION_FAILED');
    expect(expired.message).toContain('licence expired');
    expect(expired.message).toContain('scan step 1 (assertNotVisible)');

    const stuck = await failure(runFlow('scan', parse([{ repeat: { while: { visible: id('status_text') }, times: 2, steps: [{ wait: { ms: 10 } }] } }]), context()));
    expect(stuck.code).toBe('FLOW_STEP_FAILED');
    expect(stuck.message).toMatch(/\[repeat-bound\] still visible .* after 2 rounds/);

    // A condition that does not hold with no timeout looks once and takes the else branch.
    const timings = await runFlow('scan', parse([{ if: { visible: { text: 'Go Premium' } }, then: [{ capture: 'wrong-branch' }], else: [{ tap: { desc: 'Scan' } }] }, { waitFor: id('start_scan') }]), context());
    expect(timings.map((timing) => timing.path ?? `${timing.flow} step ${timing.index + 1}`)).toEqual(['scan step 1.else.1', 'scan step 1', 'scan step 2']);
  }, 120_000);

  it('presses keys, swipes, long-presses and brings the app back with launchApp', async () => {
    await runFlow('keys', parse([
      { tap: { desc: 'Home' } },
      { waitFor: id('status_text') },
      { longPress: id('status_text') },
      { swipe: 'up' },
      { swipe: { from: [50, 40], to: [50, 60] } },
      { pressKey: 'home' },
      { assertNotVisible: id('status_text'), reason: 'HOME did not leave the app', timeoutMs: 5_000 },
      { launchApp: APP },
      { assertVisible: id('status_text'), reason: 'launchApp did not bring the app back', timeoutMs: 10_000 },
      { pressKey: 'home' },
      { assertNotVisible: id('status_text'), reason: 'HOME did not leave the app', timeoutMs: 5_000 },
      { launchApp: { package: APP, activity: '.MainActivity' } },
      { assertVisible: id('status_text'), reason: 'the activity did not start', timeoutMs: 10_000 },
    ]), context());
  }, 120_000);
});
