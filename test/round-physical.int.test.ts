import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { PhysicalDevices, resolveAndroidEnv } from '../harness/android/index.ts';
import { main } from '../harness/cli/main.ts';
import { isHarnessError } from '../harness/errors/index.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile } from '../harness/results/index.ts';
import { allocatePort, createSimEnvironment, type SimEnvironment } from './support/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { createRoundWorkspace, type RoundWorkspace } from './support/round-workspace.ts';

/**
 * A round on a "physical" phone: the virtual emulator attached with `adb connect` (so the harness
 * sees a non-emulator serial on the user's adb server), with no snapshot to restore.
 */
describe('stalkerbench run on a physical device (an adb-connected virtual phone)', () => {
  let sim: SimEnvironment;
  let workspace: RoundWorkspace;
  let serial = '';

  beforeAll(async () => {
    sim = await createSimEnvironment();
    const connectPort = await allocatePort();
    serial = `127.0.0.1:${connectPort}`;
    await sim.launch({ flags: ['-no-window', '-read-only', '-no-snapshot', '-adb-connect-port', String(connectPort)] });
    for (let tries = 0; tries < 100; tries += 1) {
      const connected = await sim.server.adb(['connect', serial]);
      const devices = await sim.server.adb(['devices']);
      if (/connected to/.test(connected.stdout) && devices.stdout.includes(`${serial}\tdevice`)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // cocospy sets up no device admin, so the harness can remove it over adb after every case.
    workspace = await createRoundWorkspace({
      id: 'physical', portBase: 8_400, products: ['sentinel'], samples: ['cocospy'], modes: ['on-demand', 'real-time'],
      expectedDelays: { firstStartMs: 5_000, realTimeAlertMs: 5_000 },
      round: { devices: { physical: { serials: [serial], allowSamples: true } }, concurrency: 1 },
    });
  }, 180_000);
  afterAll(async () => {
    await workspace?.remove();
    await sim?.dispose();
  });

  it('runs the cases on the phone, matches the ground truth, and leaves none of the round\'s apps installed', async () => {
    let text = '';
    const io: CliIo = {
      stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir,
      // The phone is on the user's adb server: the round uses it instead of starting its own.
      env: { ...workspace.env, ANDROID_ADB_SERVER_PORT: String(sim.server.port) },
    };
    expect(await runCommand([workspace.roundFile], io), text).toBe(0);
    const truth = await loadGroundTruth();
    const round = await readRoundFile(workspace.outputDir);
    const finals = finalOutcomes((await readResults(workspace.outputDir)).results);
    expect(finals.size).toBe(2);
    for (const planned of round.plan.cases) {
      const result = finals.get(planned.caseId);
      expect(result?.device?.serial).toBe(serial);
      expect({ status: result?.status, ...(result ? observedOutcomeOf(result) : {}) }).toEqual({ status: 'completed', ...expectedOutcomeOf(truth, planned) });
    }
    const packages = (await sim.server.adb(['-s', serial, 'shell', 'pm', 'list', 'packages'])).stdout;
    expect(packages).not.toContain('package:com.sc.cocospy.v2');
    expect(packages).not.toContain('package:com.sentinelav.mobile');
    // The user's adb server is still there: a physical round never kills it.
    expect((await sim.server.adb(['devices'])).stdout).toContain(serial);
  }, 300_000);

  it('stops using a phone it cannot clean: a sample whose device admin Android will not remove over adb', async () => {
    // mspy activates a device admin; Android refuses `dpm remove-active-admin` for an app that is not
    // test-only, and an active admin blocks the uninstall. The first case runs; then the phone
    // leaves the round instead of carrying that spyware into the next case.
    const dirty = await createRoundWorkspace({
      // The same port block as the first test: they run one after the other.
      id: 'physical-admin', portBase: 8_400, products: ['sentinel'], samples: ['mspy'], modes: ['on-demand', 'real-time'],
      expectedDelays: { firstStartMs: 5_000, realTimeAlertMs: 5_000 },
      round: { devices: { physical: { serials: [serial], allowSamples: true } }, concurrency: 1 },
    });
    try {
      let text = '';
      const io: CliIo = {
        stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: dirty.dir,
        env: { ...dirty.env, ANDROID_ADB_SERVER_PORT: String(sim.server.port) },
      };
      expect(await main(['run', dirty.roundFile], io), text).toBe(3);
      expect(text).toMatch(new RegExp(`device ${serial.replace(/\./g, '\\.')} left the round: update\\.service\\.android is still installed: its device admin cannot be removed over adb \\(SecurityException: Attempt to remove non-test admin`));
      expect(text).toMatch(/DEVICE_LOST.*no phone is left in the round/);
      expect(text).toMatch(/Settings › Security › Device admin apps/);
      const truth = await loadGroundTruth();
      const round = await readRoundFile(dirty.outputDir);
      const finals = finalOutcomes((await readResults(dirty.outputDir)).results);
      // One case finished with its true verdict; the other was not run (never a miss).
      expect(finals.size).toBe(1);
      const [done] = [...finals.values()];
      const planned = round.plan.cases.find((c) => c.caseId === done?.caseId);
      expect(planned).toBeDefined();
      expect({ status: done?.status, ...(done ? observedOutcomeOf(done) : {}) }).toEqual({ status: 'completed', ...expectedOutcomeOf(truth, planned!) });
      expect((await sim.server.adb(['-s', serial, 'shell', 'pm', 'list', 'packages'])).stdout).toContain('package:update.service.android');
    } finally {
      await dirty.remove();
    }
  }, 300_000);

  it('takes a phone that went offline out of the round, and fails the lease when none is left', async () => {
    const env = resolveAndroidEnv({
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TMPDIR: sim.home.tmp, ANDROID_HOME: sim.sdk.androidHome },
      home: sim.home.home,
      adbServerPort: sim.server.port,
    });
    const left: string[] = [];
    const phones = new PhysicalDevices({
      env, serials: [serial], cleanupPackages: [{ packageName: 'com.sc.cocospy.v2', deviceAdmins: [] }], signal: new AbortController().signal,
      onState: (phone, state, detail) => left.push(`${phone} ${state}: ${detail}`),
    });
    await phones.start();
    const lease = await phones.acquire();
    expect(lease.serial).toBe(serial);
    await phones.release(lease);
    expect((await sim.server.adb(['disconnect', serial])).exitCode).toBe(0);
    const error = await phones.acquire().then(() => undefined, (failure: unknown) => failure);
    expect(isHarnessError(error, 'DEVICE_LOST')).toBe(true);
    expect((error as Error).message).toContain(`${serial}: it is not online`);
    expect(left).toEqual([expect.stringMatching(new RegExp(`^${serial.replace(/\./g, '\\.')} dead: it is not online`))]);
    await phones.stop();
  }, 120_000);
});
