/**
 * The trust products and samples of issue 12 (test/fixtures/trust/) on an in-process virtual device
 * (no adb, no Appium), driven through their own profiles' flows: each behaves as its profile's
 * header and expected.yaml describe. test/sim-apps-trust.int.test.ts repeats the key paths through
 * real adb, Appium and WebdriverIO.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDumpsysNotification } from '../../harness/android/index.ts';
import { loadRound, type ResolvedProduct, type ResolvedSample } from '../../harness/config/index.ts';
import type { VirtualAndroidDevice } from '../device/create-virtual-device.ts';
import { isComponentEnabled } from '../device/package-record.ts';
import { APPIUM_APK, bootDevice, readApk, runLine } from '../shell/testing/run-shell.ts';
import { FAST_APPS_SETTING } from './app-delays.ts';
import { findAll, flatten, readResults, runSteps } from './testing/ui-flow-driver.ts';
import {
  HARNESS_APPS, readTrustExpectations, readTrustProduct, readTrustSamples, TRUST_DIR, TRUST_PRODUCTS, type TrustProductId,
} from './testing/trust-fixtures.ts';

const INSTALL = { replace: true, grantRuntimePermissions: true, allowDowngrade: false, allowTest: false };
const WAIT = { timeout: 5_000, interval: 10 };

const devices: VirtualAndroidDevice[] = [];
afterEach(async () => {
  for (const device of devices.splice(0)) await device.shutdown();
});

async function freshDevice(): Promise<VirtualAndroidDevice> {
  const { device } = await bootDevice();
  devices.push(device);
  device.putSetting('global', FAST_APPS_SETTING, '1');
  return device;
}

async function sh(device: VirtualAndroidDevice, line: string): Promise<string> {
  return (await runLine(device, line)).stdout;
}

async function installFile(device: VirtualAndroidDevice, file: string, grant = true): Promise<void> {
  const result = await device.installApk(await readFile(file), { ...INSTALL, grantRuntimePermissions: grant });
  expect(result.ok, file).toBe(true);
}

async function sampleById(id: string): Promise<ResolvedSample> {
  const sample = (await readTrustSamples()).find((candidate) => candidate.id === id);
  if (!sample) throw new Error(`no sample ${id} in the trust catalogue`);
  return sample;
}

async function launch(device: VirtualAndroidDevice, packageName: string): Promise<void> {
  const activity = device.packages.get(packageName)?.launchableActivity ?? '';
  await sh(device, `am start -n ${packageName}/${activity}`);
}

/** Installs the product, launches it and runs its onboarding (and update) flows. */
async function onboard(device: VirtualAndroidDevice, id: TrustProductId, options: { update?: boolean } = {}): Promise<ResolvedProduct> {
  const product = await readTrustProduct(id);
  await installFile(device, product.apk.file, false);
  await launch(device, product.package);
  await runSteps(device, product.flows.onboarding);
  if (options.update ?? true) await runSteps(device, product.flows.update);
  return product;
}

function productNotifications(device: VirtualAndroidDevice, packageName: string): Array<{ title: string; text: string }> {
  return device.notifications.list().filter((n) => n.packageName === packageName).map((n) => ({ title: n.title, text: n.text }));
}

/** Waits (bounded) until the product's real-time check of a package has run, from its log line. */
async function waitForRealTimeCheck(device: VirtualAndroidDevice, packageName: string): Promise<void> {
  await vi.waitFor(async () => expect(await sh(device, 'logcat -d -s RealTimeProtection')).toContain(`checked ${packageName}:`), WAIT);
}

describe('the trust fixtures', () => {
  it('expected.yaml gives one outcome for every product × sample × protocol of the trust round, and every file loads', async () => {
    const round = await loadRound(`${TRUST_DIR}rounds/trust.yaml`);
    const expected = await readTrustExpectations();
    expect(round.products.map((product) => product.id)).toEqual([...TRUST_PRODUCTS]);
    const sampleIds = round.samples.map((sample) => sample.id);
    expect(Object.keys(expected).sort()).toEqual([...TRUST_PRODUCTS].sort());
    for (const product of TRUST_PRODUCTS) expect(Object.keys(expected[product] ?? {}).sort(), product).toEqual([...sampleIds].sort());
    // The rules each product is written to break show in the expectations.
    expect(expected.pulse?.devicehealth?.['on-demand']).toMatchObject({ detected: false, alerted: false });
    expect(expected.plainguard?.settings?.['on-demand']).toMatchObject({ identifiedBy: 'label', ambiguous: true });
    expect(expected.linescan?.mspy?.['real-time']).toMatchObject({ detectedBy: ['real-time'], identifiedBy: 'package' });
    expect(expected.firstlook?.mspy?.['on-demand'].detectedBy).toEqual(['first-start', 'scan']);
    expect(expected.allseeing?.['pocket-notes']?.['on-demand']).toMatchObject({ detected: false, harnessNoise: [...HARNESS_APPS] });
    expect(expected.brittle?.mspy?.['on-demand']).toMatchObject({ status: 'product-error', code: 'PRODUCT_CRASHED' });
  });
});

describe('trust samples', () => {
  it.each(['devicehealth', 'settings'])('%s: its own setup screen starts its collecting service; its label is the disguise', async (id) => {
    const device = await freshDevice();
    const sample = await sampleById(id);
    await installFile(device, sample.file);
    expect(device.packages.get(sample.package)?.label).toBe(sample.label);
    await launch(device, sample.package);
    const uiSteps = sample.setup.filter((step) => ['type', 'tap', 'waitFor'].includes(step.action)) as Parameters<typeof runSteps>[1];
    expect(uiSteps.length).toBeGreaterThanOrEqual(3);
    // The catalogue hides the icon last, through the sample's own switch (a real phone refuses the shell that).
    const hide = uiSteps.findIndex((step) => JSON.stringify(step).includes(':id/hide_icon_switch'));
    expect(hide).toBe(uiSteps.length - 1);
    await runSteps(device, uiSteps.slice(0, hide));
    expect(device.processes.services().some((service) => service.packageName === sample.package)).toBe(true);
    for (const button of ['enable_accessibility', 'activate_admin', 'hide_icon_switch']) {
      expect(findAll(device, { id: `${sample.package}:id/${button}` }), button).toHaveLength(1);
    }
    await runSteps(device, uiSteps.slice(hide));
    const record = device.packages.get(sample.package)!;
    const launcher = record.components.find((component) => component.name === record.launchableActivity)!;
    expect(isComponentEnabled(record, launcher)).toBe(false);
  });
});

describe('trust products on an in-process device', () => {
  it('pulse: its "Device health" status line is a foreground-service notification, and its scan says "No threats found"', async () => {
    const device = await freshDevice();
    await installFile(device, (await sampleById('devicehealth')).file);
    const product = await onboard(device, 'pulse');
    const dumped = await vi.waitFor(async () => {
      const found = parseDumpsysNotification(await sh(device, 'dumpsys notification --noredact')).filter((n) => n.packageName === product.package);
      expect(found).toHaveLength(1);
      return found[0]!;
    }, WAIT);
    expect(dumped).toMatchObject({ title: 'Pulse Security', text: 'Device health: good · real-time scanning on', foregroundService: true, ongoing: true });
    expect(await sh(device, 'dumpsys activity services com.pulsesecurity.app')).toMatch(/isForeground=true foregroundId=1/);
    await runSteps(device, product.flows.scan);
    expect(readResults(device, product.results)).toEqual([]);
    expect(findAll(device, product.results.noThreats).map((node) => node.text)).toEqual(['No threats found']);
    expect(productNotifications(device, product.package)).toHaveLength(1);
  });

  it('plainguard: each finding is "Potentially unwanted app" with the app\'s label and no package; the real-time notification names the label', async () => {
    const device = await freshDevice();
    const samples = await readTrustSamples();
    for (const sample of samples) await installFile(device, sample.file);
    const product = await onboard(device, 'plainguard');
    await runSteps(device, product.flows.scan);
    const rows = findAll(device, product.results.item);
    const findings = rows.map((row) => ({
      threat: findAll(device, product.results.threatName, row)[0]?.text,
      app: product.results.appLabel ? findAll(device, product.results.appLabel, row)[0]?.text : undefined,
      text: flatten(row).map((node) => node.text).join(' '),
    }));
    expect(findings.map((finding) => finding.app).sort()).toEqual(['Device Health', 'Settings', 'System Service', 'Update Service']);
    for (const finding of findings) {
      expect(finding.threat).toBe('Potentially unwanted app');
      for (const sample of samples) expect(finding.text).not.toContain(sample.package);
    }

    const live = await freshDevice();
    const realTime = await onboard(live, 'plainguard');
    const settings = await sampleById('settings');
    await installFile(live, settings.file);
    await vi.waitFor(() => expect(productNotifications(live, realTime.package)).toEqual([
      { title: 'Potentially unwanted app found', text: 'Settings can read your messages and location' },
    ]), WAIT);
  });

  it('linescan: each entry is one line "<label> · <package>"; its real-time alert shows only when it is next opened, never as a notification', async () => {
    const device = await freshDevice();
    for (const id of ['devicehealth', 'mspy', 'pocket-notes']) await installFile(device, (await sampleById(id)).file);
    const product = await onboard(device, 'linescan');
    await runSteps(device, product.flows.scan);
    const rows = findAll(device, product.results.item);
    const lines = rows.map((row) => flatten(row).map((node) => node.text).filter(Boolean));
    expect(lines.sort()).toEqual([['Device Health · com.gizmoquip.smstracker'], ['Update Service · update.service.android']]);

    const live = await freshDevice();
    const realTime = await onboard(live, 'linescan');
    const settings = await sampleById('settings');
    // Installed while LineScan is in front: it still shows nothing until it is opened again.
    await installFile(live, settings.file);
    await waitForRealTimeCheck(live, settings.package);
    expect(live.ui.focusedWindow().packageName).toBe(realTime.package);
    expect(findAll(live, { id: 'io.linescan.av:id/inapp_alert' })).toEqual([]);
    expect(productNotifications(live, realTime.package)).toEqual([]);
    live.ui.pressKey(3);
    await launch(live, realTime.package);
    const dialog = realTime.alerts.dialogs[0]!;
    await vi.waitFor(() => expect(findAll(live, dialog.match)).toHaveLength(1), WAIT);
    expect(findAll(live, dialog.text!).map((node) => node.text)).toEqual(['Settings · com.android.settings.app']);
    await runSteps(live, realTime.flows.dismissAlert ?? []);
    expect(findAll(live, dialog.match)).toEqual([]);
    expect(productNotifications(live, realTime.package)).toEqual([]);
  });

  it('firstlook: a modal "Threat found" dialog right after onboarding, cancelled by a tap outside; its scan lists the threat with its package', async () => {
    const device = await freshDevice();
    const mspy = await sampleById('mspy');
    await installFile(device, mspy.file);
    const product = await onboard(device, 'firstlook', { update: false });
    const dialog = product.alerts.dialogs[0]!;
    await vi.waitFor(() => expect(findAll(device, dialog.match)).toHaveLength(1), WAIT);
    expect(findAll(device, dialog.text!).map((node) => node.text)).toEqual(['Update Service (update.service.android) can spy on you']);
    expect(findAll(device, { id: 'android:id/button1' }).map((node) => node.text)).toEqual(['Remove']);
    expect(findAll(device, { id: 'android:id/button2' }).map((node) => node.text)).toEqual(['Not now']);
    // Material dialogs cancel on a touch outside; the touch never reaches the screen below.
    device.ui.tap(20, device.profile.screenHeight / 2);
    expect(findAll(device, dialog.match)).toEqual([]);
    await runSteps(device, product.flows.update);
    await runSteps(device, product.flows.scan);
    expect(readResults(device, product.results)).toMatchObject([{ threatName: 'Stalkerware.mSpy', packageName: 'update.service.android', category: 'Stalkerware' }]);

    const clean = await freshDevice();
    await installFile(clean, (await sampleById('pocket-notes')).file);
    const again = await onboard(clean, 'firstlook');
    expect(findAll(clean, dialog.match)).toEqual([]);
    await runSteps(clean, again.flows.scan);
    expect(findAll(clean, again.results.noThreats)).toHaveLength(1);
  });

  it('firstlook: its dismissAlert flow closes the first-start dialog without removing the sample', async () => {
    const device = await freshDevice();
    const sample = await sampleById('devicehealth');
    await installFile(device, sample.file);
    const product = await onboard(device, 'firstlook', { update: false });
    const dialog = product.alerts.dialogs[0]!;
    await vi.waitFor(() => expect(findAll(device, dialog.match)).toHaveLength(1), WAIT);
    await runSteps(device, product.flows.dismissAlert ?? []);
    expect(findAll(device, dialog.match)).toEqual([]);
    expect(device.packages.get(sample.package)).toBeDefined();
  });

  it('allseeing: flags Appium\'s settings and server apps as Riskware.Automation next to the sample', async () => {
    const device = await freshDevice();
    for (const url of [APPIUM_APK.settings, APPIUM_APK.server]) {
      expect((await device.installApk(readApk(url), { ...INSTALL, allowTest: true })).ok).toBe(true);
    }
    await installFile(device, (await sampleById('settings')).file);
    const product = await onboard(device, 'allseeing');
    await runSteps(device, product.flows.scan);
    const entries = readResults(device, product.results);
    expect(entries.map((entry) => [entry.packageName, entry.threatName]).sort()).toEqual([
      ['com.android.settings.app', 'Spy.OneSpy'],
      ['io.appium.settings', 'Riskware.Automation'],
      ['io.appium.uiautomator2.server', 'Riskware.Automation'],
    ]);
    // The Appium Settings entry holds the word "Settings" too: only the package tells them apart.
    expect(entries.filter((entry) => /\bSettings\b/.test(entry.text))).toHaveLength(2);
  });

  it('brittle: crashes as its scan ends; the process is gone, a FATAL EXCEPTION is logged and no results screen ever shows', async () => {
    const device = await freshDevice();
    await installFile(device, (await sampleById('mspy')).file);
    const product = await onboard(device, 'brittle');
    expect(device.processes.byPackage(product.package)).toBeDefined();
    const scanTap = product.flows.scan.filter((step) => step.action === 'tap');
    await runSteps(device, scanTap);
    await vi.waitFor(() => expect(device.processes.byPackage(product.package)).toBeUndefined(), WAIT);
    expect(await sh(device, 'logcat -d -s AndroidRuntime')).toMatch(/FATAL EXCEPTION: main[\s\S]*Process: com\.brittle\.antivirus/);
    expect(findAll(device, { id: 'com.brittle.antivirus:id/scan_done' })).toEqual([]);
    expect(findAll(device, product.results.item)).toEqual([]);
    expect(findAll(device, product.results.noThreats)).toEqual([]);
    // The results were never kept: opened again, it has no last scan.
    for (const button of findAll(device, { textContains: 'Close' })) device.ui.click(button.uid);
    await launch(device, product.package);
    await vi.waitFor(() => expect(findAll(device, { id: 'com.brittle.antivirus:id/last_scan' }).map((node) => node.text)).toEqual(['Last scan: Never']), WAIT);
  });

  it('brittle: real-time protection works (no scan, no crash) and names the package', async () => {
    const device = await freshDevice();
    const product = await onboard(device, 'brittle');
    await installFile(device, (await sampleById('devicehealth')).file);
    await vi.waitFor(() => expect(productNotifications(device, product.package)).toEqual([
      { title: 'Brittle blocked a threat', text: 'Android/Spy.CallSMSTracker found in Device Health (com.gizmoquip.smstracker)' },
    ]), WAIT);
    expect(device.processes.byPackage(product.package)).toBeDefined();
  });
});
