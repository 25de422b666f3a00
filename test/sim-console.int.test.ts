/**
 * The emulator console through the real `adb emu` and through the harness's own console client:
 * authentication with `~/.emulator_console_auth_token`, avd name/status, ping, snapshots that survive
 * a restart, and `kill`.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendConsoleCommand } from '../harness/android/emulator-console.ts';
import { createSimEnvironment, pollFor, waitForDevice, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';

const AVD = 'stalkerbench_pixel_api33';

/** What a raw console client sees for one command (banner included), until the console closes. */
async function rawConsole(port: number, lines: string[]): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  let output = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (output += chunk));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(lines.map((line) => `${line}\r\n`).join(''));
  await new Promise((resolve) => socket.once('close', resolve));
  return output;
}

describe('console without a token (what appium-adb leaves behind)', () => {
  let sim: SimEnvironment;
  let emulator: LaunchedEmulator;

  beforeAll(async () => {
    sim = await createSimEnvironment({ consoleToken: '' });
    emulator = await sim.boot({ avd: AVD, flags: ['-no-window', '-no-snapshot'] });
  });

  afterAll(async () => {
    await sim?.dispose();
  });

  const console = (command: string) => sendConsoleCommand(command, { port: emulator.consolePort, home: sim.home.home });
  const shell = async (command: string) => (await sim.server.adb(['-s', emulator.serial, 'shell', command])).stdout;

  it('answers avd name, avd status and ping with \\r\\n lines ending in OK', async () => {
    expect(await console('avd name')).toEqual([AVD]);
    expect(await console('avd status')).toEqual(['virtual device is running']);
    const raw = await rawConsole(emulator.consolePort, ['ping', 'bogus', 'quit']);
    expect(raw).toBe(
      "Android Console: type 'help' for a list of commands\r\nOK\r\nI am alive!\r\nOK\r\nKO: unknown command, try 'help'\r\n",
    );
  });

  it('lets adb emu run commands; it prints what follows the second OK (nothing here)', async () => {
    const result = await sim.server.adb(['-s', emulator.serial, 'emu', 'avd', 'name']);
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
    const ping = await sim.server.adb(['-s', emulator.serial, 'emu', 'ping']);
    expect(ping.stdout).toBe('');
  });

  it('saves, lists, loads and deletes snapshots', async () => {
    expect(await console('avd snapshot save clean')).toEqual([]);
    await shell('settings put global stalkerbench_marker 42');
    expect((await shell('settings get global stalkerbench_marker')).trim()).toBe('42');
    expect(await console('avd snapshot save marked')).toEqual([]);

    const list = await console('avd snapshot list');
    expect(list[0]).toBe('List of snapshots present on all disks:');
    expect(list[1]).toMatch(/^ID\s+TAG\s+VM SIZE\s+DATE\s+VM CLOCK$/);
    expect(list.slice(2).map((line) => line.split(/\s+/)[1])).toEqual(['clean', 'marked']);
    expect(list[2]).toMatch(/^--\s+clean\s+\d+[BKM]\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d\.\d{3}$/);

    expect(await console('avd snapshot load clean')).toEqual([]);
    expect((await shell('settings get global stalkerbench_marker')).trim()).toBe('null');
    expect((await shell('getprop sys.boot_completed')).trim()).toBe('1');

    await expect(console('avd snapshot load nonexistent')).rejects.toMatchObject({ code: 'SNAPSHOT_FAILED' });
    expect(await console('avd snapshot delete clean')).toEqual([]);
    expect((await console('avd snapshot list')).slice(2).map((line) => line.split(/\s+/)[1])).toEqual(['marked']);
  });

  it('keeps snapshots across restarts and boots from one with -snapshot', async () => {
    await emulator.stop();
    const restarted = await sim.boot({ avd: AVD, flags: ['-no-window', '-snapshot', 'marked', '-no-snapshot-save'] });
    expect(restarted.output()).toMatch(/Successfully loaded snapshot 'marked'/);
    const marker = await sim.server.adb(['-s', restarted.serial, 'shell', 'settings get global stalkerbench_marker']);
    expect(marker.stdout.trim()).toBe('42');
    emulator = restarted;
  });

  it('shuts down on kill, and adb drops the device', async () => {
    const result = await sim.server.adb(['-s', emulator.serial, 'emu', 'kill']);
    expect(result.exitCode).toBe(0);
    expect(await emulator.exited).toBe(0);
    await pollFor('the device to leave the list', async () => {
      const devices = await sim.server.adb(['devices']);
      return devices.stdout.includes(emulator.serial) ? undefined : true;
    });
  });
});

describe('console with a token', () => {
  let sim: SimEnvironment;
  let emulator: LaunchedEmulator;

  beforeAll(async () => {
    sim = await createSimEnvironment({ consoleToken: 'sekrit-token' });
    emulator = await sim.boot({ avd: AVD, flags: ['-no-window', '-read-only', '-no-snapshot'] });
    await waitForDevice(sim.server, emulator.serial);
  });

  afterAll(async () => {
    await sim?.dispose();
  });

  it('requires auth; adb emu authenticates with the token file and prints the reply', async () => {
    const raw = await rawConsole(emulator.consolePort, ['avd name', 'auth wrong', 'auth sekrit-token', 'avd name', 'quit']);
    expect(raw.split('\r\n')).toEqual([
      'Android Console: Authentication required',
      "Android Console: type 'auth <auth_token>' to authenticate",
      'Android Console: you can find your <auth_token> in ',
      `'${sim.home.home}/.emulator_console_auth_token'`,
      'OK',
      "KO: unknown command, try 'help'",
      'KO: authentication token does not match ~/.emulator_console_auth_token',
      "Android Console: type 'help' for a list of commands",
      'OK',
      AVD,
      'OK',
      '',
    ]);
    const viaAdb = await sim.server.adb(['-s', emulator.serial, 'emu', 'avd', 'name']);
    expect(viaAdb.stdout).toBe(`${AVD}\r\nOK\r\n`);
  });

  it('authenticates clients that send the token (the harness console client)', async () => {
    expect(await sendConsoleCommand('avd name', { port: emulator.consolePort, home: sim.home.home })).toEqual([AVD]);
  });
});

describe('fault injection (stalkerbench fault …)', () => {
  let sim: SimEnvironment;
  let emulator: LaunchedEmulator;

  beforeAll(async () => {
    sim = await createSimEnvironment({ consoleToken: '' });
    emulator = await sim.boot({ avd: AVD, flags: ['-no-window', '-read-only', '-no-snapshot'] });
  });

  afterAll(async () => {
    await sim?.dispose();
  });

  const console = (command: string) => sendConsoleCommand(command, { port: emulator.consolePort, home: sim.home.home });
  const state = async (): Promise<string | undefined> =>
    (await sim.server.adb(['devices'])).stdout.split('\n').find((line) => line.startsWith(`${emulator.serial}\t`))?.split('\t')[1];

  it('lists the faults on offer', async () => {
    const names = (await console('stalkerbench fault list')).map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(expect.arrayContaining(['crash', 'drop-adb']));
    await expect(console('stalkerbench fault no-such-fault')).rejects.toThrow(/unknown fault/);
  });

  it('drop-adb: adb loses the device, which comes back after the delay', async () => {
    expect(await console('stalkerbench fault drop-adb 2')).toEqual([]);
    await pollFor('the device to leave the list', async () => ((await state()) === undefined ? true : undefined));
    await waitForDevice(sim.server, emulator.serial);
    expect((await sim.server.adb(['-s', emulator.serial, 'shell', 'echo', 'back'])).stdout).toBe('back\n');
  });

  it('crash: the process dies without a clean shutdown and adb drops the device', async () => {
    await console('stalkerbench fault crash').catch(() => undefined);
    await emulator.exited;
    expect(emulator.child.signalCode).toBe('SIGKILL');
    expect(emulator.output()).not.toMatch(/Shutting down/);
    await pollFor('the device to leave the list', async () => ((await state()) === undefined ? true : undefined));
  });
});

describe('quick boot (default_boot) like the real emulator', () => {
  let sim: SimEnvironment;

  beforeAll(async () => {
    sim = await createSimEnvironment({ consoleToken: '' });
  });

  afterAll(async () => {
    await sim?.dispose();
  });

  const marker = async (serial: string) => (await sim.server.adb(['-s', serial, 'shell', 'settings get global quickboot_marker'])).stdout.trim();

  it('saves default_boot on exit, boots from it next time, and -wipe-data starts clean', async () => {
    const first = await sim.boot({ avd: AVD, flags: ['-no-window'] });
    expect(first.output()).toMatch(/Cold boot: snapshot 'default_boot' doesn't exist/);
    await sim.server.adb(['-s', first.serial, 'shell', 'settings put global quickboot_marker 1']);
    await first.stop();
    expect(first.output()).toMatch(/Saved snapshot 'default_boot' on exit/);

    const second = await sim.boot({ avd: AVD, flags: ['-no-window', '-no-snapshot-save'] });
    expect(second.output()).toMatch(/Successfully loaded snapshot 'default_boot'/);
    expect(await marker(second.serial)).toBe('1');
    await second.stop();

    const wiped = await sim.boot({ avd: AVD, flags: ['-no-window', '-wipe-data'] });
    expect(wiped.output()).toMatch(/Cold boot: wipe-data requested/);
    expect(await marker(wiped.serial)).toBe('null');
    await wiped.stop();
  });
});
