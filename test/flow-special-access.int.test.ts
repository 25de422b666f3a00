/**
 * grantSpecialAccess through the real stack: real adb, real Appium 3 + UiAutomator2 driver, the
 * virtual emulator's Android 13 Settings pages. Each special access is granted once through Settings
 * (as a person: intent action, the app, switch, confirm) and once with the adb fallback, and every
 * time the device state is read back with adb (`appops get`, `settings get secure`, `dumpsys
 * device_policy`, `cmd deviceidle whitelist`, `dumpsys package`). A sample installed from a file
 * through the package installer meets Android 13's restricted settings: refused (flow-error
 * restricted-setting) until App info → ⋮ → "Allow restricted settings". The step runs through the
 * flow interpreter too, and one round sets TheTruthSpy's stand-in up `setupVia: settings`, sideloaded.
 * Port block 10800–11199 (emulator 10800/10801, Appium 10802, systemPort 10803; the round 10900).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webdriverio';
import { resolveAndroidEnv, runDeviceShell, type AndroidEnv } from '../harness/android/index.ts';
import { readApkIdentity } from '../harness/apk/index.ts';
import { runFlow, type FlowContext } from '../harness/appium/flow-interpreter.ts';
import type { FlowStep, ResolvedSample } from '../harness/config/index.ts';
import { grantSpecialAccess, SPECIAL_ACCESSES, type GrantRuntime, type SpecialAccessName } from '../harness/flow/special-access/index.ts';
import { closeSession, openSession } from '../harness/round/open-session.ts';
import { sideloadSample } from '../harness/round/sample-settings-setup.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createSimEnvironment, startAppium, type AppiumServer, type SimEnvironment } from './support/index.ts';
import { createRoundHome, runOneSampleRound, THETRUTHSPY_SETUP, type RoundHome } from './support/one-sample-round.ts';
import { buildSpecialAccessApk, SPECIAL_PACKAGE } from './support/special-access-apk.ts';

const PORT_BASE = 10_800;
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'];
const PKG = SPECIAL_PACKAGE;

let sim: SimEnvironment;
let appium: AppiumServer;
let env: AndroidEnv;
let serial: string;
let dir: string;
let apkPath: string;
let driver: Browser;
const captures: string[] = [];

const adb = async (args: readonly string[]) => await sim.server.adb(['-s', serial, ...args], { timeoutMs: 60_000 });
const sh = async (...argv: string[]): Promise<string> => {
  const result = await runDeviceShell(env, serial, argv, { reject: false, timeoutMs: 30_000 });
  return `${result.stdout}${result.stderr}`;
};

function runtime(): GrantRuntime {
  return {
    driver, signal: new AbortController().signal, timeoutMs: 10_000,
    shell: async (argv) => {
      const result = await runDeviceShell(env, serial, argv, { reject: false, timeoutMs: 30_000 });
      return { output: `${result.stdout}${result.stderr}`, ok: result.exitCode === 0 };
    },
    capture: async (name) => { captures.push(name); },
  };
}

/** What adb says about each access of the app: the line a lab would check by hand. */
async function stateOf(access: SpecialAccessName): Promise<string> {
  switch (access) {
    case 'allFiles': return sh('appops', 'get', PKG, 'MANAGE_EXTERNAL_STORAGE');
    case 'usage': return sh('appops', 'get', PKG, 'GET_USAGE_STATS');
    case 'overlay': return sh('appops', 'get', PKG, 'SYSTEM_ALERT_WINDOW');
    case 'accessibility': return sh('settings', 'get', 'secure', 'enabled_accessibility_services');
    case 'notificationListener': return sh('settings', 'get', 'secure', 'enabled_notification_listeners');
    case 'deviceAdmin': return sh('dumpsys', 'device_policy');
    case 'batteryOptimization': return sh('dumpsys', 'deviceidle', 'whitelist');
    case 'postNotifications': return (await sh('dumpsys', 'package', PKG)).split('\n').filter((line) => line.includes('POST_NOTIFICATIONS')).join('\n');
  }
}

const GRANTED: Readonly<Record<SpecialAccessName, RegExp>> = {
  allFiles: /^MANAGE_EXTERNAL_STORAGE: allow;/m,
  usage: /^GET_USAGE_STATS: allow;/m,
  overlay: /^SYSTEM_ALERT_WINDOW: allow;/m,
  accessibility: new RegExp(`(^|:)${PKG}/${PKG}\\.Access(:|\\s*$)`),
  notificationListener: new RegExp(`(^|:)${PKG}/${PKG}\\.Listener(:|\\s*$)`),
  deviceAdmin: new RegExp(`^\\s+${PKG}/\\.Admin:$`, 'm'),
  batteryOptimization: new RegExp(`^user,${PKG},\\d+$`, 'm'),
  postNotifications: /android\.permission\.POST_NOTIFICATIONS: granted=true/,
};

async function reinstall(): Promise<void> {
  // An active admin blocks the uninstall, and the shell may not remove a non-test admin: deactivate it
  // on its activation screen, as a person does.
  if (GRANTED.deviceAdmin.test(await stateOf('deviceAdmin'))) {
    await sh('am', 'start', '-a', 'android.app.action.ADD_DEVICE_ADMIN', '--ecn', 'android.app.extra.DEVICE_ADMIN', `${PKG}/.Admin`);
    await (await driver.$('android=new UiSelector().text("Deactivate this device admin app")')).click();
    expect(await stateOf('deviceAdmin')).not.toMatch(GRANTED.deviceAdmin);
  }
  if ((await sh('pm', 'path', PKG)).includes('package:')) expect((await adb(['uninstall', PKG])).stdout).toContain('Success');
  await sh('settings', 'put', 'secure', 'enabled_accessibility_services', '');
  await sh('settings', 'put', 'secure', 'enabled_notification_listeners', '');
  expect((await adb(['install', apkPath])).stdout).toContain('Success');
  expect(await sh('appops', 'get', PKG)).toBe('No operations.\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-special-'));
  sim = await createSimEnvironment();
  const [emulator, apk] = await Promise.all([sim.boot({ port: PORT_BASE, flags: FLAGS }), buildSpecialAccessApk(dir)]);
  serial = emulator.serial;
  apkPath = apk;
  appium = await startAppium({ port: PORT_BASE + 2, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
  env = resolveAndroidEnv({ env: { ...sim.env }, home: sim.home.home, adbServerPort: sim.server.port });
  driver = await openSession(appium.url, { udid: serial, adbPort: sim.server.port, systemPort: PORT_BASE + 3, preparedSnapshot: false }, new AbortController().signal);
}, 300_000);

afterAll(async () => {
  if (driver !== undefined) await closeSession(driver);
  await appium?.stop();
  await sim?.dispose();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('grantSpecialAccess on the virtual Android 13 phone', () => {
  it('grants every access through Settings, as a person does, and adb reads it back', async () => {
    await reinstall();
    for (const access of SPECIAL_ACCESSES) {
      expect(await stateOf(access), `${access} before`).not.toMatch(GRANTED[access]);
      await grantSpecialAccess(runtime(), { access, package: PKG, via: 'settings', allowRestrictedSettings: true }, `settings ${access}`);
      expect(await stateOf(access), access).toMatch(GRANTED[access]);
    }
    expect(captures).toEqual([]);
  }, 300_000);

  it('grants every access with the adb fallback the profile names, and adb reads it back', async () => {
    await reinstall();
    for (const access of SPECIAL_ACCESSES) {
      expect(await stateOf(access), `${access} before`).not.toMatch(GRANTED[access]);
      await grantSpecialAccess(runtime(), { access, package: PKG, via: 'adb', allowRestrictedSettings: true }, `adb ${access}`);
      expect(await stateOf(access), access).toMatch(GRANTED[access]);
    }
  }, 180_000);

  it('refuses accessibility to an app installed from a file (restricted setting) until App info allows restricted settings', async () => {
    await reinstall();
    const identity = await readApkIdentity(apkPath);
    const sample = { id: 'special', file: apkPath, package: PKG, setup: [], label: undefined } as unknown as ResolvedSample;
    const flow = { driver, defaultStepTimeoutMs: 10_000, autoAcceptPermissionDialogs: false, signal: new AbortController().signal, capture: async () => undefined, values: new Map() } as FlowContext;
    await sideloadSample({ env, serial, sample, identity, flow: async () => flow, signal: new AbortController().signal });
    expect(await sh('appops', 'get', PKG, 'ACCESS_RESTRICTED_SETTINGS')).toMatch(/^ACCESS_RESTRICTED_SETTINGS: deny;/);
    expect(await sh('dumpsys', 'package', PKG)).toMatch(/installerPackageName=com\.(google\.)?android\.packageinstaller/);

    captures.length = 0;
    await expect(grantSpecialAccess(runtime(), { access: 'accessibility', package: PKG, via: 'settings', allowRestrictedSettings: false }, 'restricted accessibility'))
      .rejects.toMatchObject({ code: 'FLOW_STEP_FAILED', message: expect.stringContaining('[restricted-setting]') });
    expect(captures).toContain('grant-accessibility-failed');
    expect(await stateOf('accessibility')).not.toMatch(GRANTED.accessibility);
    // The dialog was seen: the op moved from deny to ignore, which shows App info's ⋮ item.
    expect(await sh('appops', 'get', PKG, 'ACCESS_RESTRICTED_SETTINGS')).toMatch(/^ACCESS_RESTRICTED_SETTINGS: ignore;/);

    await grantSpecialAccess(runtime(), { access: 'notificationListener', package: PKG, via: 'settings', allowRestrictedSettings: true }, 'allowed listener');
    expect(await sh('appops', 'get', PKG, 'ACCESS_RESTRICTED_SETTINGS')).toMatch(/^ACCESS_RESTRICTED_SETTINGS: allow;/);
    expect(await stateOf('notificationListener')).toMatch(GRANTED.notificationListener);
    await grantSpecialAccess(runtime(), { access: 'accessibility', package: PKG, via: 'settings', allowRestrictedSettings: false }, 'accessibility after allow');
    expect(await stateOf('accessibility')).toMatch(GRANTED.accessibility);
  }, 240_000);

  it('runs as a flow step: the package defaults to the app in front', async () => {
    await reinstall();
    expect(await sh('am', 'start', '-W', '-n', `${PKG}/.Main`)).toContain('Status: ok');
    const context: FlowContext = { driver, defaultStepTimeoutMs: 10_000, autoAcceptPermissionDialogs: false, signal: new AbortController().signal, capture: async () => undefined, values: new Map() };
    const steps = [{ action: 'grantSpecialAccess', args: { access: 'usage', via: 'settings', allowRestrictedSettings: true } }] as unknown as FlowStep[];
    await runFlow('onboarding', steps, context);
    expect(await stateOf('usage')).toMatch(GRANTED.usage);
    expect(await driver.getCurrentPackage()).toBe(PKG);
  }, 120_000);
});

describe('a sample set up the abuser\'s way in a round', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(10_900); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('sideloads TheTruthSpy\'s stand-in and switches its accessibility service on through Settings, lifting restricted settings', async () => {
    const { text, output, outcomes } = await runOneSampleRound(roundHome, {
      id: 'settings-setup', title: 'A sample set up through Settings', products: [join(REPO_ROOT, 'scenarios/products/sentinel.yaml')], modes: ['on-demand'],
      sampleLines: [
        '    install: sideload',
        '    setupVia: settings',
        '    setup:',
        ...THETRUTHSPY_SETUP,
        '      - enableAccessibilityService: .service.SystemAccessibilityService',
      ],
    });
    const [result] = [...outcomes.values()];
    expect(result, text).toBeDefined();
    expect({ status: result!.status, error: result!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
    const restricted = result!.evidence.filter((item) => item.path.includes('grant-accessibility-restricted'));
    expect(restricted.length, JSON.stringify(result!.evidence.map((item) => item.path))).toBeGreaterThan(0);
    const dumps = await Promise.all(restricted.filter((item) => item.kind === 'ui-dump').map(async (item) => readFile(join(output, item.path), 'utf8')));
    expect(dumps.some((xml) => xml.includes('For your security, this setting is currently unavailable.'))).toBe(true);
  }, 600_000);
});
