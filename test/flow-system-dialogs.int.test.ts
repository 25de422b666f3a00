/**
 * System dialogs during onboarding, through the real stack (WebdriverIO → Appium → UiAutomator2 → adb →
 * virtual emulator on a Google Play image): Google Play Protect holds an `adb install` behind its
 * dialog until a profile handler answers it (recorded as evidence: name, text, a capture
 * `system-dialog-<n>`); a dialog no handler answers ends the install as FLOW_STEP_FAILED naming its
 * text; "isn't responding" answered with Wait is recorded and never hides the hang. Ports 11200–11599.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webdriverio';
import { resolveAndroidEnv, runAdb, sendConsoleCommand, type AndroidEnv } from '../harness/android/index.ts';
import { HarnessError } from '../harness/errors/index.ts';
import type { SystemDialogHandlerConfig } from '../harness/config/system-dialogs-schema.ts';
import { createSystemDialogWatch, type DialogContext, type DismissedSystemDialog } from '../harness/flow/system-dialogs/dismiss-system-dialog.ts';
import { whileHandlingSystemDialogs } from '../harness/flow/system-dialogs/while-handling-system-dialogs.ts';
import { dismissSystemDialogsStep } from '../harness/flow/steps/dismiss-system-dialogs.ts';
import { runFlow } from '../harness/flow/run-flow.ts';
import type { FlowContext } from '../harness/flow/context.ts';
import { flowSchema } from '../harness/config/flow-schema.ts';
import { systemDialogsSchema } from '../harness/config/system-dialogs-schema.ts';
import { buildUnsignedApkFromFolder, createSigningKey, signApk, type SigningKey } from './support/apk-builder.ts';
import { createSimEnvironment, DEFAULT_AVD, pollFor, startAppium, type AppiumServer, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';
import { buildCapabilities } from '../harness/appium/index.ts';
import { remote } from 'webdriverio';

const NOTES = 'org.example.pocketnotes';
const FIXTURE = join(import.meta.dirname, '..', 'scenarios', 'fixtures', 'clean-pocket-notes');

let sim: SimEnvironment;
let appium: AppiumServer;
let emulator: LaunchedEmulator;
let env: AndroidEnv;
let key: SigningKey;
let driver: Browser;

/** Pocket Notes rebuilt with what Play Protect makes of it. */
async function notesApk(verdict: 'unknown' | 'harmful' | 'unsafe'): Promise<string> {
  const dir = join(sim.home.tmp, `notes-${verdict}`);
  await cp(FIXTURE, dir, { recursive: true });
  const behaviourFile = join(dir, 'assets', 'stalkerbench-behaviour.json');
  const behaviour = JSON.parse(await readFile(behaviourFile, 'utf8')) as Record<string, unknown>;
  await writeFile(behaviourFile, JSON.stringify({ ...behaviour, playProtect: verdict }));
  const unsigned = await buildUnsignedApkFromFolder(sim.home.tmp, `notes-${verdict}`, dir, (text) => text);
  return await signApk(unsigned, join(sim.home.tmp, `notes-${verdict}.apk`), key, { v1: true, v2: true, v3: false });
}

interface Recorded { context: DialogContext; captures: string[]; records: DismissedSystemDialog[] }

function dialogContext(handlers: SystemDialogHandlerConfig[]): Recorded {
  const captures: string[] = [];
  const records: DismissedSystemDialog[] = [];
  const context: DialogContext = {
    driver, signal: new AbortController().signal,
    capture: async (name) => { captures.push(name); },
    systemDialogHandlers: createSystemDialogWatch(handlers, async (dialog) => { records.push(dialog); }),
  };
  return { context, captures, records };
}

const install = (apk: string) => (signal: AbortSignal) => runAdb(env, emulator.serial, ['install', '-r', apk], { timeoutMs: 120_000, signal, reject: false });
const shell = async (command: string): Promise<string> => (await runAdb(env, emulator.serial, ['shell', command], { timeoutMs: 30_000 })).stdout;

beforeAll(async () => {
  sim = await createSimEnvironment();
  // A Google Play image: the Play Store is the package verifier.
  const config = join(sim.sdk.avdHome, `${DEFAULT_AVD}.avd`, 'config.ini');
  await writeFile(config, (await readFile(config, 'utf8')).replace('tag.id=google_apis\n', 'tag.id=google_apis_playstore\n'));
  appium = await startAppium({ port: 11_210, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
  emulator = await sim.boot({ port: 11_200, flags: ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot'] });
  env = resolveAndroidEnv({ env: { ...process.env, ...sim.env }, adbServerPort: sim.server.port, home: sim.home.home });
  key = await createSigningKey(sim.home.tmp, { name: 'notes', algorithm: 'EC', dname: 'CN=Pocket Notes' });
  await shell('settings put global stalkerbench_fast_apps 1');
  driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: buildCapabilities({ udid: emulator.serial, adbPort: sim.server.port, systemPort: 11_220, preparedSnapshot: false }),
  });
}, 180_000);

afterAll(async () => {
  await driver?.deleteSession().catch(() => undefined);
  await appium?.stop();
  await sim?.dispose();
}, 60_000);

describe('Google Play Protect during an install', () => {
  it('"Send app for security check?" is answered by the profile\'s handler and recorded as evidence', async () => {
    const { context, captures, records } = dialogContext([{ playProtect: 'dontSend' }]);
    const result = await whileHandlingSystemDialogs(context, 'installing Pocket Notes', install(await notesApk('unknown')));
    expect(result.stdout).toMatch(/^Success/m);
    expect(records).toEqual([{ index: 1, name: 'play-protect', text: expect.stringContaining('Send app for security check?') as string }]);
    expect(captures).toEqual(['system-dialog-1']);
    expect(await shell(`pm list packages ${NOTES}`)).toContain(`package:${NOTES}`);
  }, 120_000);

  it('an unhandled "Blocked by Play Protect" ends the install as a flow-error naming the dialog\'s text', async () => {
    const { context, records } = dialogContext([{ playProtect: 'dontSend' }]);
    const failure = await whileHandlingSystemDialogs(context, 'installing Pocket Notes', install(await notesApk('harmful'))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HarnessError);
    expect((failure as HarnessError).code).toBe('FLOW_STEP_FAILED');
    expect((failure as HarnessError).message).toContain('Blocked by Play Protect');
    expect(records).toEqual([]);
    // BACK refuses the blocked app, as "OK" would: the dialog goes and the package stays as it was.
    await driver.back();
    await pollFor('Play Protect dialog gone', async () => ((await shell('dumpsys window | grep mCurrentFocus')).includes('com.android.vending') ? undefined : true), { budgetMs: 10_000 });
  }, 120_000);

  it('installAnyway goes through "Unsafe app blocked" (More details, Install anyway)', async () => {
    const { context, records } = dialogContext([{ playProtect: 'installAnyway' }]);
    const result = await whileHandlingSystemDialogs(context, 'installing Pocket Notes', install(await notesApk('unsafe')));
    expect(result.stdout).toMatch(/^Success/m);
    expect(records.map((record) => [record.name, record.text.split(' / ')[0]])).toEqual([['play-protect', 'Unsafe app blocked']]);
  }, 120_000);

  it('a flow step whose element is covered answers the dialog through the profile\'s handler', async () => {
    await runAdb(env, emulator.serial, ['uninstall', NOTES], { timeoutMs: 30_000, reject: false });
    await driver.execute('mobile: pressKey', { keycode: 3 });
    const { context, captures, records } = dialogContext(systemDialogsSchema.parse([{ name: 'security-check', match: { text: 'Send app for security check?' }, tap: { text: 'Send' } }]));
    const flowContext: FlowContext = { ...context, defaultStepTimeoutMs: 30_000, autoAcceptPermissionDialogs: true, values: new Map(), pollIntervalMs: 100 };
    // The install waits behind the dialog; the launcher shows the app once it is answered.
    const installing = install(await notesApk('unknown'))(new AbortController().signal);
    await runFlow('onboarding', flowSchema.parse([{ waitFor: { text: 'Pocket Notes' } }]), flowContext);
    expect((await installing).stdout).toMatch(/^Success/m);
    expect(records).toEqual([{ index: 1, name: 'security-check', text: expect.stringContaining('Send app for security check?') as string }]);
    expect(captures).toEqual(['system-dialog-1']);
  }, 120_000);

  it('with verifier_verify_adb_installs 0 nothing is asked', async () => {
    await shell('settings put global verifier_verify_adb_installs 0');
    try {
      const { context, records } = dialogContext([]);
      const result = await whileHandlingSystemDialogs(context, 'installing Pocket Notes', install(await notesApk('harmful')));
      expect(result.stdout).toMatch(/^Success/m);
      expect(records).toEqual([]);
    } finally {
      await shell('settings put global verifier_verify_adb_installs 1');
    }
  }, 120_000);
});

describe('"isn\'t responding"', () => {
  it('answered Wait by the dismissSystemDialogs step is recorded, and the hang stays visible', async () => {
    await runAdb(env, emulator.serial, ['uninstall', NOTES], { timeoutMs: 30_000, reject: false });
    expect((await install(join(FIXTURE, '..', '..', 'apks', 'clean-pocket-notes.apk'))(new AbortController().signal)).stdout).toMatch(/^Success/m);
    await driver.execute('mobile: activateApp', { appId: NOTES });
    await sendConsoleCommand(`stalkerbench fault app-hang ${NOTES}`, { port: emulator.consolePort, home: sim.home.home });
    // Input the hung app does not take (a SHIFT key, as the harness probes): Android's dispatch timeout, then the ANR.
    await shell('input keyevent 59');
    // Lookups while the hung app is the active window fail as on a real phone (no root after 10 s): wait for the dialog.
    const anrShown = () => pollFor('the ANR dialog in front', async () => ((await shell('dumpsys window | grep mCurrentFocus')).includes('AppNotRespondingDialog') ? true : undefined), { budgetMs: 30_000 });
    await anrShown();
    const { context, captures, records } = dialogContext([{ anr: 'wait' }]);
    const step = { ...context, defaultStepTimeoutMs: 5_000, autoAcceptPermissionDialogs: false, values: new Map<string, string>(), pollIntervalMs: 100, runSteps: async () => undefined };
    await dismissSystemDialogsStep.run(step, { waitMs: 20_000, max: 1 }, 'test step 1 (dismissSystemDialogs)', { action: 'dismissSystemDialogs', args: {} });
    expect(records).toEqual([{ index: 1, name: 'anr', text: expect.stringContaining("isn't responding") as string }]);
    expect(captures).toEqual(['system-dialog-1']);
    // Android logged it, and the app is still hung: the dialog comes back.
    expect((await runAdb(env, emulator.serial, ['logcat', '-d', '-b', 'system'], { timeoutMs: 30_000 })).stdout).toContain(`ANR in ${NOTES}`);
    await anrShown();
    await dismissSystemDialogsStep.run(step, { waitMs: 20_000, max: 1 }, 'test step 2 (dismissSystemDialogs)', { action: 'dismissSystemDialogs', args: {} });
    expect(records.map((record) => record.index)).toEqual([1, 2]);
  }, 120_000);
});
