/**
 * AppWarnings (frameworks/base services/core/java/com/android/server/wm/AppWarnings.java): the
 * "deprecated target SDK" warning an app gets when one of its activities is started, and the
 * per-package flags that hide it for good.
 *
 * Real source:
 * - ActivityTaskSupervisor.realStartActivityLocked → AppWarnings.onStartActivity →
 *   showDeprecatedTargetDialogIfNeeded: `targetSdkVersion < Build.VERSION.MIN_SUPPORTED_TARGET_SDK_INT`
 *   (the property `ro.build.version.min_supported_target_sdk`, from PLATFORM_MIN_SUPPORTED_TARGET_SDK_VERSION
 *   in build/make core/version_defaults.mk: 23 on Android 10–13; later builds raised it to 28).
 *   Shown unless the package has FLAG_HIDE_DEPRECATED_SDK (4).
 * - DeprecatedTargetSdkVersionDialog: its "OK" sets that flag; BACK (the AlertDialog is cancelable)
 *   only dismisses it, so the next activity start shows it again.
 * - The flags live in /data/system/packages-warnings.xml (`<packages><package name=… flags=…/>`,
 *   writeConfigToFileAmsThread) and are dropped when the package is uninstalled or its data cleared
 *   (onPackageUninstalled / onPackageDataCleared → removePackageAndHideDialogs).
 */
import type { AndroidModel } from './android-model.ts';
import type { PackageRecord } from './package-record.ts';

export const PACKAGES_WARNINGS_PATH = '/data/system/packages-warnings.xml';
export const FLAG_HIDE_DEPRECATED_SDK = 0x04;

/** Build.VERSION.MIN_SUPPORTED_TARGET_SDK_INT of the image. */
export function minSupportedTargetSdk(device: AndroidModel): number {
  const fromProperty = Number.parseInt(device.getProp('ro.build.version.min_supported_target_sdk') ?? '', 10);
  if (Number.isInteger(fromProperty) && fromProperty > 0) return fromProperty;
  const api = device.profile.apiLevel;
  if (api >= 34) return 28;
  return api >= 29 ? 23 : 17;
}

/** Whether starting an activity of the package shows the deprecated-target warning now. */
export function needsDeprecatedTargetWarning(device: AndroidModel, record: PackageRecord): boolean {
  if (record.system || record.targetSdk >= minSupportedTargetSdk(device)) return false;
  return (readPackageFlags(device).get(record.packageName) ?? 0) & FLAG_HIDE_DEPRECATED_SDK ? false : true;
}

/** The user tapped "OK": the warning never shows again for this package. */
export function hideDeprecatedTargetWarning(device: AndroidModel, packageName: string): void {
  const flags = readPackageFlags(device);
  flags.set(packageName, (flags.get(packageName) ?? 0) | FLAG_HIDE_DEPRECATED_SDK);
  writePackageFlags(device, flags);
}

/** Uninstall or `pm clear`: the package's warning flags go. */
export function forgetAppWarnings(device: AndroidModel, packageName: string): void {
  const flags = readPackageFlags(device);
  if (!flags.delete(packageName)) return;
  writePackageFlags(device, flags);
}

function readPackageFlags(device: AndroidModel): Map<string, number> {
  const text = device.fs.read(PACKAGES_WARNINGS_PATH)?.toString('utf8') ?? '';
  const flags = new Map<string, number>();
  for (const match of text.matchAll(/<package name="([^"]+)" flags="(\d+)"/g)) flags.set(match[1]!, Number(match[2]));
  return flags;
}

function writePackageFlags(device: AndroidModel, flags: ReadonlyMap<string, number>): void {
  const lines = [...flags].filter(([, value]) => value !== 0).map(([name, value]) => `    <package name="${name}" flags="${value}" />`);
  const xml = `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<packages>\n${lines.map((line) => `${line}\n`).join('')}</packages>\n`;
  device.fs.write(PACKAGES_WARNINGS_PATH, Buffer.from(xml, 'utf8'), 0o600);
}
