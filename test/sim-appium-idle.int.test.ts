/**
 * What the virtual UiAutomator2 server makes a lookup cost and fail with, through real Appium and adb:
 * idle waits bounded by the `waitForIdleTimeout` setting (the harness's capability reaches the server),
 * and a hung app in front blocking the server until Android is given pending input and reports the ANR.
 * The stack (simulator/apps/testing/stack.ts) allocates its own free ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../harness/appium/flow-interpreter.ts';
import { onboardDemoProduct, startAppsStack, testFlowContext, type AppsStack } from '../simulator/apps/testing/stack.ts';
import { pollFor } from './support/index.ts';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SCAN_FINISHED = 'new UiSelector().textContains("Scan finished:")';

let stack: AppsStack;

beforeAll(async () => {
  stack = await startAppsStack();
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

const onboarded = (productId: string) => onboardDemoProduct(stack, productId);

/** The W3C error name and message a command fails with. */
async function failureOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return 'no error';
}

describe('idle waits and a hung app on the virtual UiAutomator2 server', () => {
  it("a lookup waits for a changing screen to settle, up to the session's waitForIdleTimeout (set by the harness's capability)", async () => {
    const { driver, product } = await onboarded('namecheck');
    expect((await driver.getSettings())['waitForIdleTimeout']).toBe(100);
    // Real app delays: the scan counter ticks every 250 ms for 3 s, so the screen is never quiet for 500 ms.
    await stack.shell('settings put global stalkerbench_fast_apps 0');
    await driver.updateSettings({ waitForIdleTimeout: 0 });
    await runFlow('scan', product.flows.scan.slice(0, 2), testFlowContext(driver));
    // Without an idle wait the lookup sees the running scan...
    expect(await driver.findElements('-android uiautomator', SCAN_FINISHED)).toHaveLength(0);
    // ...with one, the same single lookup returns only once the scan has ended and the screen settled.
    await driver.updateSettings({ waitForIdleTimeout: 10_000 });
    expect(await driver.findElements('-android uiautomator', SCAN_FINISHED)).toHaveLength(1);
    await stack.end(driver);
  }, 120_000);

  it('a hung app in front: lookups end in 500 "unknown error", its elements go stale, until a key gives Android pending input and the ANR dialog takes over', async () => {
    const { driver, product } = await onboarded('sentinel');
    const [button] = await driver.findElements('id', `${product.package}:id/scan_button`);
    expect(button).toBeDefined();
    await stack.console(`stalkerbench fault app-hang ${product.package}`);
    expect(await failureOf(() => driver.findElements('id', `${product.package}:id/scan_button`))).toMatch(/root AccessibilityNodeInfo in the active window/);
    expect(await failureOf(() => driver.getElementText(button![ELEMENT]))).toMatch(/stale element reference/);
    // Nothing is logged until input waits for the app (AnrHelper): one key event, then the 5 s timeout.
    expect(await stack.adb(['logcat', '-d', '-b', 'system'])).not.toContain(`ANR in ${product.package}`);
    await stack.shell('input keyevent 59');
    await pollFor('the ANR', async () => ((await stack.adb(['logcat', '-d', '-b', 'system'])).includes(`ANR in ${product.package}`) ? true : undefined), { budgetMs: 15_000 });
    const title = await pollFor('the ANR dialog', async () => (await driver.findElements('id', 'android:id/alertTitle'))[0]);
    expect(await driver.getElementText(title[ELEMENT])).toBe("Sentinel Mobile Security isn't responding");
    await stack.end(driver);
  }, 120_000);
});
