import { describe, expect, it } from 'vitest';
import { APPIUM_APK, bootDevice, installVia, readApk, runLine } from '../testing/run-shell.ts';

const INSTRUMENT = 'am instrument -w -e disableAnalytics true io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner';

async function pollUntil(check: () => Promise<boolean> | boolean, budgetMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function deviceWithServer() {
  const booted = await bootDevice();
  await installVia(booted.sh, readApk(APPIUM_APK.server));
  await installVia(booted.sh, readApk(APPIUM_APK.serverTest));
  return booted;
}

describe('am instrument of the UiAutomator2 server', () => {
  it('stays open while the server runs, shows its process, and ends with force-stop', async () => {
    const { device, sh } = await deviceWithServer();
    const running = runLine(device, INSTRUMENT);
    expect(await pollUntil(() => device.connectTcp(6790) !== undefined)).toBe(true);
    expect((await sh('ps -A')).stdout).toMatch(/ io\.appium\.uiautomator2\.server$/m);
    expect((await sh('am force-stop io.appium.uiautomator2.server')).status).toBe(0);
    const result = await running;
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\nio\.appium\.uiautomator2\.server\.test\.AppiumUiAutomator2Server:\n\.\nTime: \d+\.\d{3}\n\nOK \(1 test\)\n\n$/);
    expect((await sh('ps -A')).stdout).not.toContain('io.appium.uiautomator2.server');
    expect(device.connectTcp(6790)).toBeUndefined();
  });

  it('ends when the host closes the stream', async () => {
    const { device, sh } = await deviceWithServer();
    const controller = new AbortController();
    const running = runLine(device, INSTRUMENT, { signal: controller.signal });
    expect(await pollUntil(() => device.connectTcp(6790) !== undefined)).toBe(true);
    controller.abort();
    expect((await running).status).toBe(0);
    expect((await sh('pidof io.appium.uiautomator2.server')).status).toBe(1);
  });

  it('announces the instrumentation with its DISABLE_SUPPRESS_ACCESSIBILITY_SERVICES option', async () => {
    const { device } = await deviceWithServer();
    const seen: boolean[] = [];
    device.events.on('instrumentationStarted', ({ options }) => seen.push(options.disableSuppressAccessibilityServices));
    for (const extra of ['', '-e DISABLE_SUPPRESS_ACCESSIBILITY_SERVICES true ']) {
      const controller = new AbortController();
      const running = runLine(device, INSTRUMENT.replace('-w ', `-w ${extra}`), { signal: controller.signal });
      expect(await pollUntil(() => device.connectTcp(6790) !== undefined)).toBe(true);
      controller.abort();
      await running;
    }
    expect(seen).toEqual([false, true]);
  });
});
