import { rename } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevicePool, parseDevices, resolveAndroidEnv, runAdb, runDeviceShell, sendConsoleCommand, type AndroidEnv, type DeviceLease, type DevicePoolOptions, type PoolDeviceState } from '../harness/android/index.ts';
import { isHarnessError } from '../harness/errors/index.ts';
import { writeVirtualSdk } from '../simulator/sdk/index.ts';
import { pollFor } from './support/poll.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

// The pool against two real virtual emulators and the real adb server (no Appium: the prepare
// step only writes a setting). Ports in a block of this file's own.
const FIRST_PORT = 8_800;
const ADB_SERVER_PORT = 8_990;

const readSetting = async (env: AndroidEnv, serial: string, key: string): Promise<string> =>
  (await runDeviceShell(env, serial, ['settings', 'get', 'global', key])).stdout.trim();

interface PoolFixture {
  home: TestHome;
  env: AndroidEnv;
  pool: DevicePool;
  stop(): Promise<void>;
}

/** A temp HOME with the virtual SDK, its own adb server, and a started pool of one profile. */
async function startPool(options: {
  adbServerPort: number;
  firstPort: number;
  instances: number;
  bootTimeoutMs: number;
  restoreTimeoutMs?: number;
  prepare?: (env: AndroidEnv) => DevicePoolOptions['prepare'];
  onState?: DevicePoolOptions['onState'];
}): Promise<PoolFixture> {
  const home = await createTestHome();
  const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
  const env = resolveAndroidEnv({
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome },
    home: home.home,
    adbServerPort: options.adbServerPort,
  });
  await runAdb(env, undefined, ['start-server'], { timeoutMs: 30_000 });
  const controller = new AbortController();
  const pool = new DevicePool({
    env, signal: controller.signal, firstPort: options.firstPort,
    ...(options.restoreTimeoutMs === undefined ? {} : { restoreTimeoutMs: options.restoreTimeoutMs }),
    profiles: [{ name: 'pixel', avd: 'stalkerbench_pixel_api33', instances: options.instances, snapshot: 'pool-test-clean', flags: ['-no-window'], bootTimeoutMs: options.bootTimeoutMs }],
    prepare: options.prepare?.(env) ?? (async () => undefined),
    ...(options.onState === undefined ? {} : { onState: options.onState }),
  });
  await pool.start();
  return {
    home, env, pool,
    async stop() {
      await pool.stop();
      controller.abort();
      await runAdb(env, undefined, ['kill-server'], { reject: false, timeoutMs: 10_000 });
      await home.remove();
    },
  };
}

describe('DevicePool on virtual emulators', () => {
  let home: TestHome;
  let env: AndroidEnv;
  let pool: DevicePool;
  let fixture: PoolFixture | undefined;
  const states: Array<{ serial: string; state: PoolDeviceState }> = [];
  const prepared: string[] = [];

  beforeAll(async () => {
    fixture = await startPool({
      adbServerPort: ADB_SERVER_PORT, firstPort: FIRST_PORT, instances: 2, bootTimeoutMs: 60_000,
      prepare: (androidEnv) => async (device, signal) => {
        prepared.push(device.serial);
        await runDeviceShell(androidEnv, device.serial, ['settings', 'put', 'global', 'pool_test_prepared', 'yes'], { signal });
      },
      onState: (serial, state) => { states.push({ serial, state }); },
    });
    ({ home, env, pool } = fixture);
  }, 180_000);

  afterAll(async () => { await fixture?.stop(); }, 60_000);

  it('prepares the clean snapshot once, then boots every instance from it', async () => {
    expect(prepared).toHaveLength(1);
    expect(pool.size).toBe(2);
    const a = await pool.acquire('pixel');
    const b = await pool.acquire('pixel');
    expect(new Set([a.serial, b.serial]).size).toBe(2);
    for (const lease of [a, b]) {
      expect(lease.consolePort).toBeGreaterThanOrEqual(FIRST_PORT);
      expect(await readSetting(env, lease.serial, 'pool_test_prepared')).toBe('yes');
    }
    await pool.release(a, { healthy: true });
    await pool.release(b, { healthy: true });
  });

  it('restores the snapshot on every lease: what a case changed is gone for the next one', async () => {
    const first = await pool.acquire('pixel');
    await runDeviceShell(env, first.serial, ['settings', 'put', 'global', 'pool_test_dirty', '1']);
    expect(await readSetting(env, first.serial, 'pool_test_dirty')).toBe('1');
    const other = await pool.acquire('pixel');
    await pool.release(first, { healthy: true });
    const again = await pool.acquire('pixel');
    expect(again.serial).toBe(first.serial);
    expect(await readSetting(env, again.serial, 'pool_test_dirty')).toBe('null');
    expect(await readSetting(env, again.serial, 'pool_test_prepared')).toBe('yes');
    await pool.release(again, { healthy: true });
    await pool.release(other, { healthy: true });
  });

  it('makes a third lease wait until a device is released', async () => {
    const a = await pool.acquire('pixel');
    const b = await pool.acquire('pixel');
    let third: DeviceLease | undefined;
    const waiting = pool.acquire('pixel').then((lease) => { third = lease; return lease; });
    // Both devices are out: the pool cannot hand one out, however long it is given.
    await Promise.race([waiting, new Promise((resolve) => setImmediate(resolve))]);
    expect(third).toBeUndefined();
    await pool.release(b, { healthy: true });
    const lease = await waiting;
    expect(lease.serial).toBe(b.serial);
    await pool.release(a, { healthy: true });
    await pool.release(lease, { healthy: true });
  });

  /** Both devices can be leased, one of them is `replaced`, and both come from the prepared snapshot. */
  async function expectBothDevicesServe(replaced: string): Promise<void> {
    const a = await pool.acquire('pixel');
    const b = await pool.acquire('pixel');
    expect([a.serial, b.serial]).toContain(replaced);
    for (const device of [a, b]) expect(await readSetting(env, device.serial, 'pool_test_prepared')).toBe('yes');
    await pool.release(a, { healthy: true });
    await pool.release(b, { healthy: true });
  }

  it('replaces a device released as unhealthy, and one whose emulator crashed, with a fresh one', async () => {
    const lease = await pool.acquire('pixel');
    const before = states.length;
    await pool.release(lease, { healthy: false });
    const after = states.slice(before).filter((s) => s.serial === lease.serial).map((s) => s.state);
    expect(after.slice(0, 2)).toEqual(['replacing', 'launching']);
    expect(after.at(-1)).toBe('idle');

    const crashed = await pool.acquire('pixel');
    await sendConsoleCommand('stalkerbench fault crash', { port: crashed.consolePort, home: home.home }).catch(() => undefined);
    await pollFor(`${crashed.serial} gone from adb`, async () => (parseDevices((await runAdb(env, undefined, ['devices'])).stdout).some((d) => d.serial === crashed.serial) ? undefined : true));
    const mark = states.length;
    await pool.release(crashed, { healthy: true });
    expect(states.slice(mark).some((s) => s.serial === crashed.serial && s.state === 'replacing')).toBe(true);
    await expectBothDevicesServe(crashed.serial);
  }, 120_000);

  it('replaces an emulator that dies while idle without waiting for the next lease', async () => {
    const lease = await pool.acquire('pixel');
    await pool.release(lease, { healthy: true });
    const mark = states.length;
    await sendConsoleCommand('stalkerbench fault crash', { port: lease.consolePort, home: home.home }).catch(() => undefined);
    await pollFor(`${lease.serial} replaced and idle again`, async () => {
      const after = states.slice(mark).filter((s) => s.serial === lease.serial).map((s) => s.state);
      return after.includes('replacing') && after.at(-1) === 'idle' ? true : undefined;
    }, { budgetMs: 60_000 });
    await expectBothDevicesServe(lease.serial);
  }, 120_000);

  it('refuses a profile it does not have (CONFIG_INVALID)', async () => {
    await expect(pool.acquire('nexus')).rejects.toSatisfy((error) => isHarnessError(error, 'CONFIG_INVALID'));
  });

  it('stops every emulator on stop(), failing a lease still waiting with CANCELLED', async () => {
    const a = await pool.acquire('pixel');
    const b = await pool.acquire('pixel');
    const waiting = pool.acquire('pixel').then(() => undefined, (error: unknown) => error);
    await pool.stop();
    expect(isHarnessError(await waiting, 'CANCELLED')).toBe(true);
    await expect(pool.acquire('pixel')).rejects.toSatisfy((error) => isHarnessError(error, 'CANCELLED'));
    await pollFor('emulators gone from adb', async () => {
      const serials = parseDevices((await runAdb(env, undefined, ['devices'])).stdout).map((d) => d.serial);
      return serials.includes(a.serial) || serials.includes(b.serial) ? undefined : true;
    });
  }, 60_000);
});

describe('DevicePool when a device cannot be replaced', () => {
  let home: TestHome;
  let pool: DevicePool;
  let fixture: PoolFixture | undefined;

  beforeAll(async () => {
    fixture = await startPool({ adbServerPort: ADB_SERVER_PORT + 2, firstPort: FIRST_PORT + 100, instances: 1, bootTimeoutMs: 30_000 });
    ({ home, pool } = fixture);
  }, 120_000);

  afterAll(async () => { await fixture?.stop(); }, 60_000);

  it('fails a waiting lease with DEVICE_LOST instead of waiting forever', async () => {
    const lease = await pool.acquire('pixel');
    const waiting = pool.acquire('pixel').then(() => undefined, (error: unknown) => error);
    // The AVD disappears: the replacement emulator cannot start.
    await rename(join(home.avdHome, 'stalkerbench_pixel_api33.ini'), join(home.avdHome, 'gone.ini.bak'));
    await pool.release(lease, { healthy: false });
    expect(isHarnessError(await waiting, 'DEVICE_LOST')).toBe(true);
    await expect(pool.acquire('pixel')).rejects.toSatisfy((error) => isHarnessError(error, 'DEVICE_LOST'));
  }, 60_000);
});

describe('DevicePool when one of its devices dies for good', () => {
  let home: TestHome;
  let env: AndroidEnv;
  let pool: DevicePool;
  let fixture: PoolFixture | undefined;
  const states: Array<{ serial: string; state: PoolDeviceState; detail: string | undefined }> = [];
  /** A console port to take just before the pool launches an emulator on it (that launch then fails). */
  let blockPort: number | undefined;
  let blocker: Server | undefined;

  beforeAll(async () => {
    fixture = await startPool({
      adbServerPort: ADB_SERVER_PORT + 4, firstPort: FIRST_PORT + 50, instances: 2, bootTimeoutMs: 30_000, restoreTimeoutMs: 20_000,
      onState: (serial, state, detail) => {
        states.push({ serial, state, detail });
        // The bind is synchronous for a numeric host, so the emulator started next finds its port taken.
        if (state === 'launching' && blockPort !== undefined && serial === `emulator-${blockPort}` && !blocker) {
          blocker = createServer().listen({ port: blockPort, host: '127.0.0.1', exclusive: true });
        }
      },
    });
    ({ home, env, pool } = fixture);
  }, 180_000);

  afterAll(async () => {
    blocker?.close();
    await fixture?.stop();
  }, 60_000);

  it('hands the lease to the other instance when a device dies and cannot be replaced', async () => {
    const a = await pool.acquire('pixel');
    const b = await pool.acquire('pixel');
    await pool.release(a, { healthy: true });
    await pool.release(b, { healthy: true });
    // `a` crashes and its console port is taken before its replacement starts: it cannot be
    // replaced. (Every restore relaunches an instance, so the AVD itself must stay.)
    blockPort = a.consolePort;
    await sendConsoleCommand('stalkerbench fault crash', { port: a.consolePort, home: home.home }).catch(() => undefined);
    await pollFor(`${a.serial} retired`, async () => (states.some((s) => s.serial === a.serial && s.state === 'dead') ? true : undefined), { budgetMs: 60_000 });
    const seen = states.filter((s) => s.serial === a.serial).map((s) => s.state);
    expect(seen.slice(seen.lastIndexOf('replacing'))).toEqual(['replacing', 'launching', 'dead']);

    const lease = await pool.acquire('pixel');
    expect(lease.serial).toBe(b.serial);
    expect((await runDeviceShell(env, lease.serial, ['echo', 'alive'])).stdout.trim()).toBe('alive');

    // The pool goes on with one device: a second lease waits for it rather than failing.
    const second = pool.acquire('pixel');
    await pool.release(lease, { healthy: true });
    const again = await second;
    expect(again.serial).toBe(b.serial);

    // When that one dies too (its AVD is gone, so no replacement boots), a waiting lease fails,
    // naming the last cause.
    const waiting = pool.acquire('pixel').then(() => undefined, (error: unknown) => error);
    await rename(join(home.avdHome, 'stalkerbench_pixel_api33.ini'), join(home.avdHome, 'gone.ini.bak'));
    await pool.release(again, { healthy: false });
    const error = await waiting;
    expect(isHarnessError(error, 'DEVICE_LOST')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`last failure: ${b.serial}`));
  }, 180_000);
});
