/**
 * The five demo products driven through their own profiles' flows on an in-process virtual device
 * (no adb, no Appium): every product × demo sample outcome must equal scenarios/ground-truth.yaml.
 * test/sim-apps.int.test.ts repeats the important paths through real adb, Appium and WebdriverIO.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVirtualDevice, type VirtualAndroidDevice } from '../device/create-virtual-device.ts';
import type { DeviceProfile } from '../device/contracts.ts';
import { FAST_APPS_SETTING } from './app-delays.ts';
import { readDemoSamples, readGroundTruth, readProduct, type DemoSample, type ExpectedOutcome } from './testing/ground-truth.ts';
import { findAll, readResults, runSteps, type ReadEntry } from './testing/ui-flow-driver.ts';
import { decideVerdict, SYSTEM_APPS, type ObservedAlert } from '../../harness/verdict/index.ts';
import { shellOutput as shell } from '../shell/testing/run-shell.ts';

const PROFILE: DeviceProfile = {
  avdName: 'apps_test', apiLevel: 33, release: '13', manufacturer: 'Google', model: 'sdk_gphone64_x86_64',
  device: 'emu64x', screenWidth: 1080, screenHeight: 2400, density: 420,
};
const PRODUCTS = ['sentinel', 'quietguard', 'namecheck', 'thoroughshield', 'overcautious'] as const;
const INSTALL = { replace: true, grantRuntimePermissions: true, allowDowngrade: false, allowTest: false };

const devices: VirtualAndroidDevice[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});

function bootDevice(profile: DeviceProfile = PROFILE): VirtualAndroidDevice {
  const device = createVirtualDevice({ profile, serial: 'emulator-5554', bootDelayMs: 0 });
  devices.push(device);
  device.putSetting('global', FAST_APPS_SETTING, '1');
  return device;
}

async function install(device: VirtualAndroidDevice, file: string, grant = true): Promise<void> {
  const result = await device.installApk(await readFile(file), { ...INSTALL, grantRuntimePermissions: grant });
  expect(result.ok, file).toBe(true);
}

const CRITERIA = { categories: [], namePatterns: [], safetyAdvicePatterns: [] };

/** What the harness would conclude (harness/verdict), from entries shaped as harness/round reads them. */
function verdictFor(sample: DemoSample, entries: readonly ReadEntry[] | undefined, alerts: ObservedAlert[]): ExpectedOutcome {
  const scanEntries = entries?.map((entry) => ({
    threatName: entry.threatName, packageName: entry.packageName, category: entry.category,
    text: [entry.threatName, entry.packageName, entry.category].filter(Boolean).join(' '),
  }));
  const verdict = decideVerdict({
    sample: { packageName: sample.packageName, label: sample.label, kind: 'stalkerware' }, criteria: CRITERIA, scanEntries, alerts, otherApps: SYSTEM_APPS, sampleInstalledAt: undefined,
  });
  return { detected: verdict.detected, detectedBy: verdict.detectedBy, alerted: verdict.alerted };
}

function notificationAlerts(device: VirtualAndroidDevice, packageName: string, phase: ObservedAlert['phase'], skip = 0): ObservedAlert[] {
  return device.notifications.list().slice(skip).filter((n) => n.packageName === packageName)
    .map((n) => ({ kind: 'notification' as const, phase, title: n.title, text: n.text, seenAt: n.postTime }));
}

async function onboard(device: VirtualAndroidDevice, productId: string): Promise<Awaited<ReturnType<typeof readProduct>>> {
  const product = await readProduct(productId);
  await install(device, product.apk.file, false);
  const record = device.packages.get(product.package);
  await shell(device, `am start -n ${product.package}/${record?.launchableActivity ?? ''}`);
  await runSteps(device, product.flows.onboarding);
  await runSteps(device, product.flows.update);
  return product;
}

describe('demo products against the ground truth', () => {
  it.each(PRODUCTS)('%s on-demand: first-start alerts and scan results match', async (productId) => {
    const truth = (await readGroundTruth())[productId]!;
    const samples = await readDemoSamples();
    const device = bootDevice();
    for (const sample of samples) await install(device, sample.apk);
    const product = await onboard(device, productId);
    // Fast-mode app work is a short chain of zero-delay timers: let it settle, and wait (bounded)
    // for the first-start alerts the ground truth expects, so a busy machine cannot cut it short.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const firstStart = await vi.waitFor(() => {
      const alerts = notificationAlerts(device, product.package, 'first-start');
      for (const sample of samples) {
        if (truth[sample.id]!['on-demand'].detectedBy.includes('first-start')) expect(verdictFor(sample, undefined, alerts).detectedBy).toContain('first-start');
      }
      return alerts;
    }, { timeout: 5_000, interval: 10 });
    await runSteps(device, product.flows.scan);
    if (product.flows.results) await runSteps(device, product.flows.results);
    const entries = readResults(device, product.results);
    for (const sample of samples) {
      expect({ sample: sample.id, ...verdictFor(sample, entries, firstStart) }).toEqual({ sample: sample.id, ...truth[sample.id]!['on-demand'] });
    }
    if (entries.length === 0) expect(findAll(device, product.results.noThreats)).not.toHaveLength(0);
  });

  it.each(PRODUCTS)('%s real-time: alerts on install match', async (productId) => {
    const truth = (await readGroundTruth())[productId]!;
    const samples = await readDemoSamples();
    const device = bootDevice();
    const product = await onboard(device, productId);
    for (const sample of samples) {
      const before = device.notifications.list().length;
      await install(device, sample.apk);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const expected = truth[sample.id]!['real-time'];
      const { dialog } = await vi.waitFor(() => {
        const seen = notificationAlerts(device, product.package, 'real-time', before);
        const shown = product.alerts.dialogs.find((d) => findAll(device, d.match).length > 0);
        expect({ sample: sample.id, ...verdictFor(sample, undefined, seen) }).toEqual({ sample: sample.id, ...expected });
        if (expected.alerted && product.alerts.dialogs.length > 0) expect(shown, `${productId} dialog for ${sample.id}`).toBeDefined();
        return { alerts: seen, dialog: shown };
      }, { timeout: 5_000, interval: 10 });
      if (dialog && product.flows.dismissAlert) await runSteps(device, product.flows.dismissAlert);
    }
  });

  it.each(PRODUCTS)('%s with only a clean app: every flow still runs and the results show "no threats"', async (productId) => {
    const samples = await readDemoSamples();
    const device = bootDevice();
    await install(device, samples.find((sample) => sample.id === 'pocket-notes')!.apk);
    const product = await onboard(device, productId);
    await runSteps(device, product.flows.scan);
    if (product.flows.results) await runSteps(device, product.flows.results);
    expect(readResults(device, product.results)).toEqual([]);
    expect(findAll(device, product.results.noThreats)).not.toHaveLength(0);
  });
});
