import { describe, expect, it } from 'vitest';
import { bootDevice } from '../shell/testing/run-shell.ts';
import { FIRST_BOOT_WORK_MS } from './first-boot-work.ts';

describe('first-boot work after a wipe', () => {
  it('keeps a freshly wiped phone busy until bg-dexopt-job has run it, and a snapshot taken meanwhile restores a busy phone', async () => {
    const { sh, device } = await bootDevice();
    expect(device.firstBootWork.remainingMs()).toBe(0);
    device.beginFirstBootWork();
    expect(device.firstBootWork.remainingMs()).toBeGreaterThan(FIRST_BOOT_WORK_MS / 2);

    const busy = device.saveState();
    const started = performance.now();
    const result = await sh('cmd package bg-dexopt-job');
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: 'Success\n' });
    // It returned only once the work was done.
    expect(performance.now() - started).toBeGreaterThanOrEqual(FIRST_BOOT_WORK_MS / 2);
    expect(device.firstBootWork.remainingMs()).toBe(0);
    // A clean snapshot saved while the phone was busy restores into a busy phone; one saved after, not.
    device.loadState(busy);
    expect(device.firstBootWork.remainingMs()).toBeGreaterThan(0);
    await sh('cmd package bg-dexopt-job');
    device.loadState(device.saveState());
    expect(device.firstBootWork.remainingMs()).toBe(0);
  });
});
