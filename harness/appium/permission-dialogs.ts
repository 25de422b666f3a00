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

/**
 * All allow buttons in one lookup: every find costs an idle wait and a walk of the active window on
 * the server, so four lookups per poll would cost four times what a real phone charges for one. A
 * UiSelector pattern (matched against the whole id, as Java's `Pattern.matches`) needs no page-source
 * snapshot, unlike an XPath union; the ids hold no regex characters but dots, which match themselves.
 */
const ALLOW_BUTTONS_SELECTOR = `new UiSelector().resourceIdMatches("(${PERMISSION_ALLOW_BUTTONS.join('|')})")`;

async function findAllowButton(driver: Browser): Promise<string | undefined> {
  const found = (await driver.findElements('-android uiautomator', ALLOW_BUTTONS_SELECTOR)) as unknown as Array<Record<string, string>>;
  const ids = found.map((reference) => reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '');
  if (ids.length <= 1) return ids[0];
  // More than one (rare): the most specific button wins, whatever the screen order.
  const ranked = await Promise.all(ids.map(async (id) => ({ id, rank: PERMISSION_ALLOW_BUTTONS.indexOf((await driver.getElementAttribute(id, 'resource-id')) as (typeof PERMISSION_ALLOW_BUTTONS)[number]) })));
  return ranked.filter((entry) => entry.rank >= 0).sort((a, b) => a.rank - b.rank)[0]?.id ?? ids[0];
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
