/**
 * `am start` resolving what Android 13 resolves: a deep link through an app's VIEW intent filter (and
 * the exact "unable to resolve" line when nothing takes it), `pkg/.Cls` as a component, the launcher
 * intent on a running app bringing its task back as it was, and BACK out of Settings over the app.
 */
import { describe, expect, it } from 'vitest';
import { findAll } from '../../apps/testing/ui-flow-driver.ts';
import { bootDevice, fixtureApk, installVia } from '../testing/run-shell.ts';

const APP = 'com.brightwall.security';

async function withBrightwall() {
  const booted = await bootDevice();
  await booted.sh('settings put global stalkerbench_fast_apps 1');
  await installVia(booted.sh, fixtureApk('product-brightwall'), '-r -g');
  return booted;
}

describe('am start', () => {
  it('opens a deep link in the activity whose intent filter takes it, on the screen it maps to', async () => {
    const { sh, device } = await withBrightwall();
    const result = await sh(`am start -W -a android.intent.action.VIEW -d 'brightwall://privacy' ${APP}`);
    expect(result.stdout).toContain(`Starting: Intent { act=android.intent.action.VIEW dat=brightwall://privacy flg=0x10000000 pkg=${APP} }\nStatus: ok\n`);
    expect(result.stdout).toContain(`Activity: ${APP}/.LinkActivity\n`);
    expect(device.ui.focusedWindow()).toEqual({ packageName: APP, activity: `${APP}.LinkActivity` });
    expect(findAll(device, { id: `${APP}:id/privacy_title` })).toHaveLength(1);
  });

  it('prints the real "unable to resolve" line for a link nothing takes, on stdout with -W and status 0', async () => {
    const { sh, device } = await withBrightwall();
    const before = device.ui.focusedWindow();
    const unknown = await sh('am start -W -a android.intent.action.VIEW -d brightwall://nowhere');
    expect(unknown.status).toBe(0);
    expect(unknown.stdout).toContain('Error: Activity not started, unable to resolve Intent { act=android.intent.action.VIEW dat=brightwall://nowhere flg=0x10000000 }\n');
    expect(unknown.stdout).not.toContain('Status: ok');
    const web = await sh('am start -a android.intent.action.VIEW -d https://example.org/account?token=1');
    expect(web.stderr).toBe('Error: Activity not started, unable to resolve Intent { act=android.intent.action.VIEW dat=https://example.org/... flg=0x10000000 }\n');
    expect(device.ui.focusedWindow()).toEqual(before);
  });

  it('reads start-activity pkg/.Cls as a component with MAIN + LAUNCHER filled in', async () => {
    const { sh, device } = await withBrightwall();
    const result = await sh(`am start-activity -W ${APP}/.MainActivity`);
    expect(result.stdout).toContain(`Starting: Intent { act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] flg=0x10000000 cmp=${APP}/.MainActivity }`);
    expect(device.ui.focusedWindow()).toEqual({ packageName: APP, activity: `${APP}.MainActivity` });
    await sh('input keyevent 3');
    await sh(`am start -n ${APP}/${APP}.LinkActivity`);
    expect(device.ui.focusedWindow()).toEqual({ packageName: APP, activity: `${APP}.LinkActivity` });
  });

  it("Appium's activateApp intent brings the running task back with the screen it was on", async () => {
    const { sh, device } = await withBrightwall();
    const activate = `am start-activity -a android.intent.action.MAIN -c android.intent.category.LAUNCHER -f 0x10200000 -n ${APP}/.MainActivity`;
    await sh(activate);
    await sh(`am start -a android.intent.action.VIEW -d brightwall://privacy ${APP}`);
    await sh('input keyevent 3');
    expect(device.ui.focusedWindow().packageName).toBe('com.android.launcher3');
    const again = await sh(activate);
    expect(again.stderr).toBe('Warning: Activity not started, its current task has been brought to the front\n');
    expect(device.ui.focusedWindow()).toEqual({ packageName: APP, activity: `${APP}.LinkActivity` });
    expect(findAll(device, { id: `${APP}:id/privacy_title` })).toHaveLength(1);
  });

  it('BACK out of the Settings page an app opened returns to the app, not the launcher', async () => {
    const { sh, device } = await withBrightwall();
    await sh(`am start-activity -a android.intent.action.MAIN -c android.intent.category.LAUNCHER -f 0x10200000 -n ${APP}/.MainActivity`);
    const app = device.ui.focusedWindow();
    await sh(`am start -a android.settings.APPLICATION_DETAILS_SETTINGS -d package:${APP}`);
    expect(device.ui.focusedWindow().packageName).toBe('com.android.settings');
    await sh('input keyevent 4');
    expect(device.ui.focusedWindow()).toEqual(app);
  });
});
