/**
 * Fault injection of the Android side (`stalkerbench fault …` on the emulator console), each observed
 * the way a harness observes a real emulator: through Appium, adb and logcat. The emulator-level
 * faults (crash, drop-adb) are covered in sim-console.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlow } from '../harness/appium/flow-interpreter.ts';
import { onboardDemoProduct, startAppsStack, testFlowContext, type AppsStack } from '../simulator/apps/testing/stack.ts';
import { pollFor } from './support/index.ts';

let stack: AppsStack;

beforeAll(async () => {
  stack = await startAppsStack();
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

const onboarded = (productId: string) => onboardDemoProduct(stack, productId);

describe('stalkerbench fault … on the Android side', () => {
  it('lists the app faults next to the emulator ones', async () => {
    const names = (await stack.console('stalkerbench fault list')).map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(expect.arrayContaining(['crash', 'drop-adb', 'uia2-crash', 'app-hang', 'app-crash', 'scan-stall']));
    await expect(stack.console('stalkerbench fault app-hang com.example.absent')).rejects.toThrow(/not installed/);
  });

  it('app-hang: the UI stops reacting, then Android shows "isn\'t responding"; Close app stops it', async () => {
    const { driver, product } = await onboarded('sentinel');
    const scanButton = await driver.$('id=com.sentinelav.mobile:id/scan_button');
    const { x, y } = await scanButton.getLocation();
    const { width, height } = await scanButton.getSize();
    await stack.console(`stalkerbench fault app-hang ${product.package}`);
    // The hung window answers no accessibility query (UiAutomator2 lookups would time out): tap by coordinates.
    await stack.shell(`input tap ${Math.round(x + width / 2)} ${Math.round(y + height / 2)}`);
    await pollFor('the ANR', async () => ((await stack.adb(['logcat', '-d', '-s', 'ActivityManager'])).includes(`ANR in ${product.package}`) ? true : undefined), { budgetMs: 15_000 });
    expect(await (await driver.$('id=com.sentinelav.mobile:id/scan_progress')).isExisting()).toBe(false);
    const title = await driver.$('id=android:id/alertTitle');
    await title.waitForExist({ timeout: 10_000 });
    expect(await title.getText()).toBe("Sentinel Mobile Security isn't responding");
    expect(await (await driver.$('id=android:id/aerr_wait')).isExisting()).toBe(true);
    await (await driver.$('id=android:id/aerr_close')).click();
    await pollFor('the app gone', async () => ((await stack.shell(`pidof ${product.package} || true`)).trim() === '' ? true : undefined), { budgetMs: 10_000 });
    expect(await stack.adb(['logcat', '-d', '-s', 'ActivityManager'])).toContain(`ANR in ${product.package}`);
    await stack.end(driver);
  }, 90_000);

  it('app-crash: the process dies with FATAL EXCEPTION (crash buffer) and am_crash (events), no dialog; a second crash after reopening shows "keeps stopping"', async () => {
    const { driver, product } = await onboarded('quietguard');
    await stack.console(`stalkerbench fault app-crash ${product.package}`);
    expect((await stack.shell(`pidof ${product.package} || true`)).trim()).toBe('');
    expect(await (await driver.$('id=android:id/alertTitle')).isExisting()).toBe(false);
    expect(await stack.adb(['logcat', '-d', '-b', 'crash'])).toMatch(/E AndroidRuntime: FATAL EXCEPTION: main[\s\S]*Process: org\.quietguard\.scanner, PID: \d+/);
    expect(await stack.adb(['logcat', '-d', '-b', 'events'])).toMatch(/am_crash\s*: \[0,\d+,org\.quietguard\.scanner,/);
    await driver.execute('mobile: activateApp', { appId: product.package });
    await stack.console(`stalkerbench fault app-crash ${product.package}`);
    const title = await driver.$('id=android:id/alertTitle');
    await title.waitForExist({ timeout: 10_000 });
    expect(await title.getText()).toBe('QuietGuard Scanner keeps stopping');
    await (await driver.$('id=android:id/aerr_close')).click();
    await stack.end(driver);
  }, 90_000);

  it('scan-stall: the scan never finishes, so the profile\'s scan flow fails as a flow error', async () => {
    const { driver, product } = await onboarded('namecheck');
    await stack.console(`stalkerbench fault scan-stall ${product.package}`);
    const scan = product.flows.scan.map((step) => (step.action === 'waitFor' ? { ...step, timeoutMs: 3_000 } : step));
    await expect(runFlow('scan', scan, testFlowContext(driver))).rejects.toMatchObject({ code: 'FLOW_STEP_FAILED' });
    expect(await (await driver.$('id=com.namecheck.antivirus:id/scan_counter')).isExisting()).toBe(true);
    await stack.end(driver);
  }, 90_000);

  it('uia2-crash: the UiAutomator2 server dies under a session; Appium reports it and no server process is left', async () => {
    await stack.restore();
    const driver = await stack.session();
    expect(await (await driver.$('id=com.android.launcher3:id/apps_list_view')).isExisting()).toBe(true);
    await stack.console('stalkerbench fault uia2-crash');
    await pollFor('no server process', async () => (!(await stack.shell('ps -A')).includes('io.appium.uiautomator2.server') ? true : undefined), { budgetMs: 10_000 });
    await expect(driver.getPageSource()).rejects.toThrow();
    expect(await stack.adb(['logcat', '-d', '-s', 'AndroidRuntime'])).toContain('Process: io.appium.uiautomator2.server');
    await stack.end(driver).catch(() => undefined);
  }, 90_000);
});
