/**
 * What a real phone lets a lab do while setting a sample up, through the real adb (and, for the
 * harness's setup, real Appium) against the virtual emulator: the shell user is refused a
 * non-exported service and component state changes; `adb root` restarts adbd on a debuggable
 * (Google APIs) image and is refused on a Google Play image; a sample set up through its own screen
 * ends with its service running and its icon hidden (the synthesized App-info icon stays); a
 * `via: root` step ends the Appium session, roots, and the next UI step gets a fresh session.
 * Ports 1200–1399: debuggable emulator 1200/1201, Play emulator 1210/1211, Appium 1202, systemPort 1203.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webdriverio';
import { resolveAndroidEnv, type AndroidEnv } from '../harness/android/index.ts';
import { readApkIdentity } from '../harness/apk/index.ts';
import type { FlowContext } from '../harness/appium/flow-interpreter.ts';
import { loadEmulatorProfiles, loadSampleCatalogue, type ResolvedSample } from '../harness/config/index.ts';
import { closeSession, openSession } from '../harness/round/open-session.ts';
import { runSampleSetup } from '../harness/round/sample-setup.ts';
import { SCENARIOS_DIR } from '../simulator/apps/testing/ground-truth.ts';
import { REPO_ROOT, writeVirtualSdk } from '../simulator/sdk/index.ts';
import { createSimEnvironment, DEFAULT_AVD, startAppium, type AppiumServer, type SimEnvironment } from './support/index.ts';

const PORT_BASE = 1_200;
const PLAY_PORT = 1_210;
const PLAY_AVD = 'stalkerbench_pixel_api33_play';
const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'];

let sim: SimEnvironment;
let appium: AppiumServer;
let env: AndroidEnv;
let serial: string;
let playSerial: string;
let samples: Map<string, ResolvedSample>;

/** One more AVD beside the test's own: the same device on a Google Play (user build) image. */
async function writePlayAvd(): Promise<void> {
  const [profile] = (await loadEmulatorProfiles(join(REPO_ROOT, 'emulator-configs'))).filter((entry) => entry.avd === DEFAULT_AVD);
  if (!profile) throw new Error(`no emulator profile for ${DEFAULT_AVD}`);
  await writeVirtualSdk({ avdHome: sim.sdk.avdHome, profiles: [{ ...profile, avd: PLAY_AVD, systemImage: profile.systemImage.replace(';google_apis;', ';google_apis_playstore;') }] });
  const config = join(sim.sdk.avdHome, `${PLAY_AVD}.avd`, 'config.ini');
  expect(await readFile(config, 'utf8')).toContain('tag.id=google_apis_playstore\n');
}

const adb = async (target: string, args: readonly string[]) => await sim.server.adb(['-s', target, ...args], { timeoutMs: 60_000 });
const shell = async (target: string, line: string) => await adb(target, ['shell', line]);

beforeAll(async () => {
  sim = await createSimEnvironment();
  await writePlayAvd();
  const [debuggable, play] = await Promise.all([
    sim.boot({ port: PORT_BASE, flags: FLAGS }),
    sim.boot({ avd: PLAY_AVD, port: PLAY_PORT, flags: FLAGS }),
  ]);
  serial = debuggable.serial;
  playSerial = play.serial;
  appium = await startAppium({ port: PORT_BASE + 2, home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
  env = resolveAndroidEnv({ env: { ...sim.env }, home: sim.home.home, adbServerPort: sim.server.port });
  const catalogue = await loadSampleCatalogue(join(SCENARIOS_DIR, 'samples/demo-catalogue.yaml'));
  samples = new Map(catalogue.samples.map((sample) => [sample.id, sample]));
  for (const target of [serial, playSerial]) {
    expect((await adb(target, ['install', '-g', samples.get('thetruthspy')!.file])).stdout).toContain('Success');
  }
}, 240_000);

afterAll(async () => {
  await appium?.stop();
  await sim?.dispose();
});

describe('the shell user on Android 13', () => {
  it('is refused a non-exported service (exit 255, the owner uid) and any component state change', async () => {
    const uid = (await shell(serial, 'pm list packages -U com.systemservice')).stdout.match(/uid:(\d+)/)?.[1];
    expect(uid).toBeDefined();
    const service = await shell(serial, 'am start-foreground-service -n com.systemservice/.service.SyncService; echo "exit=$?"');
    expect(service.stdout).toContain('Starting service: Intent { cmp=com.systemservice/.service.SyncService }');
    expect(service.stderr).toContain(`Error: Requires permission not exported from uid ${uid}`);
    expect(service.stdout).toContain('exit=255');
    const disable = await shell(serial, 'pm disable com.systemservice/.ui.SetupActivity');
    expect(disable.stdout + disable.stderr).toContain('java.lang.SecurityException: Shell cannot change component state for com.systemservice/com.systemservice.ui.SetupActivity to 2');
    expect((await shell(serial, 'dumpsys activity services com.systemservice')).stdout).toContain('(nothing)');
    expect((await shell(serial, 'id')).stdout).toMatch(/^uid=2000\(shell\)/);
  });

  it('becomes root with `adb root` on a Google APIs image: adbd restarts, the device comes back, root is allowed; `adb unroot` goes back', async () => {
    expect((await shell(serial, 'getprop ro.debuggable')).stdout.trim()).toBe('1');
    const root = await adb(serial, ['root']);
    expect(root.stdout).toBe('restarting adbd as root\n');
    expect((await adb(serial, ['wait-for-device'])).exitCode).toBe(0);
    expect((await shell(serial, 'id')).stdout).toMatch(/^uid=0\(root\) gid=0\(root\)/);
    expect((await adb(serial, ['root'])).stdout).toBe('adbd is already running as root\n');
    expect((await shell(serial, 'am start-foreground-service -n com.systemservice/.service.SyncService; echo "exit=$?"')).stdout).toContain('exit=0');
    expect((await shell(serial, 'dumpsys activity services com.systemservice')).stdout).toContain('com.systemservice/.service.SyncService');
    expect((await adb(serial, ['unroot'])).stdout).toBe('restarting adbd as non root\n');
    expect((await adb(serial, ['wait-for-device'])).exitCode).toBe(0);
    expect((await shell(serial, 'whoami')).stdout).toBe('shell\n');
    await shell(serial, 'am force-stop com.systemservice');
  }, 120_000);

  it('stays the shell user on a Google Play image: adbd cannot run as root in production builds', async () => {
    expect((await shell(playSerial, 'getprop ro.debuggable')).stdout.trim()).toBe('0');
    expect((await shell(playSerial, 'getprop ro.build.type')).stdout.trim()).toBe('user');
    expect((await adb(playSerial, ['root'])).stdout).toBe('adbd cannot run as root in production builds\n');
    expect((await shell(playSerial, 'id')).stdout).toMatch(/^uid=2000\(shell\)/);
    expect((await shell(playSerial, 'pm disable com.systemservice/.ui.SetupActivity')).stderr).toContain('Shell cannot change component state');
  }, 60_000);
});

describe("the harness's sample setup", () => {
  const sessions: Browser[] = [];
  let opened = 0;
  const open = async (): Promise<Browser> => {
    opened += 1;
    const driver = await openSession(appium.url, { udid: serial, adbPort: sim.server.port, systemPort: PORT_BASE + 3, preparedSnapshot: false }, new AbortController().signal);
    sessions.push(driver);
    return driver;
  };
  afterAll(async () => {
    for (const driver of sessions) await closeSession(driver);
  });

  /** Runs a sample's setup as case-protocol does: a lazily opened session, ended before adbd restarts. */
  async function setUp(sample: ResolvedSample): Promise<{ restarts: number }> {
    let context: FlowContext | undefined;
    let restarts = 0;
    await runSampleSetup({
      env, serial, sample, identity: await readApkIdentity(sample.file), signal: new AbortController().signal,
      flow: async () => {
        context ??= { driver: await open(), defaultStepTimeoutMs: 15_000, autoAcceptPermissionDialogs: true, signal: new AbortController().signal, capture: async () => undefined, values: new Map() };
        return context;
      },
      aroundAdbdRestart: async (restart) => {
        if (context !== undefined) await closeSession(context.driver);
        context = undefined;
        restarts += 1;
        await restart();
      },
    });
    return { restarts };
  }

  it('sets TheTruthSpy up through its own screens: its service runs, its icon is hidden, the synthesized icon stays', async () => {
    await shell(serial, 'pm clear com.systemservice');
    const { restarts } = await setUp(samples.get('thetruthspy')!);
    expect(restarts).toBe(0);
    expect((await shell(serial, 'dumpsys activity services com.systemservice')).stdout).toContain('com.systemservice/.service.SyncService');
    expect((await shell(serial, 'dumpsys package com.systemservice')).stdout).toContain('disabledComponents:\n        com.systemservice.ui.SetupActivity\n');
    const driver = sessions.at(-1)!;
    await driver.execute('mobile: pressKey', { keycode: 3 });
    expect(await (await driver.$('~System Service')).isExisting()).toBe(true);
  }, 180_000);

  it('runs a `via: root` step as root, ends the Appium session first, and goes back to the shell user', async () => {
    const life360 = samples.get('life360')!;
    expect((await adb(serial, ['install', '-g', life360.file])).stdout).toContain('Success');
    // A UI step after the root step needs a fresh session: the old one's forward died with the transport.
    const sample: ResolvedSample = { ...life360, setup: [...life360.setup, { action: 'home', args: true } as ResolvedSample['setup'][number]] };
    const before = opened;
    const { restarts } = await setUp(sample);
    expect(restarts).toBe(2);
    expect(opened).toBe(before + 1);
    expect((await shell(serial, 'dumpsys activity services com.life360.android.safetymapd')).stdout).toContain('.location.LocationSharingService');
    expect((await shell(serial, 'id')).stdout).toMatch(/^uid=2000\(shell\)/);
  }, 180_000);

  it('fails a shell step the manifest says Android refuses, before running anything, naming the rule', async () => {
    const thetruthspy = samples.get('thetruthspy')!;
    const sample: ResolvedSample = { ...thetruthspy, setup: [{ action: 'startService', args: { component: '.service.SyncService', via: 'shell' } }] };
    await expect(setUp(sample)).rejects.toMatchObject({
      code: 'FLOW_STEP_FAILED',
      message: expect.stringContaining('Android refuses the shell user to start the non-exported service com.systemservice/.service.SyncService (ActiveServices: not exported)'),
    });
  });

  it('on a Google Play image fails a `via: root` step with "this image does not allow adb root"', async () => {
    const life360 = samples.get('life360')!;
    expect((await adb(playSerial, ['install', '-g', life360.file])).stdout).toContain('Success');
    await expect(runSampleSetup({
      env, serial: playSerial, sample: life360, identity: await readApkIdentity(life360.file), signal: new AbortController().signal,
      flow: async () => { throw new Error('no UI step expected'); },
      aroundAdbdRestart: async (restart) => { await restart(); },
    })).rejects.toMatchObject({ code: 'FLOW_STEP_FAILED', message: expect.stringContaining('this image does not allow adb root') });
  }, 60_000);
});
