/**
 * The five demo products through the whole real stack (WebdriverIO → Appium → UiAutomator2 driver → adb →
 * virtual emulator): each is onboarded, updated and scanned with its own profile's flows run by the
 * harness's flow interpreter, its results are read with the harness's reader, its notifications with
 * `dumpsys notification --noredact`, and the harness's verdict for every demo sample must equal
 * scenarios/ground-truth.yaml. All demo samples are installed at once (zero app delays).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webdriverio';
import { runFlow, type FlowContext } from '../harness/appium/flow-interpreter.ts';
import { readScanResults } from '../harness/round/read-scan-results.ts';
import { decideVerdict, SYSTEM_APPS, type ObservedAlert } from '../harness/verdict/index.ts';
import { readDemoSamples, readGroundTruth, readProduct, type DemoSample, type GroundTruth } from '../simulator/apps/testing/ground-truth.ts';
import { startAppsStack, type AppsStack } from '../simulator/apps/testing/stack.ts';
import { pollFor } from './support/index.ts';

const PRODUCTS = ['sentinel', 'quietguard', 'namecheck', 'thoroughshield', 'overcautious'] as const;
const CRITERIA = { categories: [], namePatterns: [], safetyAdvicePatterns: [] };

let stack: AppsStack;
let truth: GroundTruth;
let samples: DemoSample[];

beforeAll(async () => {
  stack = await startAppsStack();
  truth = await readGroundTruth();
  samples = await readDemoSamples();
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

function flowContext(driver: Browser, autoAccept: boolean): FlowContext {
  return { driver, defaultStepTimeoutMs: 15_000, autoAcceptPermissionDialogs: autoAccept, signal: new AbortController().signal, capture: async () => undefined, values: new Map(), pollIntervalMs: 50 };
}

async function onboardProduct(productId: string): Promise<{ driver: Browser; product: Awaited<ReturnType<typeof readProduct>>; context: FlowContext }> {
  const product = await readProduct(productId);
  await stack.adb(['install', product.apk.file]);
  const driver = await stack.session();
  await driver.execute('mobile: activateApp', { appId: product.package });
  const context = flowContext(driver, product.autoAcceptPermissionDialogs);
  await runFlow('onboarding', product.flows.onboarding, context);
  await runFlow('update', product.flows.update, context);
  return { driver, product, context };
}

function asAlerts(notifications: Array<{ title: string; text: string; postTime: number | undefined }>, phase: ObservedAlert['phase']): ObservedAlert[] {
  return notifications.map((n) => ({ kind: 'notification', phase, title: n.title, text: n.text, seenAt: n.postTime ?? 0 }));
}

describe('demo products on the virtual emulator, through Appium', () => {
  it.each(PRODUCTS)('%s: onboarding, update, scan and results give the ground truth for every sample (on-demand)', async (productId) => {
    await stack.restore();
    for (const sample of samples) await stack.adb(['install', '-g', sample.apk]);
    const { driver, product, context } = await onboardProduct(productId);
    const firstStart = asAlerts(await stack.notifications(product.package), 'first-start');
    await runFlow('scan', product.flows.scan, context);
    if (product.flows.results) await runFlow('results', product.flows.results, context);
    const entries = await readScanResults(driver, product.results);
    expect(entries.length).toBeGreaterThan(0);
    const screenshot = Buffer.from(await driver.takeScreenshot(), 'base64');
    expect(screenshot.subarray(1, 4).toString('latin1')).toBe('PNG');
    for (const sample of samples) {
      const verdict = decideVerdict({ sample: { packageName: sample.packageName, label: sample.label, kind: 'stalkerware' }, criteria: CRITERIA, scanEntries: entries, alerts: firstStart, otherApps: SYSTEM_APPS, sampleInstalledAt: undefined });
      expect({ sample: sample.id, detected: verdict.detected, detectedBy: verdict.detectedBy, alerted: verdict.alerted })
        .toEqual({ sample: sample.id, ...truth[productId]![sample.id]!['on-demand'] });
    }
    await stack.end(driver);
  }, 180_000);

  it('sentinel: installing a sample while it runs posts its notification and raises its alert screen within its stated delay', async () => {
    await stack.restore();
    await stack.shell('settings put global stalkerbench_fast_apps 0');
    const { driver, product } = await onboardProduct('sentinel');
    const sample = samples.find((s) => s.id === 'mspy')!;
    const installedAt = Date.now();
    await driver.installApp(sample.apk);
    const notification = await pollFor('the real-time notification', async () =>
      (await stack.notifications(product.package)).find((n) => n.text.includes(sample.label)), { budgetMs: product.expectedDelays.realTimeAlertMs, intervalMs: 200 });
    const alertMs = Date.now() - installedAt;
    expect(notification.title).toBe('Stalkerware detected');
    expect(notification.channelId).toBe('threat_alerts');
    const dialog = product.alerts.dialogs[0]!;
    const message = await driver.$(`id=${dialog.text?.id ?? ''}`);
    await message.waitForExist({ timeout: product.expectedDelays.realTimeAlertMs });
    expect(await message.getText()).toContain(sample.label);
    // The notification is in the shade too.
    await driver.openNotifications();
    expect(await driver.$(`android=new UiSelector().textContains("${sample.label} (")`).isExisting()).toBe(true);
    await driver.back();
    await runFlow('dismiss-alert', product.flows.dismissAlert ?? [], flowContext(driver, true));
    process.stdout.write(`[sim-apps] sentinel real-time alert after ${alertMs} ms (behaviour: 1500 ms, profile budget ${product.expectedDelays.realTimeAlertMs} ms)\n`);
    await stack.end(driver);
  }, 120_000);
});
