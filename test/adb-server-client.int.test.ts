/**
 * runAdb through the adb server's socket (harness/android/adb-server-client.ts) against the real
 * adb 1.0.41 binary on the same server and the same virtual emulator: the same stdout bytes,
 * stderr, exit code and errors. The binary path is forced with ANDROID_ADB_SERVER_ADDRESS (the
 * socket client leaves that variable to the binary). Ports: 17150–17199 of this helper's block (the benches use 17000 up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAndroidEnv, type AndroidEnv } from '../harness/android/android-env.ts';
import { forgetAdbServerTransports } from '../harness/android/adb-server-client.ts';
import { watchDeviceConnection } from '../harness/android/track-device.ts';
import { observeAdbCalls, runAdb, runDeviceShell, type RunAdbOptions } from '../harness/android/run-adb.ts';
import { HarnessError } from '../harness/errors/index.ts';
import { createSimEnvironment, pollFor, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';

const PORTS = { adbServer: 17151, noServer: 17153, emulator: 17160, doomed: 17162 };
const FLAGS = ['-no-window', '-read-only', '-no-snapshot'];

let sim: SimEnvironment;
let emulator: LaunchedEmulator;
let socketEnv: AndroidEnv;
let binaryEnv: AndroidEnv;
const routes: string[] = [];
let stopObserving: () => void = () => undefined;

beforeAll(async () => {
  sim = await createSimEnvironment({ adbServerPort: PORTS.adbServer });
  emulator = await sim.boot({ port: PORTS.emulator, flags: FLAGS });
  socketEnv = resolveAndroidEnv({ env: sim.env, adbServerPort: PORTS.adbServer, home: sim.home.home });
  binaryEnv = { ...socketEnv, childEnv: { ...socketEnv.childEnv, ANDROID_ADB_SERVER_ADDRESS: '127.0.0.1' } };
  stopObserving = observeAdbCalls((call) => routes.push(call.via));
}, 120_000);

afterAll(async () => {
  stopObserving();
  await sim?.dispose();
});

/** Runs one call both ways; checks each took its route. */
async function both(serial: string | undefined, args: readonly string[], options: RunAdbOptions = {}) {
  routes.length = 0;
  const viaSocket = await runAdb(socketEnv, serial, args, { reject: false, ...options });
  const viaBinary = await runAdb(binaryEnv, serial, args, { reject: false, ...options });
  expect(routes).toEqual(['server', 'binary']);
  return { viaSocket, viaBinary };
}

async function expectSame(serial: string | undefined, args: readonly string[], options: RunAdbOptions = {}) {
  const { viaSocket, viaBinary } = await both(serial, args, options);
  expect({ stdout: viaSocket.stdout, stderr: viaSocket.stderr, exitCode: viaSocket.exitCode })
    .toEqual({ stdout: viaBinary.stdout, stderr: viaBinary.stderr, exitCode: viaBinary.exitCode });
  return viaSocket;
}

async function errorOf(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(HarnessError);
  return error as HarnessError;
}

describe('runAdb through the adb server socket, against the adb binary', () => {
  it('gives the same text output, arguments joined by spaces as `adb shell` joins them', async () => {
    expect((await expectSame(emulator.serial, ['shell', 'getprop', 'ro.build.version.sdk'])).stdout).toBe('33\n');
    expect((await expectSame(emulator.serial, ['shell', 'echo', 'a  b', 'c'])).stdout).toBe('a b c\n');
  });

  it('gives the same bytes for binary output', async () => {
    const bytes = Buffer.from(Array.from({ length: 1024 }, (_, index) => index % 256));
    const file = `${sim.home.tmp}/bytes.bin`;
    await import('node:fs/promises').then((fs) => fs.writeFile(file, bytes));
    await runAdb(socketEnv, emulator.serial, ['push', file, '/data/local/tmp/bytes.bin']);
    const result = await expectSame(emulator.serial, ['shell', 'cat', '/data/local/tmp/bytes.bin'], { binary: true });
    expect(Buffer.compare(result.stdout as unknown as Buffer, bytes)).toBe(0);
    const png = await expectSame(emulator.serial, ['shell', 'screencap', '-p'], { binary: true });
    expect((png.stdout as unknown as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('gives the same non-zero exit codes and stderr', async () => {
    expect((await expectSame(emulator.serial, ['shell', 'exit 3'])).exitCode).toBe(3);
    const missing = await expectSame(emulator.serial, ['shell', 'ls', '/no/such/dir']);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain('/no/such/dir');
    const mixed = await expectSame(emulator.serial, ['shell', 'echo out; echo err 1>&2; exit 7']);
    expect(mixed).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 7 });
  });

  it('rejects a failed command alike, with the same message shape', async () => {
    const socketError = await errorOf(runAdb(socketEnv, emulator.serial, ['shell', 'echo no 1>&2; exit 2']));
    const binaryError = await errorOf(runAdb(binaryEnv, emulator.serial, ['shell', 'echo no 1>&2; exit 2']));
    expect(socketError.code).toBe('ADB_FAILED');
    const shape = (error: HarnessError) => error.message.replace(/after \d+ ms/, 'after N ms');
    expect(shape(socketError)).toBe(shape(binaryError));
    expect(shape(socketError)).toContain(`adb -P ${PORTS.adbServer} -s ${emulator.serial} shell echo no 1>&2; exit 2 exited with 2`);
  });

  it('passes quotes to the device shell unchanged', async () => {
    expect((await expectSame(emulator.serial, ['shell', `echo 'it'\\''s' "a  \\"b\\""`])).stdout).toBe(`it's a  "b"\n`);
    routes.length = 0;
    const quoted = await runDeviceShell(socketEnv, emulator.serial, ['echo', "it's $(reboot)", '; x']);
    expect(routes).toEqual(['server']);
    expect(quoted.stdout).toBe("it's $(reboot) ; x\n");
  });

  it('gives the same large outputs', async () => {
    const seq = await expectSame(emulator.serial, ['shell', 'seq 1 100000']);
    expect(seq.stdout.length).toBeGreaterThan(500_000);
    const dumpsys = await expectSame(emulator.serial, ['shell', 'dumpsys', 'package']);
    expect(dumpsys.stdout.length).toBeGreaterThan(10_000);
  });

  it('lists devices and states as `adb devices [-l]` and `adb get-state` print them', async () => {
    expect((await expectSame(undefined, ['devices'])).stdout).toBe(`List of devices attached\n${emulator.serial}\tdevice\n\n`);
    expect((await expectSame(undefined, ['devices', '-l'])).stdout).toMatch(new RegExp(`^List of devices attached\\n${emulator.serial} +device product:`));
    expect((await expectSame(emulator.serial, ['get-state'])).stdout).toBe('device\n');
    expect((await expectSame(undefined, ['get-state'])).stdout).toBe('device\n');
  });

  it('gives the binary error for a serial the server does not know', async () => {
    const shell = await expectSame('emulator-17198', ['shell', 'echo', 'x']);
    expect(shell).toMatchObject({ exitCode: 1, stdout: '', stderr: "error: device 'emulator-17198' not found\n" });
    expect((await expectSame('emulator-17198', ['get-state'])).exitCode).toBe(1);
    expect((await errorOf(runAdb(socketEnv, 'emulator-17198', ['shell', 'echo', 'x']))).code).toBe('ADB_FAILED');
  });

  it('times out and cancels alike, with the observers told exit -1', async () => {
    const calls: Array<{ via: string; exitCode: number }> = [];
    const stop = observeAdbCalls((call) => calls.push({ via: call.via, exitCode: call.exitCode }));
    try {
      for (const env of [socketEnv, binaryEnv]) {
        expect((await errorOf(runAdb(env, emulator.serial, ['shell', 'sleep 30'], { timeoutMs: 500 }))).code).toBe('ADB_TIMEOUT');
        const controller = new AbortController();
        const call = runAdb(env, emulator.serial, ['shell', 'sleep 30'], { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        expect((await errorOf(call)).code).toBe('CANCELLED');
      }
    } finally {
      stop();
    }
    expect(calls).toEqual([
      { via: 'server', exitCode: -1 }, { via: 'server', exitCode: -1 }, { via: 'binary', exitCode: -1 }, { via: 'binary', exitCode: -1 },
    ]);
    // The device is still usable: the destroyed socket closed only its own stream.
    expect((await runAdb(socketEnv, emulator.serial, ['shell', 'echo', 'alive'])).stdout).toBe('alive\n');
  });

  // adb ≥ 30 exits 255 when the stream ends without an exit packet (read_and_dump_protocol,
  // "OpenSSH returns 255 on unexpected disconnection"); adb 29 returned 0 there. The socket client
  // gives 255 with every binary: a lost device never looks like a command that succeeded.
  it('exits 255 when the device goes away mid-call; a relaunch with the same serial is used afresh', async () => {
    const doomed = await sim.boot({ port: PORTS.doomed, flags: FLAGS });
    expect((await runAdb(socketEnv, doomed.serial, ['shell', 'echo', 'up'])).stdout).toBe('up\n');
    const watching = new AbortController();
    const watch = watchDeviceConnection(socketEnv, doomed.serial, watching.signal);
    const socketCall = runAdb(socketEnv, doomed.serial, ['shell', 'sleep 30; echo late'], { reject: false });
    const binaryCall = runAdb(binaryEnv, doomed.serial, ['shell', 'sleep 30; echo late'], { reject: false });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await doomed.stop();
    const [viaSocket, viaBinary] = await Promise.all([socketCall, binaryCall]);
    expect(viaSocket).toMatchObject({ stdout: '', stderr: '', exitCode: 255 });
    expect(viaBinary).toMatchObject({ stdout: '', stderr: '' });
    expect([0, 255]).toContain(viaBinary.exitCode);
    // `host:track-devices` through the socket saw the serial go (offline, or gone from the list).
    await pollFor('the watch to see the outage', () => (watch.outages.length > 0 ? true : undefined));
    expect(['offline', 'absent']).toContain(watch.outages[0]);
    watching.abort();
    await pollFor('the serial to leave the server', async () => ((await runAdb(socketEnv, doomed.serial, ['get-state'], { reject: false })).exitCode === 1 ? true : undefined));
    // The server keeps an emulator's serial as `offline` for a while, then forgets it: either answer, alike.
    expect((await expectSame(doomed.serial, ['shell', 'echo', 'x'])).stderr).toMatch(new RegExp(`^error: device (offline|'${doomed.serial}' not found)\n$`));
    const again = await sim.boot({ port: PORTS.doomed, flags: FLAGS });
    expect((await runAdb(socketEnv, again.serial, ['shell', 'echo', 'back'])).stdout).toBe('back\n');
    await again.stop();
  });

  it('leaves stdin input, shell options and unknown commands to the binary', async () => {
    routes.length = 0;
    await runAdb(socketEnv, emulator.serial, ['shell', 'cat'], { input: 'typed' });
    await runAdb(socketEnv, emulator.serial, ['shell', '-T', 'echo', 'x']);
    await runAdb(socketEnv, emulator.serial, ['version']);
    expect(routes).toEqual(['binary', 'binary', 'binary']);
  });

  it('falls back to the binary when no server listens, and the binary starts one', async () => {
    forgetAdbServerTransports();
    const lonely = resolveAndroidEnv({ env: sim.env, adbServerPort: PORTS.noServer, home: sim.home.home });
    routes.length = 0;
    try {
      const devices = await runAdb(lonely, undefined, ['devices']);
      expect(routes).toEqual(['binary']);
      expect(devices.stdout).toContain('List of devices attached\n');
      expect(devices.stderr).toContain('daemon started successfully');
      routes.length = 0;
      await runAdb(lonely, undefined, ['devices']);
      expect(routes).toEqual(['server']);
    } finally {
      await runAdb(lonely, undefined, ['kill-server'], { reject: false });
    }
  });
});
