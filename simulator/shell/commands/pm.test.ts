import { describe, expect, it } from 'vitest';
import { parseDumpsysPackageVersion } from '../../../harness/android/parse-dumpsys-package.ts';
import { loadAppiumAdbParsers } from '../testing/appium-adb-parsers.ts';
import { APPIUM_APK, bootDevice, installVia, PROFILE_API29, readApk } from '../testing/run-shell.ts';

const settingsApk = readApk(APPIUM_APK.settings);

describe('pm / cmd package', () => {
  it('installs from stdin with -S and lists the package with its version code', async () => {
    const { sh } = await bootDevice();
    expect(await installVia(sh, settingsApk, '-r -g')).toMatchObject({ stdout: 'Success\n', status: 0 });
    const listed = await sh('cmd package list packages --show-versioncode');
    expect(listed.stdout).toContain('package:io.appium.settings versionCode:191\n');
    expect(listed.stdout).toContain('package:com.android.settings versionCode:33\n');
    expect(listed.stdout).not.toContain('com.android.vending');
    expect((await sh('pm list packages -3')).stdout).toBe('package:io.appium.settings\n');
    expect((await sh('pm list packages -3 -U')).stdout).toMatch(/^package:io\.appium\.settings uid:10\d{3}\n$/);
  });

  it('installs from a pushed file and prints the path under /data/app', async () => {
    const { sh, device } = await bootDevice();
    device.fs.write('/data/local/tmp/settings.apk', settingsApk);
    expect((await sh("pm 'install' '-r' '/data/local/tmp/settings.apk'")).stdout).toBe('Success\n');
    const path = (await sh('pm path io.appium.settings')).stdout;
    expect(path).toMatch(/^package:\/data\/app\/~~[\w-]{22}==\/io\.appium\.settings-[\w-]{22}==\/base\.apk\n$/);
    expect(device.fs.read(path.slice('package:'.length).trim())?.equals(settingsApk)).toBe(true);
    expect((await sh('pm list packages -f io.appium')).stdout).toBe(`package:${path.slice(8).trim()}=io.appium.settings\n`);
  });

  it('uses the API 29 code path layout on Android 10', async () => {
    const { sh } = await bootDevice(PROFILE_API29);
    await installVia(sh, settingsApk);
    expect((await sh('pm path io.appium.settings')).stdout).toMatch(/^package:\/data\/app\/io\.appium\.settings-[\w-]{22}==\/base\.apk\n$/);
  });

  it('answers a broken APK with Failure [INSTALL_PARSE_FAILED_NOT_APK …] and exit 1', async () => {
    const { sh } = await bootDevice();
    const result = await installVia(sh, Buffer.from('not an apk at all'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^Failure \[INSTALL_PARSE_FAILED_NOT_APK: Failed parse during installPackageLI: /);
  });

  it('refuses a missing path with the shell exception and exit 255', async () => {
    const { sh } = await bootDevice();
    const result = await sh('pm install /data/local/tmp/none.apk');
    expect(result.status).toBe(255);
    expect(result.stderr).toMatch(/^Exception occurred while executing 'install':\njava\.lang\.IllegalArgumentException: Error: Can't open file: \/data\/local\/tmp\/none\.apk\n/);
  });

  it('dumpsys package output parses with appium-adb: installed, versions, permissions, launcher', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk);
    const parsers = await loadAppiumAdbParsers();
    const dump = (await sh('dumpsys package io.appium.settings')).stdout;
    expect(dump).toMatch(/^\s*Package\s+\[io\.appium\.settings\][^:]+:$/m);
    expect(/versionCode=(\d+)/.exec(dump)?.[1]).toBe('191');
    expect(/versionName=([\d+.]+)/.exec(dump)?.[1]).toBe('8.0.9');
    expect(dump).toContain('versionCode=191 minSdk=26 targetSdk=35\n');
    const requested = parsers.extractMatchingPermissions(dump, ['requested']);
    expect(requested).toContain('android.permission.ACCESS_FINE_LOCATION');
    expect(requested).toContain('android.permission.INTERNET');
    const granted = parsers.extractMatchingPermissions(dump, ['install', 'runtime'], true);
    expect(granted).toContain('android.permission.INTERNET');
    expect(granted).not.toContain('android.permission.ACCESS_FINE_LOCATION');
    expect(parsers.extractMatchingPermissions(dump, ['install', 'runtime'], false)).toContain('android.permission.ACCESS_FINE_LOCATION');
    expect(parsers.parseLaunchableActivityNames(dump)).toEqual(['io.appium.settings/.Settings']);
    expect((await sh('dumpsys package no.such.pkg')).stdout).toBe('');
    expect(parseDumpsysPackageVersion(dump, 'io.appium.settings')).toEqual({ versionCode: 191, versionName: '8.0.9' });
  });

  it('install -g grants every runtime permission; grant/revoke change one', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk, '-r -g');
    const parsers = await loadAppiumAdbParsers();
    let dump = (await sh('dumpsys package io.appium.settings')).stdout;
    expect(parsers.extractMatchingPermissions(dump, ['runtime'], false)).toEqual([]);
    expect(dump).toContain('android.permission.RECORD_AUDIO: granted=true');
    expect((await sh('pm revoke io.appium.settings android.permission.RECORD_AUDIO')).status).toBe(0);
    dump = (await sh('dumpsys package io.appium.settings')).stdout;
    expect(parsers.extractMatchingPermissions(dump, ['runtime'], false)).toEqual(['android.permission.RECORD_AUDIO']);
  });

  it('refuses to grant what is not a runtime permission, as appium-adb expects', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk);
    const normal = await sh('pm grant io.appium.settings android.permission.INTERNET');
    expect(normal.status).toBe(255);
    expect(normal.stderr).toMatch(/not a changeable permission type/);
    const unknown = await sh('pm grant io.appium.settings com.example.NOPE');
    expect(unknown.stderr).toMatch(/Unknown permission: com\.example\.NOPE/);
    const notRequested = await sh('pm grant io.appium.settings android.permission.CAMERA');
    expect(notRequested.stderr).toContain('has not requested permission android.permission.CAMERA');
  });

  it('prints the Android 10 form of shell exceptions on API 29', async () => {
    const { sh } = await bootDevice(PROFILE_API29);
    await installVia(sh, settingsApk);
    const result = await sh('pm grant io.appium.settings android.permission.INTERNET');
    expect(result.stderr).toMatch(/^Exception occurred while executing:\njava\.lang\.SecurityException: Permission android\.permission\.INTERNET is not a changeable permission type\n/);
    expect((await sh('pm grant io.appium.settings android.permission.POST_NOTIFICATIONS')).stderr).toContain('Unknown permission: android.permission.POST_NOTIFICATIONS');
  });

  it('resolve-activity --brief prints the launcher component on line 2', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk);
    const lines = (await sh('cmd package resolve-activity --brief io.appium.settings')).stdout.split('\n');
    expect(lines[1]).toBe('io.appium.settings/.Settings');
    expect((await sh('cmd package resolve-activity --brief no.such.pkg')).stdout).toBe('No activity found\n');
  });

  it('resolve-activity finds nothing once the launcher activity (or the package) is disabled', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, settingsApk);
    device.setProp('service.adb.root', '1');
    expect((await sh('pm disable io.appium.settings/.Settings')).status).toBe(0);
    expect((await sh('cmd package resolve-activity --brief io.appium.settings')).stdout).toBe('No activity found\n');
    await sh('pm enable io.appium.settings/.Settings');
    expect((await sh('cmd package resolve-activity --brief io.appium.settings')).stdout.split('\n')[1]).toBe('io.appium.settings/.Settings');
    await sh('pm disable-user io.appium.settings');
    expect((await sh('cmd package resolve-activity --brief io.appium.settings')).stdout).toBe('No activity found\n');
  });

  it('lists the UiAutomator2 instrumentation once the test APK is installed', async () => {
    const { sh } = await bootDevice();
    expect((await sh('pm list instrumentation')).stdout).toBe('');
    await installVia(sh, readApk(APPIUM_APK.server));
    await installVia(sh, readApk(APPIUM_APK.serverTest));
    expect((await sh('pm list instrumentation')).stdout).toBe(
      'instrumentation:io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner (target=io.appium.uiautomator2.server)\n',
    );
  });

  it('disables and enables packages and components', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, settingsApk);
    expect((await sh('pm disable-user io.appium.settings')).stdout).toBe('Package io.appium.settings new state: disabled-user\n');
    expect((await sh('pm list packages -d')).stdout).toBe('package:io.appium.settings\n');
    expect((await sh('pm enable io.appium.settings')).stdout).toBe('Package io.appium.settings new state: enabled\n');
    // Components and `pm disable` of a whole package need root (adb root on a debuggable image).
    device.setProp('service.adb.root', '1');
    expect((await sh('pm disable io.appium.settings/.NLService')).stdout).toBe('Component {io.appium.settings/io.appium.settings.NLService} new state: disabled\n');
    expect((await sh('dumpsys package io.appium.settings')).stdout).toContain('      disabledComponents:\n        io.appium.settings.NLService\n');
    expect((await sh('pm disable io.appium.settings/.Nope')).status).toBe(255);
  });

  it('refuses the shell uid component state changes of a non-test-only app, as PackageManagerService does', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, settingsApk);
    const component = await sh('pm disable io.appium.settings/.NLService');
    expect(component.status).toBe(255);
    expect(component.stderr).toBe("Exception occurred while executing 'disable':\njava.lang.SecurityException: Shell cannot change component state for io.appium.settings/io.appium.settings.NLService to 2\n\tat com.android.server.pm.PackageManagerService.setEnabledSettings(PackageManagerService.java:3837)\n");
    expect((await sh('pm enable io.appium.settings/.NLService')).stderr).toContain('Shell cannot change component state for io.appium.settings/io.appium.settings.NLService to 1');
    expect((await sh('pm disable io.appium.settings')).stderr).toContain('Shell cannot change component state for io.appium.settings/null to 2');
    expect((await sh('dumpsys package io.appium.settings')).stdout).not.toContain('disabledComponents:');
    // The whole package between enabled and disabled-user stays allowed.
    expect((await sh('pm disable-user io.appium.settings')).status).toBe(0);
    expect((await sh('pm enable io.appium.settings')).status).toBe(0);
    // Root passes, on a debuggable image only (service.adb.root is what `adb root` sets).
    device.setProp('service.adb.root', '1');
    expect((await sh('pm disable io.appium.settings/.NLService')).status).toBe(0);
    device.setProp('ro.debuggable', '0');
    expect((await sh('pm enable io.appium.settings/.NLService')).status).toBe(255);
  });

  it('uninstalls with Success, then answers DELETE_FAILED_INTERNAL_ERROR', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, settingsApk);
    const path = (await sh('pm path io.appium.settings')).stdout.slice(8).trim();
    expect((await sh('pm uninstall io.appium.settings')).stdout).toBe('Success\n');
    expect(device.fs.stat(path)).toBeUndefined();
    expect((await sh('pm path io.appium.settings')).status).toBe(1);
    expect(await sh('pm uninstall io.appium.settings')).toMatchObject({ stdout: 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n', status: 1 });
  });

  it('clear answers Success for installed packages and Failed otherwise', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk);
    expect((await sh('pm clear io.appium.settings')).stdout).toBe('Success\n');
    expect((await sh('pm clear no.such.pkg')).stdout).toBe('Failed\n');
  });
});
