/**
 * The emulator process's life as adb sees it: several at once, the adb server restarting, `adb
 * connect` mode, one writable instance per AVD, unknown AVDs and busy ports.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendConsoleCommand } from '../harness/android/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import {
  allocateEmulatorPort, allocatePort, createSimEnvironment, pollFor, waitForDevice, type SimEnvironment,
} from './support/index.ts';

let sim: SimEnvironment;

beforeAll(async () => {
  sim = await createSimEnvironment();
});

afterAll(async () => {
  await sim?.dispose();
});

const listed = async (serial: string): Promise<string | undefined> => {
  const devices = await sim.server.adb(['devices']);
  return devices.stdout.split('\n').find((line) => line.startsWith(`${serial}\t`))?.split('\t')[1];
};

describe('emulator processes', () => {
  it('runs four emulators at once, each its own emulator-<port>', async () => {
    const emulators = await Promise.all(
      ['stalkerbench_pixel_api33', 'stalkerbench_pixel_api33', 'stalkerbench_pixel_api29', 'stalkerbench_pixel_api29'].map((avd) =>
        sim.boot({ avd, flags: ['-no-window', '-read-only', '-no-snapshot'] }),
      ),
    );
    const answers = await Promise.all(emulators.map((emulator) => sim.server.adb(['-s', emulator.serial, 'shell', 'getprop', 'ro.build.version.sdk'])));
    expect(answers.map((answer) => answer.stdout.trim())).toEqual(['33', '33', '29', '29']);
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    for (const emulator of emulators) {
      await pollFor(`${emulator.serial} to leave the device list`, async () => ((await listed(emulator.serial)) === undefined ? true : undefined));
    }
  });

  // The real emulator announces itself (`host:emulator:<port>`) only when its guest adbd opens a
  // pipe: at boot and after each accepted connection — never on a timer (AdbGuestPipe.cpp,
  // waitForHostConnection). A restarted server misses emulators outside its 5555–5585 scan.
  it('is not found by an adb server restarted after kill-server until adbd announces it again', async () => {
    const emulator = await sim.boot({ flags: ['-no-window', '-read-only', '-no-snapshot'] });
    expect((await sim.server.adb(['kill-server'])).exitCode).toBe(0);
    expect((await sim.server.adb(['start-server'])).exitCode).toBe(0);
    const waited = await sim.server.adb(['-s', emulator.serial, 'wait-for-device'], { timeoutMs: 4_000 });
    expect(waited.exitCode).not.toBe(0);
    expect(await listed(emulator.serial)).toBeUndefined();
    // adbd restarts (its connection drops and comes back): it opens a pipe and the emulator announces it.
    await sendConsoleCommand('stalkerbench fault drop-adb 0', { port: emulator.consolePort, home: sim.home.home });
    await waitForDevice(sim.server, emulator.serial);
    expect((await sim.server.adb(['-s', emulator.serial, 'shell', 'echo', 'back'])).stdout).toBe('back\n');
    await emulator.stop();
  });

  it('is not found by an adb server that starts after the emulator (the announcement went nowhere)', async () => {
    await sim.server.adb(['kill-server']);
    const emulator = await sim.launch({ flags: ['-no-window', '-read-only', '-no-snapshot'] });
    await pollFor('the boot line', () => (emulator.output().includes('Boot completed') ? true : undefined));
    expect((await sim.server.adb(['start-server'])).exitCode).toBe(0);
    const waited = await sim.server.adb(['-s', emulator.serial, 'wait-for-device'], { timeoutMs: 4_000 });
    expect(waited.exitCode).not.toBe(0);
    await sendConsoleCommand('stalkerbench fault drop-adb 0', { port: emulator.consolePort, home: sim.home.home });
    await waitForDevice(sim.server, emulator.serial);
    await emulator.stop();
  });

  it('serves adb connect on -adb-connect-port instead of registering', async () => {
    const connectPort = await allocatePort();
    const emulator = await sim.launch({ flags: ['-no-window', '-read-only', '-no-snapshot', '-adb-connect-port', String(connectPort)] });
    await pollFor('the boot line', () => (emulator.output().includes('Boot completed') ? true : undefined));
    const serial = `127.0.0.1:${connectPort}`;
    const connected = await sim.server.adb(['connect', serial]);
    expect(connected.stdout).toMatch(/connected to 127\.0\.0\.1/);
    await waitForDevice(sim.server, serial);
    expect((await sim.server.adb(['-s', serial, 'shell', 'echo', 'over tcp'])).stdout).toBe('over tcp\n');
    expect(await listed(emulator.serial)).toBeUndefined();
    await sim.server.adb(['disconnect', serial]);
    await emulator.stop();
  });

  it('refuses a second writable instance of one AVD but allows -read-only ones', async () => {
    const first = await sim.boot({ avd: 'stalkerbench_pixel_api29', flags: ['-no-window', '-no-snapshot'] });
    const second = await sim.launch({ avd: 'stalkerbench_pixel_api29', flags: ['-no-window', '-no-snapshot'] });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/use -read-only/);
    const readOnly = await sim.boot({ avd: 'stalkerbench_pixel_api29', flags: ['-no-window', '-read-only', '-no-snapshot'] });
    expect(await listed(readOnly.serial)).toBe('device');
    await Promise.all([first.stop(), readOnly.stop()]);
  });

  it('exits 1 with a PANIC for an unknown AVD, and lists the AVDs', async () => {
    const unknown = await sim.launch({ avd: 'no_such_avd' });
    expect(await unknown.exited).toBe(1);
    expect(unknown.output()).toMatch(/PANIC: Unknown AVD name \[no_such_avd\]/);
    const list = await execa(join(sim.sdk.androidHome, 'emulator', 'emulator'), ['-list-avds'], { env: sim.env });
    expect(list.stdout.split('\n')).toEqual(['stalkerbench_pixel_api29', 'stalkerbench_pixel_api33']);
  });

  it('npm run virtual-sdk prints only two eval-able lines naming an SDK with the emulator and adb', async () => {
    const result = await execa('npm', ['run', '--silent', 'virtual-sdk'], { cwd: REPO_ROOT, env: { ...process.env, npm_config_loglevel: 'silent' } });
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const values = Object.fromEntries(lines.map((line) => {
      const match = /^(ANDROID_HOME|ANDROID_AVD_HOME)='([^']*)'$/.exec(line);
      expect(match, line).not.toBeNull();
      return [match?.[1], match?.[2]];
    }));
    expect(existsSync(join(values['ANDROID_HOME'] ?? '', 'emulator', 'emulator'))).toBe(true);
    expect(existsSync(join(values['ANDROID_HOME'] ?? '', 'platform-tools', 'adb'))).toBe(true);
    expect(existsSync(join(values['ANDROID_AVD_HOME'] ?? '', 'stalkerbench_pixel_api33.ini'))).toBe(true);
  });

  it('exits 1 when its console port is busy', async () => {
    const { consolePort } = await allocateEmulatorPort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(consolePort, '127.0.0.1', resolve));
    try {
      const emulator = await sim.launch({ port: consolePort, flags: ['-no-window', '-read-only'] });
      expect(await emulator.exited).toBe(1);
      expect(emulator.output()).toMatch(new RegExp(`ERROR +\\| cannot listen on 127\\.0\\.0\\.1:${consolePort}.*address already in use`));
    } finally {
      blocker.close();
    }
  });
});
