/** The in-process flow driver runs the device steps the way Appium sends them and never skips a step it cannot run. */
import { describe, expect, it } from 'vitest';
import { flowSchema } from '../../../harness/config/flow-schema.ts';
import { bootDevice, fixtureApk, installVia } from '../../shell/testing/run-shell.ts';
import { findAll, runSteps } from './ui-flow-driver.ts';

const APP = 'com.brightwall.security';

async function withBrightwall() {
  const booted = await bootDevice();
  await booted.sh('settings put global stalkerbench_fast_apps 1');
  await installVia(booted.sh, fixtureApk('product-brightwall'), '-r -g');
  return booted.device;
}

describe('runSteps', () => {
  it('runs launchApp, openLink, pressKey, shell and the assertions on the device', async () => {
    const device = await withBrightwall();
    await runSteps(device, flowSchema.parse([
      { launchApp: APP },
      { assertVisible: { id: `${APP}:id/skip_sign_in` }, timeoutMs: 3000 },
      { openLink: 'brightwall://privacy' },
      { assertVisible: { id: `${APP}:id/privacy_title` }, timeoutMs: 3000 },
      { pressKey: 'appSwitch' },
      { assertNotVisible: { id: `${APP}:id/privacy_title` } },
      { pressKey: 'back' },
      { shell: ['input', 'keyevent', '3'] },
      { assertNotVisible: { id: `${APP}:id/privacy_title` } },
      { launchApp: APP },
      { assertVisible: { id: `${APP}:id/privacy_title` }, reason: 'activateApp brings the task back as it was' },
    ]));
    expect(findAll(device, { id: 'com.android.launcher3:id/task' })).toHaveLength(0);
  });

  it('fails a link no app takes, a step it cannot run and a selector it cannot match, instead of skipping them', async () => {
    const device = await withBrightwall();
    await expect(runSteps(device, flowSchema.parse([{ openLink: 'brightwall://nowhere' }]))).rejects.toThrow(/no app opens brightwall:\/\/nowhere/);
    await expect(runSteps(device, flowSchema.parse([{ swipe: 'up' }]))).rejects.toThrow("cannot run step 'swipe'");
    await expect(runSteps(device, flowSchema.parse([{ tapIfPresent: { text: 'Skip', index: 1 } }]))).rejects.toThrow('matches only one of');
  });
});
