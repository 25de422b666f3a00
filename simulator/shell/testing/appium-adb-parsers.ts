/**
 * Test support: appium-adb's own parsers (the ones the UiAutomator2 driver runs against a device),
 * loaded from the installed driver so the shell's output is checked by the real consumer.
 */
type ExtractPermissions = (dumpsys: string, groups: string[], granted?: boolean | null) => string[];
type ParseLaunchable = (dumpsys: string) => string[];
type IsShowingLockscreen = (dumpsys: string) => boolean;

const TOOLS = '../../../node_modules/appium-uiautomator2-driver/node_modules/appium-adb/build/lib/tools/';

export interface AppiumAdbParsers {
  extractMatchingPermissions: ExtractPermissions;
  parseLaunchableActivityNames: ParseLaunchable;
  isShowingLockscreen: IsShowingLockscreen;
}

export async function loadAppiumAdbParsers(): Promise<AppiumAdbParsers> {
  const apps = (await import(new URL(`${TOOLS}app-commands.js`, import.meta.url).href)) as Record<string, unknown>;
  const lock = (await import(new URL(`${TOOLS}lockmgmt.js`, import.meta.url).href)) as Record<string, unknown>;
  return {
    extractMatchingPermissions: apps['extractMatchingPermissions'] as ExtractPermissions,
    parseLaunchableActivityNames: apps['parseLaunchableActivityNames'] as ParseLaunchable,
    isShowingLockscreen: lock['isShowingLockscreen'] as IsShowingLockscreen,
  };
}
