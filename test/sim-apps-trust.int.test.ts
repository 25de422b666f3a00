/**
 * The trust products of issue 12 (test/fixtures/trust/) through the whole real stack (WebdriverIO →
 * Appium → UiAutomator2 driver → adb → virtual emulator), each driven by its own profile's flows with
 * the harness's flow interpreter and observed as a harness observes a phone: `dumpsys notification`,
 * the UI hierarchy through Appium, `pidof` and logcat. It shows that each product really does what
 * it was built to do before expected.yaml is held against the harness's verdicts. Ports: picked free
 * by startAppsStack (no fixed block needed); zero app delays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webdriverio';
import { runFlow, type FlowContext } from '../harness/appium/flow-interpreter.ts';
import type { ResolvedProduct, ResolvedSample } from '../harness/config/index.ts';
import { startAppsStack, type AppsStack } from '../simulator/apps/testing/stack.ts';
import { HARNESS_APPS, readTrustProduct, readTrustSamples, type TrustProductId } from '../simulator/apps/testing/trust-fixtures.ts';
import { pollFor } from './support/index.ts';

let stack: AppsStack;
let samples: ResolvedSample[];

beforeAll(async () => {
  stack = await startAppsStack();
  samples = await readTrustSamples();
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

function sample(id: string): ResolvedSample {
  const found = samples.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no sample ${id}`);
  return found;
}

function flowContext(driver: Browser): FlowContext {
  return { driver, defaultStepTimeoutMs: 10_000, autoAcceptPermissionDialogs: true, signal: new AbortController().signal, capture: async () => undefined, values: new Map(), pollIntervalMs: 50 };
}

/** A fresh device with the given samples installed, then the product installed, launched and onboarded. */
async function onboarded(productId: TrustProductId, sampleIds: readonly string[]): Promise<{ driver: Browser; product: ResolvedProduct; context: FlowContext }> {
  await stack.restore();
  for (const id of sampleIds) await stack.adb(['install', '-g', sample(id).file]);
  const product = await readTrustProduct(productId);
  await stack.adb(['install', product.apk.file]);
  const driver = await stack.session();
  await driver.execute('mobile: activateApp', { appId: product.package });
  const context = flowContext(driver);
  await runFlow('onboarding', product.flows.onboarding, context);
  return { driver, product, context };
}

/** Every text inside each element the selector's id matches, one list per element. */
async function rowTexts(driver: Browser, id: string): Promise<string[][]> {
  const rows = await driver.$$(`id=${id}`);
  const texts: string[][] = [];
  for (const row of rows) {
    const inside = await row.$$('.//*[@text!=""]');
    const values: string[] = [];
    for (const element of inside) values.push(await element.getText());
    texts.push(values);
  }
  return texts;
}

describe('trust products on the virtual emulator, through Appium', () => {
  it('pulse: the "Device health" status line is an ongoing foreground-service notification; the scan reads "No threats found"', async () => {
    const { driver, product, context } = await onboarded('pulse', ['devicehealth']);
    const status = await pollFor('the status notification', async () => (await stack.notifications(product.package))[0], { budgetMs: 10_000, intervalMs: 100 });
    expect(status).toMatchObject({ title: 'Pulse Security', text: 'Device health: good · real-time scanning on', ongoing: true, foregroundService: true });
    await runFlow('update', product.flows.update, context);
    await runFlow('scan', product.flows.scan, context);
    expect(await driver.$$(`id=${product.results.item.id ?? ''}`)).toHaveLength(0);
    expect(await (await driver.$(`id=${product.results.noThreats.id ?? ''}`)).getText()).toBe('No threats found');
    expect(await stack.notifications(product.package)).toHaveLength(1);
    await stack.end(driver);
  }, 120_000);

  it('plainguard: findings name the app only by label; the real-time notification too', async () => {
    const { driver, product, context } = await onboarded('plainguard', ['mspy']);
    await runFlow('update', product.flows.update, context);
    await runFlow('scan', product.flows.scan, context);
    expect(await rowTexts(driver, product.results.item.id ?? '')).toEqual([['Potentially unwanted app', 'Update Service']]);
    await driver.installApp(sample('settings').file);
    const alert = await pollFor('the real-time notification', async () => (await stack.notifications(product.package))[0], { budgetMs: product.expectedDelays.realTimeAlertMs, intervalMs: 100 });
    expect(alert).toMatchObject({ title: 'Potentially unwanted app found', text: 'Settings can read your messages and location', ongoing: false, foregroundService: false });
    await stack.end(driver);
  }, 120_000);

  it('linescan: one line per entry; after a real-time detection no notification or dialog, the in-app alert only once it is opened again', async () => {
    const { driver, product, context } = await onboarded('linescan', ['devicehealth']);
    await runFlow('update', product.flows.update, context);
    await runFlow('scan', product.flows.scan, context);
    expect(await rowTexts(driver, product.results.item.id ?? '')).toEqual([['Device Health · com.gizmoquip.smstracker']]);
    await driver.execute('mobile: pressKey', { keycode: 3 });
    await stack.adb(['install', '-g', sample('settings').file]);
    await pollFor('the real-time check', async () => ((await stack.adb(['logcat', '-d', '-s', 'RealTimeProtection'])).includes('checked com.android.settings.app:') ? true : undefined), { budgetMs: 10_000, intervalMs: 100 });
    expect(await stack.notifications(product.package)).toEqual([]);
    const dialog = product.alerts.dialogs[0]!;
    expect(await driver.$$(`id=${dialog.match.id ?? ''}`)).toHaveLength(0);
    await driver.execute('mobile: activateApp', { appId: product.package });
    const text = await driver.$(`id=${dialog.text?.id ?? ''}`);
    await text.waitForExist({ timeout: 10_000 });
    expect(await text.getText()).toBe('Settings · com.android.settings.app');
    await runFlow('dismiss-alert', product.flows.dismissAlert ?? [], context);
    expect(await driver.$$(`id=${dialog.match.id ?? ''}`)).toHaveLength(0);
    await stack.end(driver);
  }, 120_000);

  it('firstlook: the modal "Threat found" dialog is on screen right after onboarding; dismissAlert closes it and update and scan then run', async () => {
    const { driver, product, context } = await onboarded('firstlook', ['thetruthspy']);
    const message = await driver.$('id=android:id/message');
    await message.waitForExist({ timeout: product.expectedDelays.firstStartMs });
    expect(await (await driver.$('id=android:id/alertTitle')).getText()).toBe('Threat found');
    expect(await message.getText()).toBe('System Service (com.systemservice) can spy on you');
    await runFlow('dismiss-alert', product.flows.dismissAlert ?? [], context);
    expect(await driver.$$('id=android:id/alertTitle')).toHaveLength(0);
    await runFlow('update', product.flows.update, context);
    await runFlow('scan', product.flows.scan, context);
    expect(await rowTexts(driver, product.results.item.id ?? '')).toEqual([['Stalkerware.TheTruthSpy', 'com.systemservice', 'Stalkerware']]);
    await stack.end(driver);
  }, 120_000);

  it('allseeing: its scan lists Appium\'s own settings and server apps as Riskware.Automation beside a clean device', async () => {
    const { driver, product, context } = await onboarded('allseeing', ['pocket-notes']);
    await runFlow('update', product.flows.update, context);
    await runFlow('scan', product.flows.scan, context);
    const rows = await rowTexts(driver, product.results.item.id ?? '');
    expect(rows.map((row) => row[2]).sort()).toEqual([...HARNESS_APPS]);
    for (const row of rows) expect(row[0]).toBe('Riskware.Automation');
    await stack.end(driver);
  }, 120_000);

  it('brittle: its scan flow never reaches the results: the process is gone with a FATAL EXCEPTION in logcat', async () => {
    const { driver, product, context } = await onboarded('brittle', ['mspy']);
    await runFlow('update', product.flows.update, context);
    await expect(runFlow('scan', product.flows.scan, { ...context, defaultStepTimeoutMs: 3_000 })).rejects.toThrow();
    expect((await stack.shell(`pidof ${product.package} || true`)).trim()).toBe('');
    expect(await stack.adb(['logcat', '-d', '-s', 'AndroidRuntime'])).toMatch(/FATAL EXCEPTION: main[\s\S]*Process: com\.brittle\.antivirus/);
    expect(await driver.$$(`id=${product.results.item.id ?? ''}`)).toHaveLength(0);
    expect(await driver.$$(`id=${product.results.noThreats.id ?? ''}`)).toHaveLength(0);
    await stack.end(driver);
  }, 120_000);
});
