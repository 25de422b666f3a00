import type { Browser } from 'webdriverio';

/**
 * The buttons of Android's runtime-permission dialog that grant access, most specific first
 * (API 29+: com.android.permissioncontroller; older: com.android.packageinstaller).
 */
export const PERMISSION_ALLOW_BUTTONS = [
  'com.android.permissioncontroller:id/permission_allow_foreground_only_button',
  'com.android.permissioncontroller:id/permission_allow_button',
  'com.android.permissioncontroller:id/permission_allow_always_button',
  'com.android.packageinstaller:id/permission_allow_button',
] as const;

async function findAllowButton(driver: Browser): Promise<string | undefined> {
  for (const id of PERMISSION_ALLOW_BUTTONS) {
    const found = (await driver.findElements('id', id)) as unknown as Array<Record<string, string>>;
    const first = found[0];
    if (first) return first['element-6066-11e4-a52e-4f735466cecf'] ?? first['ELEMENT'];
  }
  return undefined;
}

/** Accepts permission dialogs until none is shown or `max` were accepted; returns how many were accepted. */
export async function acceptPermissionDialogs(driver: Browser, max: number): Promise<number> {
  let accepted = 0;
  while (accepted < max) {
    const button = await findAllowButton(driver);
    if (!button) break;
    await driver.elementClick(button);
    accepted += 1;
  }
  return accepted;
}
