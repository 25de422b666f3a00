import type { Browser } from 'webdriverio';

/**
 * The buttons of Android's runtime-permission dialog that grant access, most specific first
 * (API 29+: com.android.permissioncontroller; older: com.android.packageinstaller), then the two
 * screens Android puts in front of an app built for an old version: what a lab (and an abuser setting
 * a sample up) taps to get past them.
 */
export const PERMISSION_ALLOW_BUTTONS = [
  'com.android.permissioncontroller:id/permission_allow_foreground_only_button',
  'com.android.permissioncontroller:id/permission_allow_button',
  'com.android.permissioncontroller:id/permission_allow_always_button',
  'com.android.packageinstaller:id/permission_allow_button',
  // An app targeting < 23 installed without -g: PermissionController's ReviewPermissionsActivity
  // replaces its first start; "Continue" grants what is switched on (all, by default) and starts it.
  'com.android.permissioncontroller:id/continue_button',
  // system_server's DeprecatedTargetSdkVersionDialog over an app targeting below the image's
  // minimum supported SDK (23 on Android 10–13): "OK" hides it for good (AppWarnings).
  'android:id/button1',
] as const;

/**
 * All allow buttons in one lookup: every find costs an idle wait and a walk of the active window on
 * the server, so four lookups per poll would cost four times what a real phone charges for one. A
 * UiSelector pattern (matched against the whole id, as Java's `Pattern.matches`) needs no page-source
 * snapshot, unlike an XPath union; the ids hold no regex characters but dots, which match themselves.
 *
 * `android:id/button1` is every AlertDialog's positive button, so it has a statement of its own, in
 * the same request (the server's UiAutomatorParser runs `;`-separated statements and returns the
 * union): only in package `android` (system_server's own dialogs, never an app's or the package
 * installer's uninstall confirmation) and only as "OK" (R.string.ok) — the harmful-app warning of the
 * same package (HarmfulAppWarningActivity) has "Uninstall" there, which must never be tapped.
 */
const ALLOW_BUTTONS_SELECTOR = [
  `new UiSelector().resourceIdMatches("(${PERMISSION_ALLOW_BUTTONS.filter((id) => !id.startsWith('android:')).join('|')})")`,
  'new UiSelector().packageName("android").resourceId("android:id/button1").text("OK")',
].join('; ');

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
