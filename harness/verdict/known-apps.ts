/**
 * Apps other than the sample that are on every test device, for the ambiguity check: a label or
 * name that also fits one of them does not identify the sample on its own (methodology.md,
 * "Identification"). The product itself is added per case from its APK.
 */

export interface KnownApp {
  packageName: string;
  /** The label a person sees; undefined when the app has none. */
  label: string | undefined;
  role: 'product' | 'system' | 'harness';
}

/**
 * The harness's own apps: Appium's settings helper and the UiAutomator2 server with its test
 * package (appium-uiautomator2-driver installs all three). A product flagging one of them is
 * harness noise, never a finding.
 */
export const HARNESS_APPS: readonly KnownApp[] = [
  { packageName: 'io.appium.settings', label: 'Appium Settings', role: 'harness' },
  { packageName: 'io.appium.uiautomator2.server', label: undefined, role: 'harness' },
  { packageName: 'io.appium.uiautomator2.server.test', label: undefined, role: 'harness' },
];

/**
 * User-visible apps of Android 13 emulator images (AOSP and google_apis system images), with the
 * labels their manifests give (AOSP `packages/apps/*` `res/values/strings.xml` app_name, and the
 * Google apps' store names). A stalkerware sample disguised as "Settings" or "Chrome" can only be
 * told apart from these by its package.
 */
export const SYSTEM_APPS: readonly KnownApp[] = [
  ['android', 'Android System'],
  ['com.android.settings', 'Settings'],
  ['com.android.systemui', 'System UI'],
  ['com.android.launcher3', 'Quickstep'],
  ['com.android.phone', 'Phone Services'],
  ['com.android.dialer', 'Phone'],
  ['com.google.android.dialer', 'Phone'],
  ['com.android.contacts', 'Contacts'],
  ['com.google.android.contacts', 'Contacts'],
  ['com.android.messaging', 'Messaging'],
  ['com.google.android.apps.messaging', 'Messages'],
  ['com.android.camera2', 'Camera'],
  ['com.android.documentsui', 'Files'],
  ['com.android.chrome', 'Chrome'],
  ['com.android.deskclock', 'Clock'],
  ['com.android.calendar', 'Calendar'],
  ['com.android.gallery3d', 'Gallery'],
  ['com.android.vending', 'Google Play Store'],
  ['com.google.android.gms', 'Google Play services'],
  ['com.google.android.googlequicksearchbox', 'Google'],
  ['com.google.android.gm', 'Gmail'],
  ['com.google.android.apps.maps', 'Maps'],
  ['com.google.android.apps.photos', 'Photos'],
  ['com.google.android.youtube', 'YouTube'],
  ['com.android.inputmethod.latin', 'Android Keyboard (AOSP)'],
  ['com.google.android.inputmethod.latin', 'Gboard'],
  ['com.google.android.webview', 'Android System WebView'],
  ['com.google.android.permissioncontroller', 'Permission controller'],
  ['com.google.android.packageinstaller', 'Package installer'],
  ['com.android.bluetooth', 'Bluetooth'],
  ['com.android.providers.downloads', 'Download Manager'],
  ['com.android.server.telecom', 'Call Management'],
  ['com.android.vpndialogs', 'VpnDialogs'],
].map(([packageName, label]) => ({ packageName: packageName as string, label: label as string, role: 'system' as const }));
