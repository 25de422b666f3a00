/**
 * Crashes and hangs of a virtual app on an in-process device, checked where a harness looks on a
 * real Android 13 phone: the process list, `logcat -b crash|events|system`, and the error dialogs
 * (shown only as AppErrors and InputDispatcher would).
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { pollFor } from '../../../test/support/poll.ts';
import { createVirtualDevice, type VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import type { DeviceProfile } from '../../device/contracts.ts';
import { FAST_APPS_SETTING } from '../app-delays.ts';
import { readProduct } from '../testing/ground-truth.ts';
import { findAll, flatten, runSteps } from '../testing/ui-flow-driver.ts';
import { shellOutput as shell } from '../../shell/testing/run-shell.ts';

const API33: DeviceProfile = { avdName: 'a33', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64', device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420 };

const devices: VirtualAndroidDevice[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});

/** A device with QuietGuard installed, onboarded and in front. */
async function withProduct(): Promise<{ device: VirtualAndroidDevice; pkg: string; label: string }> {
  const device = createVirtualDevice({ profile: API33, serial: 'emulator-5554', bootDelayMs: 0 });
  devices.push(device);
  device.putSetting('global', FAST_APPS_SETTING, '1');
  const product = await readProduct('quietguard');
  expect((await device.installApk(await readFile(product.apk.file), { replace: true, grantRuntimePermissions: true, allowDowngrade: false, allowTest: false })).ok).toBe(true);
  await launch(device, product.package);
  await runSteps(device, product.flows.onboarding);
  return { device, pkg: product.package, label: device.packages.get(product.package)?.label ?? '' };
}

async function launch(device: VirtualAndroidDevice, pkg: string): Promise<void> {
  await shell(device, `am start -n ${pkg}/${device.packages.get(pkg)?.launchableActivity ?? ''}`);
}

function controller(device: VirtualAndroidDevice, pkg: string): NonNullable<ReturnType<VirtualAndroidDevice['apps']['controller']>> {
  const found = device.apps.controller(pkg);
  if (!found) throw new Error(`${pkg} has no controller`);
  return found;
}

function alertTitle(device: VirtualAndroidDevice): string | undefined {
  return findAll(device, { id: 'android:id/alertTitle' })[0]?.text;
}

describe('a crash, as Android 13 shows it', () => {
  it('the first crash shows no dialog, but leaves the process gone and the traces in the crash and events buffers', async () => {
    const { device, pkg } = await withProduct();
    const pid = (await shell(device, `pidof ${pkg}`)).trim();
    expect(pid).toMatch(/^\d+$/);
    await controller(device, pkg).crash('java.lang.IllegalStateException: engine failed');
    expect(await shell(device, `pidof ${pkg}`)).toBe('');
    expect(await shell(device, 'ps -A')).not.toContain(pkg);
    expect(alertTitle(device)).toBeUndefined();
    expect(device.ui.focusedWindow().packageName).not.toBe(pkg);
    const crash = await shell(device, 'logcat -d -b crash -v threadtime');
    expect(crash).toMatch(/^--------- beginning of crash\n/);
    expect(crash).toMatch(new RegExp(`E AndroidRuntime: FATAL EXCEPTION: main\\n.*E AndroidRuntime: Process: ${pkg.replaceAll('.', '\\.')}, PID: ${pid}\\n`));
    expect(await shell(device, 'logcat -d -b events')).toContain(`am_crash: [0,${pid},${pkg},`);
    expect(await shell(device, 'logcat -d -b main')).not.toContain('FATAL EXCEPTION');
  });

  it('a crash again within a minute after the user reopened it is "keeps stopping"', async () => {
    const { device, pkg, label } = await withProduct();
    await controller(device, pkg).crash('java.lang.IllegalStateException: engine failed');
    await launch(device, pkg);
    const second = controller(device, pkg).crash('java.lang.IllegalStateException: engine failed');
    expect(alertTitle(device)).toBe(`${label} keeps stopping`);
    expect(findAll(device, { id: 'android:id/aerr_close' })).toHaveLength(1);
    device.ui.click(findAll(device, { id: 'android:id/aerr_close' })[0]?.uid ?? '');
    await second;
    expect(alertTitle(device)).toBeUndefined();
  });

  it('with show_first_crash_dialog the first crash shows "has stopped"', async () => {
    const { device, pkg, label } = await withProduct();
    await shell(device, 'settings put global show_first_crash_dialog 1');
    void controller(device, pkg).crash('java.lang.IllegalStateException: engine failed');
    expect(alertTitle(device)).toBe(`${label} has stopped`);
  });

  it('app-crash of an app that is not running is refused', async () => {
    const { device, pkg } = await withProduct();
    await shell(device, `am force-stop ${pkg}`);
    const { APP_FAULTS } = await import('./app-faults.ts');
    const fault = APP_FAULTS.find((entry) => entry.name === 'app-crash');
    await expect(Promise.resolve().then(() => fault?.run([pkg], { device } as never))).rejects.toThrow(/not running/);
  });
});

describe('a hang, as Android 13 shows it', () => {
  it('nothing until input waits: 5 s after a tap "ANR in" (system), am_anr (events) and "isn\'t responding"', async () => {
    const { device, pkg, label } = await withProduct();
    controller(device, pkg).hang();
    expect(await shell(device, 'logcat -d -b all')).not.toContain('ANR in');
    const tappable = flatten(device.ui.hierarchy()).find((node) => node.packageName === pkg && node.clickable);
    expect(tappable).toBeDefined();
    device.ui.click(tappable?.uid ?? '');
    expect(alertTitle(device)).toBeUndefined();
    await pollFor('the ANR dialog', async () => (alertTitle(device) === `${label} isn't responding` ? true : undefined), { budgetMs: 10_000 });
    expect(await shell(device, 'logcat -d -b system -s ActivityManager')).toMatch(new RegExp(`E ActivityManager: ANR in ${pkg.replaceAll('.', '\\.')} \\(`));
    expect(await shell(device, 'logcat -d -b events')).toMatch(new RegExp(`am_anr\\s*: \\[0,\\d+,${pkg.replaceAll('.', '\\.')},`));
    device.ui.click(findAll(device, { id: 'android:id/aerr_close' })[0]?.uid ?? '');
    await pollFor('the app gone', async () => ((await shell(device, `pidof ${pkg}`)) === '' ? true : undefined), { budgetMs: 5_000 });
  }, 20_000);
});
