/**
 * The `emulator` drop-in with the real Android model, driven through the real adb: it registers as
 * `emulator-<port>` with its own adb server, and the three `adb install` paths, push/pull and shell
 * reach the device model.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity } from '../harness/apk/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createSimEnvironment, openDeviceService, pollFor, readToEnd, type SimEnvironment } from './support/index.ts';
import type { LaunchedEmulator } from './support/index.ts';

let sim: SimEnvironment;
let emulator: LaunchedEmulator;

beforeAll(async () => {
  sim = await createSimEnvironment();
  emulator = await sim.boot({ flags: ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'] });
});

afterAll(async () => {
  await sim?.dispose();
});

const adb = (...args: string[]) => sim.server.adb(['-s', emulator.serial, ...args]);

describe('the emulator drop-in with the device model', () => {
  it('is listed by its own adb server as emulator-<port> with the profile model', async () => {
    const devices = await sim.server.adb(['devices', '-l']);
    expect(devices.stdout).toMatch(new RegExp(`^${emulator.serial}\\s+device product:\\S+ model:sdk_gphone64_x86_64 device:emu64x`, 'm'));
    expect((await adb('shell', 'getprop', 'ro.build.version.sdk')).stdout.trim()).toBe('33');
    expect((await adb('shell', 'getprop', 'sys.boot_completed')).stdout.trim()).toBe('1');
    expect(emulator.output()).toMatch(/INFO +\| Boot completed in \d+ ms/);
  });

  it('returns shell exit codes over shell v2', async () => {
    const result = await adb('shell', 'echo out; echo err >&2; exit 7');
    expect(result).toMatchObject({ exitCode: 7, stdout: 'out\n', stderr: 'err\n' });
  });

  it('installs APKs through abb_exec, exec:cmd and push + pm install', async () => {
    const apks = ['clean-pocket-notes.apk', 'clean-sky-weather.apk', 'product-quietguard.apk'].map((name) => join(REPO_ROOT, 'scenarios', 'apks', name));
    const names = await Promise.all(apks.map(async (path) => (await readApkIdentity(path)).packageName));
    const [streamed = '', viaExec = '', pushed = ''] = apks;

    const first = await adb('install', '-r', streamed);
    expect(first.stdout, first.stderr).toMatch(/Success/);

    const bytes = await readFile(viaExec);
    const socket = await openDeviceService({ serverPort: sim.server.port, serial: emulator.serial, service: `exec:cmd package 'install' '-r' -S ${bytes.length}` });
    socket.write(bytes);
    expect((await readToEnd(socket)).toString()).toBe('Success\n');

    const third = await adb('install', '--no-streaming', pushed);
    expect(third.stdout, third.stderr).toMatch(/Success/);

    const packages = (await adb('shell', 'pm', 'list', 'packages')).stdout;
    for (const name of names) expect(packages).toContain(`package:${name}`);
  });

  it('answers Failure [INSTALL_…] for a file that is not an APK', async () => {
    const bad = join(sim.home.tmp, 'broken.apk');
    await writeFile(bad, 'PK but not really a zip');
    const result = await adb('install', bad);
    expect(result.exitCode).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Failure \[INSTALL_[A-Z_]+: /);
  });

  it('streams logcat -v threadtime until the client is interrupted', async () => {
    const { execa } = await import('execa');
    const child = execa('adb', ['-P', String(sim.server.port), '-s', emulator.serial, 'logcat', '-v', 'threadtime'], {
      env: sim.server.env, reject: false, stdin: 'ignore', buffer: false,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The model logs its boot (zygote …); new entries streaming live is covered in sim-adb.int.test.ts.
    await pollFor('logcat output', () => (output.includes('\n') ? true : undefined));
    expect(child.exitCode).toBeNull();
    expect(output).toMatch(/^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} +\d+ +\d+ [VDIWEF] /m);
    child.kill('SIGINT');
    await child;
    expect((await adb('shell', 'echo', 'still-here')).stdout).toBe('still-here\n');
  });

  it('pushes and pulls files through the device file system', async () => {
    const local = join(sim.home.tmp, 'payload.bin');
    const payload = Buffer.alloc(150_000, 0x5a);
    await writeFile(local, payload);
    expect((await adb('push', local, '/sdcard/Download/payload.bin')).exitCode).toBe(0);
    expect((await adb('shell', '[ -e /sdcard/Download/payload.bin ] && echo present')).stdout).toBe('present\n');
    const back = join(sim.home.tmp, 'back.bin');
    expect((await adb('pull', '/sdcard/Download/payload.bin', back)).exitCode).toBe(0);
    expect((await readFile(back)).equals(payload)).toBe(true);
  });
});
