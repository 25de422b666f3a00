import { describe, expect, it } from 'vitest';
import { bootDevice, fixtureApk, installVia } from '../shell/testing/run-shell.ts';

const PKG = 'com.systemservice';
const A11Y = `${PKG}.service.SystemAccessibilityService`;

describe('bound services', () => {
  it('binds an accessibility service named in the setting only when it declares the AccessibilityService intent-filter', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('stalkerware-thetruthspy'), '-g');
    const service = device.packages.get(PKG)?.components.find((component) => component.name === A11Y);
    if (service === undefined) throw new Error('fixture lacks its accessibility service');
    const declared = [...service.actions];
    service.actions = [];
    await sh(`settings put secure enabled_accessibility_services ${PKG}/${A11Y}`);
    expect((await sh(`dumpsys activity services ${PKG}`)).stdout).not.toContain('SystemAccessibilityService');
    service.actions = declared;
    await sh('settings put secure enabled_accessibility_services null');
    await sh(`settings put secure enabled_accessibility_services ${PKG}/${A11Y}`);
    expect((await sh(`dumpsys activity services ${PKG}`)).stdout).toContain('SystemAccessibilityService');
  });
});
