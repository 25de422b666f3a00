/**
 * Installing an APK file the way a person sideloads one: `am start -a android.intent.action.VIEW
 * -d file:///sdcard/Download/x.apk` (what a browser's or file manager's "open" sends) reaches the
 * package installer. As AOSP 13's PackageInstaller app does:
 * - PackageInstallerActivity.handleUnknownSources: the source (here the shell, which sent the intent)
 *   needs OP_REQUEST_INSTALL_PACKAGES; `default` becomes `deny` and "For your security, your phone
 *   currently isn't allowed to install unknown apps from this source." offers Settings → "Install
 *   unknown apps" → "Allow from this source" (switching it on returns to the installer).
 * - The confirmation "Do you want to install this app?" → Install → "App installed.".
 * - InstallInstalling creates the session with PACKAGE_SOURCE_LOCAL_FILE (PACKAGE_SOURCE_DOWNLOADED_FILE
 *   with a referrer); the system then sets ACCESS_RESTRICTED_SETTINGS to MODE_ERRORED (`deny`) for
 *   the new app (Android 13 restricted settings). The installer is recorded as its installer package.
 * `adb install` / `pm install` stay unrestricted (no package source), as on a real phone.
 */
import { readApkIdentityFromBuffer } from '../../../harness/apk/index.ts';
import type { SystemIntent, SystemIntentStart } from '../../device/system-intents.ts';
import type { DialogSpec } from '../../ui/index.ts';
import type { SystemScreenBroker } from '../system-screens/system-screen-broker.ts';
import type { SettingsApp } from './settings-app.ts';
import { setRestrictedMode } from './special-access-state.ts';

const APK_MIME_ACTIONS = new Set(['android.intent.action.VIEW', 'android.intent.action.INSTALL_PACKAGE']);
const INSTALLER_ACTIVITY = 'com.android.packageinstaller.PackageInstallerActivity';
const SUCCESS_ACTIVITY = 'com.android.packageinstaller.InstallSuccess';
const FAILED_ACTIVITY = 'com.android.packageinstaller.InstallFailed';
/** `am start` from adb: the launching package the installer sees. */
const SHELL_SOURCE = 'com.android.shell';

function apkPath(data: string | undefined): string | undefined {
  if (data === undefined || !/\.apk$/i.test(data)) return undefined;
  if (data.startsWith('file://')) return decodeURIComponent(data.slice('file://'.length));
  return data.startsWith('/') ? data : undefined;
}

export function startPackageInstaller(settings: SettingsApp, broker: SystemScreenBroker, intent: SystemIntent): SystemIntentStart | undefined {
  if (!APK_MIME_ACTIONS.has(intent.action)) return undefined;
  const path = apkPath(intent.data);
  if (path === undefined) return undefined;
  const device = settings.device;
  const installer = broker.packageInstallerPackage;
  const bytes = device.fs.read(path);
  const blank = { appBar: false, widgets: [] };
  const dialog = (spec: DialogSpec): void => {
    device.ui.showScreen(installer, blank, INSTALLER_ACTIVITY);
    device.ui.showDialog(installer, { ...spec, packageName: installer });
  };
  const close = settings.act(() => device.ui.closePackage(installer));
  let label = 'this app';
  try {
    label = bytes === undefined ? label : (readApkIdentityFromBuffer(bytes, path).label ?? label);
  } catch {
    dialog({ title: 'Can’t open file', message: 'There was a problem parsing the package.', positive: { text: 'OK', onTap: close } });
    return { packageName: installer, activity: INSTALLER_ACTIVITY };
  }
  if (bytes === undefined) {
    dialog({ title: 'Can’t open file', message: 'There was a problem parsing the package.', positive: { text: 'OK', onTap: close } });
    return { packageName: installer, activity: INSTALLER_ACTIVITY };
  }
  const referrer = intent.extras['android.intent.extra.REFERRER'];

  const install = (): void => {
    device.ui.closePackage(installer);
    void device.installApk(bytes, { replace: true, grantRuntimePermissions: false, allowDowngrade: false, allowTest: false }).then((result) => {
      if (!result.ok) {
        device.ui.showScreen(installer, { appBar: false, widgets: [
          { kind: 'TextView', style: 'title', text: label },
          { kind: 'TextView', id: 'com.android.packageinstaller:id/install_failed', text: 'App not installed.' },
          { kind: 'Button', id: 'android:id/button1', text: 'Done', variant: 'text', onTap: close },
        ] }, FAILED_ACTIVITY);
        return;
      }
      const record = device.packages.get(result.packageName);
      if (record) record.installer = installer;
      setRestrictedMode(device, result.packageName, 'deny');
      device.logSystem('PackageInstallerSession', `Committed session for ${result.packageName}: packageSource=${referrer === undefined ? 'LOCAL_FILE' : 'DOWNLOADED_FILE'}, ACCESS_RESTRICTED_SETTINGS errored`);
      device.ui.showScreen(installer, { appBar: false, widgets: [
        { kind: 'TextView', style: 'title', text: label },
        { kind: 'TextView', id: 'com.android.packageinstaller:id/install_success', text: 'App installed.' },
        { kind: 'LinearLayout', orientation: 'horizontal', children: [
          { kind: 'Button', id: 'android:id/button2', text: 'Done', variant: 'text', onTap: close },
          { kind: 'Button', id: 'android:id/button1', text: 'Open', variant: 'text', onTap: { type: 'start', packageName: result.packageName, activity: record?.launchableActivity ?? '' } },
        ] },
      ] }, SUCCESS_ACTIVITY);
    }, () => undefined);
  };

  const confirm = (): void => dialog({
    title: label,
    message: device.packages.get(readApkIdentityFromBuffer(bytes, path).packageName) ? 'Do you want to update this app?' : 'Do you want to install this app?',
    positive: { text: 'Install', onTap: settings.act(install) },
    negative: { text: 'Cancel', onTap: close },
  });

  const sourceMode = (): string | undefined => device.policy.appOps[SHELL_SOURCE]?.['REQUEST_INSTALL_PACKAGES']?.mode;
  const ask = (): void => {
    if (sourceMode() === 'allow') {
      confirm();
      return;
    }
    const ops = (device.policy.appOps[SHELL_SOURCE] ??= {});
    if (sourceMode() === undefined || sourceMode() === 'default') ops['REQUEST_INSTALL_PACKAGES'] = { mode: 'deny', time: device.now() };
    dialog({
      message: 'For your security, your phone currently isn’t allowed to install unknown apps from this source. You can change this in Settings.',
      negative: { text: 'Cancel', onTap: close },
      positive: { text: 'Settings', onTap: settings.act(() => {
        device.ui.closePackage(installer);
        settings.show({ kind: 'unknownSources', packageName: SHELL_SOURCE, activity: 'com.android.settings.Settings$ManageAppExternalSourcesActivity', onAllowed: ask });
      }) },
    });
  };
  ask();
  return { packageName: installer, activity: INSTALLER_ACTIVITY };
}
