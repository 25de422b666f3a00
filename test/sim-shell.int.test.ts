/**
 * The device shell through the real adb: the command lines appium-adb, io.appium.settings' client
 * and the UiAutomator2 driver send at session start (android-device-protocol.md §5), as argv that
 * adb joins with spaces, with their outputs and exit codes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createSimEnvironment, type LaunchedEmulator, type SimEnvironment } from './support/index.ts';

const APPIUM_APKS = join(REPO_ROOT, 'node_modules', 'appium-uiautomator2-driver', 'node_modules');
const SETTINGS_APK = join(APPIUM_APKS, 'io.appium.settings', 'apks', 'settings_apk-debug.apk');
const SERVER_APK = join(APPIUM_APKS, 'appium-uiautomator2-server', 'apks', 'appium-uiautomator2-server-v10.6.6.apk');
const SERVER_TEST_APK = join(APPIUM_APKS, 'appium-uiautomator2-server', 'apks', 'appium-uiautomator2-server-debug-androidTest.apk');

let sim: SimEnvironment;
let emulator: LaunchedEmulator;

beforeAll(async () => {
  sim = await createSimEnvironment();
  emulator = await sim.boot({ flags: ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'] });
});

afterAll(async () => {
  await sim?.dispose();
});

const adb = (...args: string[]) => sim.server.adb(['-s', emulator.serial, ...args]);
const shell = (...args: string[]) => adb('shell', ...args);

describe('the device shell as Appium drives it over adb', () => {
  it('answers the first questions of a session', async () => {
    expect(await shell('getprop', 'ro.build.version.sdk')).toMatchObject({ exitCode: 0, stdout: '33\n' });
    expect((await shell('getprop', 'ro.build.version.release')).stdout).toBe('13\n');
    const policies = await shell('settings put global hidden_api_policy_pre_p_apps 1;settings put global hidden_api_policy_p_apps 1;settings put global hidden_api_policy 1');
    expect(policies).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect((await shell('settings', 'get', 'global', 'hidden_api_policy')).stdout).toBe('1\n');
    expect(await shell('echo', 'ping')).toMatchObject({ exitCode: 0, stdout: 'ping\n' });
    expect(await shell("[ -e '/data/local/tmp/mock_apps.json' ] && echo __PASS__")).toMatchObject({ exitCode: 1, stdout: '' });
  });

  it('installs and starts io.appium.settings until its service is in the foreground', async () => {
    expect((await shell('dumpsys', 'package', 'io.appium.settings')).stdout).toBe('');
    const installed = await adb('install', '-r', '-g', SETTINGS_APK);
    expect(installed.stdout, installed.stderr).toMatch(/Success/);
    const dump = (await shell('dumpsys', 'package', 'io.appium.settings')).stdout;
    expect(dump).toMatch(/^\s*Package \[io\.appium\.settings\] \([0-9a-f]+\):$/m);
    expect(dump).toContain('versionCode=191 minSdk=26 targetSdk=35');
    expect((await shell('cmd', 'notification', 'allow_listener', 'io.appium.settings/.NLService')).exitCode).toBe(0);
    expect((await shell('appops', 'set', 'io.appium.settings', 'PROJECT_MEDIA', 'allow')).exitCode).toBe(0);
    const started = await shell('am', 'start-activity', '-n', 'io.appium.settings/.Settings', '-a', 'android.intent.action.MAIN',
      '-c', 'android.intent.category.LAUNCHER', '-f', '0x10200000');
    expect(started.stdout).toMatch(/^Starting: Intent \{ .*cmp=io\.appium\.settings\/\.Settings \}\n$/);
    expect((await shell('dumpsys', 'activity', 'services', 'io.appium.settings')).stdout).toContain('isForeground=true');
  });

  it('lists packages with version codes and the UiAutomator2 instrumentation after installing the server', async () => {
    for (const apk of [SERVER_APK, SERVER_TEST_APK]) {
      const result = await adb('install', '-r', apk);
      expect(result.stdout, result.stderr).toMatch(/Success/);
    }
    const packages = (await shell('cmd', 'package', 'list', 'packages', '--show-versioncode')).stdout;
    expect(packages).toMatch(/^package:io\.appium\.uiautomator2\.server versionCode:\d+$/m);
    expect(packages).toMatch(/^package:io\.appium\.settings versionCode:191$/m);
    expect((await shell('pm', 'list', 'instrumentation')).stdout).toBe(
      'instrumentation:io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner (target=io.appium.uiautomator2.server)\n',
    );
    const whitelist = await shell('dumpsys', 'deviceidle', 'whitelist', '+io.appium.settings', ';',
      'dumpsys', 'deviceidle', 'whitelist', '+io.appium.uiautomator2.server', ';');
    expect(whitelist.stdout).toBe('Added: io.appium.settings\nAdded: io.appium.uiautomator2.server\n');
    expect((await shell('am', 'force-stop', 'io.appium.uiautomator2.server')).exitCode).toBe(0);
    expect((await shell('pm', 'clear', 'io.appium.uiautomator2.server')).stdout).toBe('Success\n');
  });

  it('shows an unlocked, awake screen and the launcher in focus', async () => {
    const window = (await shell('dumpsys', 'window')).stdout;
    expect(window).toContain('mShowingLockscreen=false');
    expect(window).toContain('mDreamingLockscreen=false');
    expect((await shell('dumpsys', 'power')).stdout).toMatch(/mWakefulness=Awake/);
    expect((await shell('dumpsys', 'window', 'displays')).stdout).toMatch(/mFocusedApp=ActivityRecord\{[0-9a-f]+ u0 com\.android\.launcher3\/\.uioverrides\.QuickstepLauncher t\d+\}/);
    expect((await shell('wm', 'size')).stdout).toBe('Physical size: 1080x2400\n');
  });

  it('ps --help mentions -A and ps -A has appium-adb\'s header', async () => {
    expect((await shell('ps', '--help')).stdout).toMatch(/^-A\b/m);
    const ps = (await shell('ps', '-A')).stdout;
    expect(ps.split('\n')[0]).toBe('USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME');
    expect(ps).toMatch(/^u0_a\d+ +\d+ .* io\.appium\.settings$/m);
    expect((await shell('ps -A | grep -c io.appium.uiautomator2.server')).stdout).toBe('0\n');
  });

  it('activates and terminates an app the way the driver does', async () => {
    const apk = join(REPO_ROOT, 'scenarios', 'apks', 'clean-pocket-notes.apk');
    expect((await adb('install', '-r', apk)).stdout).toMatch(/Success/);
    const resolved = (await shell('cmd', 'package', 'resolve-activity', '--brief', 'org.example.pocketnotes')).stdout.split('\n');
    expect(resolved[1]).toBe('org.example.pocketnotes/.NoteListActivity');
    const started = await shell('am', 'start-activity', '-W', '-n', 'org.example.pocketnotes/.NoteListActivity', '-S',
      '-a', 'android.intent.action.MAIN', '-c', 'android.intent.category.LAUNCHER', '-f', '0x10200000');
    expect(started.stdout).toMatch(/\nStatus: ok\n.*\nActivity: org\.example\.pocketnotes\/\.NoteListActivity\n(.*\n)*Complete\n$/);
    expect((await shell('dumpsys', 'window', 'displays')).stdout).toMatch(/mCurrentFocus=Window\{[0-9a-f]+ u0 org\.example\.pocketnotes\/org\.example\.pocketnotes\.NoteListActivity\}/);
    expect((await shell('dumpsys', 'activity', 'processes')).stdout).toMatch(/ProcessRecord\{[0-9a-f]+ \d+:org\.example\.pocketnotes\/u0a\d+\}/);
    await shell('am', 'force-stop', 'org.example.pocketnotes');
    expect((await shell('dumpsys', 'activity', 'processes')).stdout).not.toContain(':org.example.pocketnotes/');
    const missing = await shell('am', 'start-activity', '-n', 'org.example.pocketnotes/.Missing');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('Error: Activity class {org.example.pocketnotes/org.example.pocketnotes.Missing} does not exist.');
  });

  it('keeps exit codes, redirections and unknown commands faithful', async () => {
    expect(await shell('nosuchtool')).toMatchObject({ exitCode: 127, stderr: '/system/bin/sh: nosuchtool: inaccessible or not found\n' });
    expect(await shell('echo a > /data/local/tmp/x; cat /data/local/tmp/x; ls /nope 2>/dev/null || echo none')).toMatchObject({ exitCode: 0, stdout: 'a\nnone\n' });
    expect((await shell('uiautomator', 'dump')).stdout).toBe('UI hierchary dumped to: /sdcard/window_dump.xml\n');
    const png = await sim.server.adb(['-s', emulator.serial, 'exec-out', 'screencap', '-p']);
    expect(png.exitCode).toBe(0);
    // The runner decodes stdout as UTF-8, so the signature's first byte (0x89) is not comparable.
    expect(png.stdout.slice(1, 4)).toBe('PNG');
    expect((await adb('logcat', '-d', '-v', 'threadtime', '-s', 'PackageManager')).stdout).toMatch(/^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} +\d+ +\d+ I PackageManager: /m);
  });

  it('fails am instrument like Android when the test package is missing', async () => {
    const result = await shell('am', 'instrument', '-w', 'com.example.missing.test/androidx.test.runner.AndroidJUnitRunner');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('INSTRUMENTATION_STATUS: Error=Unable to find instrumentation info for: ComponentInfo{com.example.missing.test/androidx.test.runner.AndroidJUnitRunner}');
    expect(result.stderr).toContain('android.util.AndroidException: INSTRUMENTATION_FAILED');
  });
});
