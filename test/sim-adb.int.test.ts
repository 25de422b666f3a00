/**
 * The adb transport and services, through the real adb client and server, against an in-process
 * virtual emulator serving the transport test device (test/support/test-device.ts), so that these
 * tests exercise the protocol alone. The Android model end to end is in sim-adb-device.int.test.ts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualEmulator, type RunningVirtualEmulator } from '../simulator/emulator.ts';
import {
  TEST_PROFILE, TestDevice, allocateEmulatorPort, allocatePort, allocatePorts, createTestHome, openDeviceService,
  pollFor, readToEnd, startAdbServer, stopAdbServer, waitForDevice, type AdbServer, type TestHome,
} from './support/index.ts';

let home: TestHome;
let server: AdbServer;
let emulator: RunningVirtualEmulator;
let device: TestDevice;
let serial: string;
let scratch: string;

beforeAll(async () => {
  home = await createTestHome();
  scratch = await mkdtemp(join(tmpdir(), 'sb-adb-files-'));
  server = await startAdbServer({ port: await allocatePort(), home });
  const { consolePort } = await allocateEmulatorPort();
  serial = `emulator-${consolePort}`;
  device = new TestDevice(TEST_PROFILE, serial);
  emulator = await startVirtualEmulator({
    device, avdName: TEST_PROFILE.avdName, avdDir: home.avdHome, consolePort, adbServerPort: server.port, home: home.home,
  });
  await waitForDevice(server, serial);
});

afterAll(async () => {
  await emulator?.stop();
  await stopAdbServer(server);
  await home?.remove();
  await rm(scratch, { recursive: true, force: true });
});

const adb = (...args: string[]) => server.adb(['-s', serial, ...args]);

describe('shell', () => {
  it('runs a command over shell v2 and returns its stdout', async () => {
    const result = await adb('shell', 'echo', 'hello', 'world');
    expect(result).toMatchObject({ exitCode: 0, stdout: 'hello world\n', stderr: '' });
  });

  it('passes the exit code and keeps stderr apart', async () => {
    expect((await adb('shell', 'exit', '42')).exitCode).toBe(42);
    const result = await adb('shell', 'echoerr', 'oops');
    expect(result).toMatchObject({ exitCode: 0, stdout: '', stderr: 'oops\n' });
    expect((await adb('shell', 'nosuchcommand')).exitCode).toBe(127);
  });

  it('serves many shell commands at once', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => adb('shell', 'echo', `parallel-${index}`)));
    expect(results.map((result) => result.stdout)).toEqual(Array.from({ length: 16 }, (_, index) => `parallel-${index}\n`));
  });

  it('feeds stdin and closes it', async () => {
    const input = 'line one\nline two\n'.repeat(5_000);
    const result = await server.adb(['-s', serial, 'shell', 'cat'], { input });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(input);
  });

  it('runs command lines read from stdin when adb shell gets no command', async () => {
    const result = await server.adb(['-s', serial, 'shell'], { input: 'echo first\necho second\nexit 5\necho never\n' });
    expect(result).toMatchObject({ exitCode: 5, stdout: 'first\nsecond\n' });
  });

  it('serves the raw shell without exit codes (shell:) and exec:', async () => {
    const raw = await openDeviceService({ serverPort: server.port, serial, service: 'shell:echo raw' });
    expect((await readToEnd(raw)).toString()).toBe('raw\n');
    const exec = await openDeviceService({ serverPort: server.port, serial, service: 'exec:echoerr both' });
    expect((await readToEnd(exec)).toString()).toBe('both\n');
  });

  it('refuses services it does not model', async () => {
    await expect(openDeviceService({ serverPort: server.port, serial, service: 'jdwp' })).rejects.toThrow(/closed|FAIL/);
    const result = await adb('reverse', 'tcp:7000', 'tcp:7001');
    expect(result.exitCode).not.toBe(0);
  });
});

describe('sync', () => {
  const big = Buffer.alloc(300 * 1024 + 17);
  for (let index = 0; index < big.length; index += 1) big[index] = (index * 31 + 7) & 0xff;

  it('pushes, stats, lists and pulls a file larger than 64 KiB', async () => {
    const local = join(scratch, 'big.bin');
    await writeFile(local, big);
    const push = await adb('push', local, '/data/local/tmp/dir/big.bin');
    expect(push.exitCode, push.stderr).toBe(0);
    expect(device.fs.read('/data/local/tmp/dir/big.bin')?.equals(big)).toBe(true);

    const pulled = join(scratch, 'pulled.bin');
    const pull = await adb('pull', '/data/local/tmp/dir/big.bin', pulled);
    expect(pull.exitCode, pull.stderr).toBe(0);
    expect((await readFile(pulled)).equals(big)).toBe(true);

    const ls = await adb('ls', '/data/local/tmp/dir');
    expect(ls.stdout).toMatch(/big\.bin/);
    expect(ls.stdout).toMatch(new RegExp(`${big.length.toString(16).padStart(8, '0')} .*big\\.bin`));
  });

  it('pushes a whole directory, creating parents', async () => {
    const dir = join(scratch, 'tree');
    await mkdir(join(dir, 'nested'), { recursive: true });
    await writeFile(join(dir, 'one.txt'), 'one');
    await writeFile(join(dir, 'nested', 'two.txt'), 'two');
    const push = await adb('push', dir, '/sdcard/pushed');
    expect(push.exitCode, push.stderr).toBe(0);
    expect(device.fs.read('/sdcard/pushed/one.txt')?.toString()).toBe('one');
    expect(device.fs.read('/sdcard/pushed/nested/two.txt')?.toString()).toBe('two');
  });

  it('pulls a whole directory and reports missing files', async () => {
    device.fs.write('/sdcard/Download/a.txt', Buffer.from('alpha'));
    device.fs.write('/sdcard/Download/sub/b.txt', Buffer.from('beta'));
    const target = join(scratch, 'download');
    const pull = await adb('pull', '/sdcard/Download', target);
    expect(pull.exitCode, pull.stderr).toBe(0);
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('alpha');
    expect(await readFile(join(target, 'sub', 'b.txt'), 'utf8')).toBe('beta');
    const missing = await adb('pull', '/sdcard/nope.txt', join(scratch, 'nope.txt'));
    expect(missing.exitCode).not.toBe(0);
    expect(`${missing.stdout}${missing.stderr}`).toMatch(/remote object '\/sdcard\/nope.txt' does not exist|No such file or directory/);
  });
});

describe('install', () => {
  const apk = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200_000, 1)]);
  let apkPath: string;

  beforeAll(async () => {
    apkPath = join(scratch, 'app.apk');
    await writeFile(apkPath, apk);
  });

  it('installs through abb_exec (adb install with cmd + abb_exec features)', async () => {
    const before = device.installs.length;
    const result = await adb('install', '-r', '-g', apkPath);
    expect(result.stdout).toMatch(/Success/);
    expect(device.installs.length).toBe(before + 1);
    const installed = device.installs.at(-1);
    expect(installed?.apk.equals(apk)).toBe(true);
    expect(installed?.options).toMatchObject({ replace: true, grantRuntimePermissions: true });
  });

  it('installs through exec:cmd package install -S', async () => {
    const before = device.installs.length;
    const socket = await openDeviceService({ serverPort: server.port, serial, service: `exec:cmd package 'install' '-t' -S ${apk.length}` });
    socket.write(apk);
    expect((await readToEnd(socket)).toString()).toBe('Success\n');
    expect(device.installs.length).toBe(before + 1);
    expect(device.installs.at(-1)?.options.allowTest).toBe(true);
  });

  it('answers Failure [CODE: message] for a bad APK', async () => {
    const bad = join(scratch, 'bad.apk');
    await writeFile(bad, 'not a zip');
    const result = await adb('install', bad);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Failure \[INSTALL_FAILED_INVALID_APK: not a zip file\]/);
    expect(result.exitCode).not.toBe(0);
  });
});

describe('forward', () => {
  it('carries many concurrent connections to a device-side server', async () => {
    const stopListening = device.listenTcp(6790, (stream: Duplex) => stream.pipe(stream));
    const hostPort = await allocatePort();
    expect((await adb('forward', `tcp:${hostPort}`, 'tcp:6790')).exitCode).toBe(0);
    const exchange = async (index: number): Promise<string> => {
      const socket = connect({ host: '127.0.0.1', port: hostPort });
      await new Promise((resolve) => socket.once('connect', resolve));
      const message = `connection ${index} `.repeat(2_000 + index);
      socket.write(message);
      let received = '';
      for await (const chunk of socket) {
        received += (chunk as Buffer).toString();
        if (received.length >= message.length) break;
      }
      socket.destroy();
      return received === message ? 'ok' : `mismatch at ${index}`;
    };
    const results = await Promise.all(Array.from({ length: 24 }, (_, index) => exchange(index)));
    expect(results).toEqual(Array(24).fill('ok'));
    stopListening();
    await adb('forward', '--remove', `tcp:${hostPort}`);
  });

  it('refuses a connection when nothing listens on the device port', async () => {
    const [hostPort = 0] = await allocatePorts(1);
    expect((await adb('forward', `tcp:${hostPort}`, 'tcp:6999')).exitCode).toBe(0);
    const socket = connect({ host: '127.0.0.1', port: hostPort });
    socket.on('error', () => undefined);
    const received = await readToEnd(socket).catch(() => Buffer.alloc(0));
    expect(received.length).toBe(0);
    await adb('forward', '--remove', `tcp:${hostPort}`);
  });
});

describe('logcat', () => {
  it('streams new entries until the client goes away, then ends the command', async () => {
    device.log({ pid: 100, tid: 100, priority: 'I', tag: 'Before', message: 'already there' });
    const { execa } = await import('execa');
    const child = execa('adb', ['-P', String(server.port), '-s', serial, 'logcat'], { env: server.env, reject: false, stdin: 'ignore', buffer: false });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await pollFor('the existing entry', () => (output.includes('Before: already there') ? true : undefined));
    device.log({ pid: 100, tid: 100, priority: 'W', tag: 'Later', message: 'new entry' });
    await pollFor('the new entry', () => (output.includes('Later: new entry') ? true : undefined));
    expect(device.logListenerCount).toBeGreaterThan(0);
    child.kill('SIGINT');
    await child;
    await pollFor('the logcat command to end', () => (device.logListenerCount === 0 ? true : undefined));
  });
});
