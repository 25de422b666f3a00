/**
 * The device pool against a virtual emulator that refuses what the real one refuses: two rounds on
 * one AVD, an instance that cannot boot, a snapshot that fails validation and cold-boots silently.
 * Ports: this file's own block, 2400–2799 (adb servers at 2790+).
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DevicePool, resolveAndroidEnv, runAdb, runDeviceShell, type AndroidEnv, type DevicePoolOptions, type PoolDeviceState } from '../harness/android/index.ts';
import { findAvdDir } from '../harness/android/avd-dir.ts';
import { isHarnessError } from '../harness/errors/index.ts';
import { writeVirtualSdk } from '../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

const AVD = 'stalkerbench_pixel_api33';
const SNAPSHOT = 'rules-clean';

interface Lab {
  home: TestHome;
  env: AndroidEnv;
  pools: DevicePool[];
  pool(options: { firstPort: number; instances: number; owner?: string; onState?: DevicePoolOptions['onState'] }): DevicePool;
  dispose(): Promise<void>;
}

async function createLab(adbServerPort: number): Promise<Lab> {
  const home = await createTestHome();
  const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
  const env = resolveAndroidEnv({
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome },
    home: home.home,
    adbServerPort,
  });
  await runAdb(env, undefined, ['start-server'], { timeoutMs: 30_000 });
  const controller = new AbortController();
  const pools: DevicePool[] = [];
  return {
    home, env, pools,
    pool: (options) => {
      const pool = new DevicePool({
        env, signal: controller.signal, firstPort: options.firstPort,
        ...(options.owner === undefined ? {} : { owner: options.owner }),
        profiles: [{ name: 'pixel', avd: AVD, instances: options.instances, snapshot: SNAPSHOT, flags: ['-no-window'], bootTimeoutMs: 60_000 }],
        prepare: async (device, signal) => {
          await runDeviceShell(env, device.serial, ['settings', 'put', 'global', 'rules_prepared', 'yes'], { signal });
        },
        ...(options.onState === undefined ? {} : { onState: options.onState }),
      });
      pools.push(pool);
      return pool;
    },
    async dispose() {
      for (const pool of pools) await pool.stop().catch(() => undefined);
      controller.abort();
      await runAdb(env, undefined, ['kill-server'], { reject: false, timeoutMs: 10_000 });
      await home.remove();
    },
  };
}

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.dispose();
  lab = undefined;
}, 60_000);

describe('DevicePool on a virtual emulator that behaves like the real one', () => {
  it('refuses a second round on the same AVD at once, naming the AVD and the round holding it', async () => {
    lab = await createLab(2_790);
    const first = lab.pool({ firstPort: 2_400, instances: 1, owner: 'round q4-a' });
    await first.start();
    const second = lab.pool({ firstPort: 2_450, instances: 1, owner: 'round q4-b' });
    const error = await second.start().then(() => undefined, (failure: unknown) => failure);
    expect(isHarnessError(error, 'ROUND_RUNNING')).toBe(true);
    expect((error as Error).message).toContain(AVD);
    expect((error as Error).message).toContain('round q4-a');
    // The first round's device is untouched: still from its clean snapshot.
    const lease = await first.acquire('pixel');
    expect((await runDeviceShell(lab.env, lease.serial, ['settings', 'get', 'global', 'rules_prepared'])).stdout.trim()).toBe('yes');
    await first.release(lease, { healthy: true });
    // Once the first round stops, the AVD is free again.
    await first.stop();
    const third = lab.pool({ firstPort: 2_500, instances: 1, owner: 'round q4-c' });
    await third.start();
    expect(third.size).toBe(1);
  }, 240_000);

  it('retires an instance that cannot boot with its reason and runs on the others', async () => {
    lab = await createLab(2_792);
    const firstPort = 2_600;
    const states: Array<{ serial: string; state: PoolDeviceState; detail: string | undefined }> = [];
    let blocker: Server | undefined;
    const pool = lab.pool({
      firstPort, instances: 2,
      onState: (serial, state, detail) => {
        states.push({ serial, state, detail });
        // The second instance's console port is taken just before its emulator starts (the bind is
        // synchronous for a numeric host): that emulator exits 1, as a real one out of memory would.
        if (serial === `emulator-${firstPort + 2}` && state === 'launching' && !blocker) {
          blocker = createServer().listen({ port: firstPort + 2, host: '127.0.0.1', exclusive: true });
        }
      },
    });
    try {
      await pool.start();
      const dead = states.filter((s) => s.state === 'dead');
      expect(dead.map((s) => s.serial)).toEqual([`emulator-${firstPort + 2}`]);
      expect(dead[0]?.detail).toMatch(/exited with 1 before booting/);
      for (let index = 0; index < 2; index += 1) {
        const lease = await pool.acquire('pixel');
        expect(lease.serial).toBe(`emulator-${firstPort}`);
        expect((await runDeviceShell(lab.env, lease.serial, ['settings', 'get', 'global', 'rules_prepared'])).stdout.trim()).toBe('yes');
        await pool.release(lease, { healthy: true });
      }
    } finally {
      blocker?.close();
    }
  }, 240_000);

  it('detects a restore that booted cold because the snapshot failed validation', async () => {
    lab = await createLab(2_794);
    const pool = lab.pool({ firstPort: 2_700, instances: 1 });
    await pool.start();
    const lease = await pool.acquire('pixel');
    await pool.release(lease, { healthy: true });
    const avdDir = findAvdDir(lab.env, AVD);
    expect(avdDir).toBeDefined();
    // The snapshot no longer loads: the emulator boots cold without failing, and reaches boot_completed.
    await writeFile(join(avdDir ?? '', 'snapshots', SNAPSHOT, 'state.json'), '{ not a snapshot');
    const error = await pool.acquire('pixel').then(() => undefined, (failure: unknown) => failure);
    expect(isHarnessError(error, 'DEVICE_LOST')).toBe(true);
    expect((error as Error).message).toMatch(/booted cold instead of resuming from snapshot 'rules-clean'/);
  }, 240_000);
});
