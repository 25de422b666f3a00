/**
 * The packages pre-installed on a Google APIs x86_64 emulator image: what `pm list packages -s`
 * shows on a fresh AVD (a representative subset), with the paths, uids and versions of real images.
 * No Play Store (`com.android.vending`) — Google APIs images have none.
 */
import type { ApkComponent } from '../../harness/apk/types.ts';
import type { DeviceProfile } from './contracts.ts';
import type { PackageRecord } from './package-record.ts';

interface SystemPackageSpec {
  name: string;
  label: string;
  path: string;
  uid: number;
  versionCode?: number;
  launcher?: string;
  home?: string;
  services?: string[];
  permissions?: string[];
}

/** Certificate hash of the emulator's platform key (test-keys); every system package shares it. */
export const PLATFORM_CERT_SHA256 = 'c8a2e9bccf597c2fb6dc66bee293fc13f2fc47ec77bc6b2b0d52c11f51192ab8';

const SPECS: readonly SystemPackageSpec[] = [
  { name: 'android', label: 'Android System', path: '/system/framework/framework-res.apk', uid: 1000 },
  { name: 'com.android.settings', label: 'Settings', path: '/system/priv-app/Settings', uid: 1000,
    launcher: 'com.android.settings.Settings' },
  { name: 'com.android.systemui', label: 'System UI', path: '/system_ext/priv-app/SystemUIGoogle', uid: 10_090,
    services: ['com.android.systemui.SystemUIService', 'com.android.systemui.keyguard.KeyguardService'] },
  { name: 'com.android.launcher3', label: 'Quickstep', path: '/system_ext/priv-app/Launcher3QuickStep', uid: 10_098,
    home: 'com.android.launcher3.uioverrides.QuickstepLauncher' },
  { name: 'com.android.phone', label: 'Phone Services', path: '/system/priv-app/TeleService', uid: 1001 },
  { name: 'com.android.shell', label: 'Shell', path: '/system/priv-app/Shell', uid: 2000 },
  { name: 'com.android.providers.settings', label: 'Settings Storage', path: '/system/priv-app/SettingsProvider', uid: 1000 },
  { name: 'com.android.providers.media', label: 'Media Storage', path: '/system/priv-app/MediaProviderLegacy', uid: 10_069 },
  { name: 'com.android.providers.contacts', label: 'Contacts Storage', path: '/system/priv-app/ContactsProvider', uid: 10_064 },
  { name: 'com.android.providers.telephony', label: 'Phone and Messaging Storage', path: '/system/priv-app/TelephonyProvider', uid: 1001 },
  { name: 'com.android.providers.downloads', label: 'Download Manager', path: '/system/priv-app/DownloadProvider', uid: 10_067 },
  { name: 'com.android.providers.calendar', label: 'Calendar Storage', path: '/system/priv-app/CalendarProvider', uid: 10_063 },
  { name: 'com.android.inputmethod.latin', label: 'Android Keyboard (AOSP)', path: '/system/app/LatinIME', uid: 10_100 },
  { name: 'com.android.contacts', label: 'Contacts', path: '/product/priv-app/Contacts', uid: 10_103,
    launcher: 'com.android.contacts.activities.PeopleActivity' },
  { name: 'com.android.dialer', label: 'Phone', path: '/product/priv-app/Dialer', uid: 10_104,
    launcher: 'com.android.dialer.main.impl.MainActivity' },
  { name: 'com.android.messaging', label: 'Messaging', path: '/product/app/messaging', uid: 10_105,
    launcher: 'com.android.messaging.ui.conversationlist.ConversationListActivity' },
  { name: 'com.android.camera2', label: 'Camera', path: '/product/app/Camera2', uid: 10_106,
    launcher: 'com.android.camera.CameraLauncher' },
  { name: 'com.android.documentsui', label: 'Files', path: '/system/priv-app/DocumentsUIGoogle', uid: 10_071,
    launcher: 'com.android.documentsui.LauncherActivity' },
  { name: 'com.android.chrome', label: 'Chrome', path: '/product/app/Chrome', uid: 10_111, versionCode: 566_719_833,
    launcher: 'com.google.android.apps.chrome.Main' },
  { name: 'com.google.android.permissioncontroller', label: 'Permission controller',
    path: '/apex/com.android.permission/priv-app/GooglePermissionController', uid: 10_075, versionCode: 331_311_020 },
  { name: 'com.google.android.packageinstaller', label: 'Package installer', path: '/system/priv-app/GooglePackageInstaller', uid: 10_076 },
  { name: 'com.google.android.gms', label: 'Google Play services', path: '/product/priv-app/PrebuiltGmsCore', uid: 10_114,
    versionCode: 233_013_044 },
  { name: 'com.google.android.gsf', label: 'Google Services Framework', path: '/product/priv-app/GoogleServicesFramework', uid: 10_114 },
  { name: 'com.google.android.webview', label: 'Android System WebView', path: '/product/app/WebViewGoogle', uid: 10_112,
    versionCode: 566_719_833 },
  { name: 'com.android.bluetooth', label: 'Bluetooth', path: '/apex/com.android.btservices/app/Bluetooth', uid: 1002 },
  { name: 'com.android.nfc', label: 'Nfc Service', path: '/system/app/NfcNci', uid: 1027 },
  { name: 'com.android.location.fused', label: 'Fused Location', path: '/system/priv-app/FusedLocation', uid: 1000 },
  { name: 'com.android.keychain', label: 'Key Chain', path: '/system/app/KeyChain', uid: 1000 },
  { name: 'com.android.certinstaller', label: 'Certificate Installer', path: '/system/app/CertInstaller', uid: 10_045 },
  { name: 'com.android.emulator.multidisplay', label: 'Multi-display', path: '/vendor/app/MultiDisplayProvider', uid: 10_092 },
  { name: 'com.android.managedprovisioning', label: 'Work Setup', path: '/system/priv-app/ManagedProvisioning', uid: 10_078 },
  { name: 'com.android.wallpaper.livepicker', label: 'Live Wallpaper Picker', path: '/product/app/LiveWallpapersPicker', uid: 10_083 },
  { name: 'com.android.vpndialogs', label: 'VpnDialogs', path: '/system/app/VpnDialogs', uid: 10_051 },
  { name: 'com.android.server.telecom', label: 'Call Management', path: '/system/priv-app/Telecom', uid: 1000 },
  { name: 'com.android.printspooler', label: 'Print Spooler', path: '/system/app/PrintSpooler', uid: 10_061 },
  { name: 'com.android.externalstorage', label: 'External Storage', path: '/system/priv-app/ExternalStorageProvider', uid: 10_060 },
  { name: 'com.android.localtransport', label: 'com.android.localtransport', path: '/system/priv-app/LocalTransport', uid: 1000 },
  { name: 'com.android.dynsystem', label: 'Dynamic System Updates', path: '/system/priv-app/DynamicSystemInstallationService', uid: 1000 },
];

/** The pre-installed packages for a profile, with timestamps at the image's build time. */
export function createSystemPackages(profile: DeviceProfile, buildTimeMs: number): PackageRecord[] {
  return SPECS.map((spec) => toRecord(spec, profile, buildTimeMs));
}

function toRecord(spec: SystemPackageSpec, profile: DeviceProfile, buildTimeMs: number): PackageRecord {
  const components: ApkComponent[] = [];
  if (spec.launcher !== undefined) {
    components.push(activity(spec.launcher, ['android.intent.action.MAIN'], ['android.intent.category.LAUNCHER']));
  }
  if (spec.home !== undefined) {
    components.push(activity(spec.home, ['android.intent.action.MAIN'], ['android.intent.category.HOME', 'android.intent.category.DEFAULT']));
  }
  for (const service of spec.services ?? []) components.push({ ...activity(service, [], []), kind: 'service' });
  const versionName = profile.release;
  return {
    packageName: spec.name,
    label: spec.label,
    versionCode: spec.versionCode ?? profile.apiLevel,
    versionName: spec.versionCode === undefined ? versionName : String(spec.versionCode),
    minSdk: profile.apiLevel,
    targetSdk: profile.apiLevel,
    system: true,
    codePath: spec.path,
    apkSha256: undefined,
    uid: spec.uid,
    firstInstallTime: buildTimeMs,
    lastUpdateTime: buildTimeMs,
    installer: null,
    requestedPermissions: spec.permissions ?? [],
    grantedRuntime: [],
    components,
    launchableActivity: spec.launcher,
    instrumentations: [],
    signingSha256: PLATFORM_CERT_SHA256,
    disabledComponents: [],
    enabledComponents: [],
    enabledSetting: 0,
    stopped: false,
    debuggable: false,
    assets: [],
  };
}

function activity(name: string, actions: string[], categories: string[]): ApkComponent {
  return { kind: 'activity', name, exported: true, enabled: undefined, permission: undefined, actions, categories, targetActivity: undefined };
}

/** The apk file of a system package (`/system/priv-app/Settings/Settings.apk`). */
export function systemApkPath(record: PackageRecord): string {
  if (record.codePath.endsWith('.apk')) return record.codePath;
  const folder = record.codePath.split('/').pop() ?? record.packageName;
  return `${record.codePath}/${folder}.apk`;
}
