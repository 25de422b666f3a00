import { describe, expect, it } from 'vitest';
import { parseDumpsysNotification } from '../../../harness/android/parse-dumpsys-notification.ts';
import { loadAppiumAdbParsers } from '../testing/appium-adb-parsers.ts';
import { APPIUM_APK, bootDevice, fixtureApk, installVia, PROFILE_API29, readApk } from '../testing/run-shell.ts';

/** appium-adb getFocusedPackageAndActivity's patterns (app-commands.js). */
const FOCUSED_APP = /^\s*mFocusedApp.+Record\{.*\s([^\s/}]+)\/([^\s/},]+),?(\s[^\s/}]+)*\}/m;
const CURRENT_FOCUS = /^\s*mCurrentFocus.+\{.+\s([^\s/]+)\/([^\s]+)\b/m;

describe('dumpsys', () => {
  it('window: unlocked, screen on, focus on the launcher at boot', async () => {
    const { sh } = await bootDevice();
    const parsers = await loadAppiumAdbParsers();
    const window = (await sh('dumpsys window')).stdout;
    expect(window).toContain('mShowingLockscreen=false');
    expect(window).toContain('mDreamingLockscreen=false');
    expect(window).toContain('mScreenOnFully=true');
    expect(window).toMatch(/KeyguardStateMonitor\n\s+mIsShowing=false/);
    expect(parsers.isShowingLockscreen(window)).toBe(false);
    expect(window).toMatch(/init=1080x2400 420dpi/);
    const displays = (await sh('dumpsys window displays')).stdout;
    expect(FOCUSED_APP.exec(displays)?.slice(1, 3)).toEqual(['com.android.launcher3', '.uioverrides.QuickstepLauncher']);
    expect(CURRENT_FOCUS.exec(displays)?.slice(1, 3)).toEqual(['com.android.launcher3', 'com.android.launcher3.uioverrides.QuickstepLauncher']);
  });

  it('window displays follows the focused app', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    await sh('am start -n org.example.pocketnotes/.NoteListActivity');
    const displays = (await sh('dumpsys window displays')).stdout;
    expect(FOCUSED_APP.exec(displays)?.slice(1, 3)).toEqual(['org.example.pocketnotes', '.NoteListActivity']);
    expect(displays).toMatch(/mCurrentFocus=Window\{[0-9a-f]+ u0 org\.example\.pocketnotes\/org\.example\.pocketnotes\.NoteListActivity\}/);
  });

  it('power says Awake', async () => {
    const { sh } = await bootDevice();
    expect((await sh('dumpsys power')).stdout).toMatch(/^\s+mWakefulness=Awake$/m);
  });

  it('notification --noredact parses with the harness parser; without it texts are redacted', async () => {
    const { sh } = await bootDevice();
    await sh(`cmd notification post -t 'Threat found' scan 'Stalkerware detected (high risk)'`);
    const parsed = parseDumpsysNotification((await sh('dumpsys notification --noredact')).stdout);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ packageName: 'com.android.shell', title: 'Threat found', text: 'Stalkerware detected (high risk)', tag: 'scan', channelId: 'cmdline' });
    expect(parsed[0]?.key).toBe('0|com.android.shell|2020|scan|2000');
    expect((await sh('dumpsys notification')).stdout).toContain('android.title=String [length=12]');
  });

  it('notification flags: a foreground service\'s notification is ongoing, no-clear and FGS; "Clear all" leaves it', async () => {
    // API 29: io.appium.settings 8.x does not request POST_NOTIFICATIONS, so on API 33 its notification is dropped (test/sim-install-rules).
    const { sh, device } = await bootDevice(PROFILE_API29);
    await installVia(sh, readApk(APPIUM_APK.settings));
    await sh('am start -n io.appium.settings/.Settings');
    await sh(`cmd notification post -t 'Threat found' scan 'Stalkerware detected'`);
    const output = (await sh('dumpsys notification --noredact')).stdout;
    expect(output).toMatch(/key=0\|io\.appium\.settings\|1\|null\|\d+: Notification\(channel=main_channel [^\n]* flags=0x62 /);
    expect(output).toMatch(/\n {6}flags=0x62\n {6}originalFlags=0x42\n/);
    const parsed = parseDumpsysNotification(output);
    expect(parsed.map(({ packageName, flags, ongoing, foregroundService }) => ({ packageName, flags, ongoing, foregroundService }))).toEqual([
      { packageName: 'io.appium.settings', flags: 0x62, ongoing: true, foregroundService: true },
      { packageName: 'com.android.shell', flags: 0, ongoing: false, foregroundService: false },
    ]);
    expect(parsed[0]?.postTime).toBe(device.notifications.list()[0]?.postTime);
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toContain('isForeground=true foregroundId=1 foregroundNoti=Notification(channel=main_channel');
    // The user's "Clear all" (the shade's button) keeps ongoing / no-clear notifications.
    await sh('cmd statusbar expand-notifications');
    const find = (node: ReturnType<typeof device.ui.hierarchy>): typeof node | undefined => (node.text === 'Clear all' ? node : node.children.map(find).find(Boolean));
    const clearAll = find(device.ui.hierarchy());
    expect(clearAll).toBeDefined();
    device.ui.click(clearAll?.uid ?? '');
    expect(device.notifications.list().map((record) => record.packageName)).toEqual(['io.appium.settings']);
  });

  it('deviceidle whitelist +pkg adds user packages and lists them as user,pkg,uid', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, readApk(APPIUM_APK.settings));
    expect((await sh('dumpsys deviceidle whitelist +io.appium.settings')).stdout).toBe('Added: io.appium.settings\n');
    expect((await sh('dumpsys deviceidle whitelist +no.such.pkg')).stdout).toBe('Unknown package: no.such.pkg\n');
    const list = (await sh('dumpsys deviceidle whitelist')).stdout.trim().split('\n');
    expect(list).toContain('system,com.android.shell,2000');
    expect(list.at(-1)).toMatch(/^user,io\.appium\.settings,10\d{3}$/);
  });

  it('accessibility lists the services enabled in secure settings', async () => {
    const { sh } = await bootDevice();
    expect((await sh('dumpsys accessibility')).stdout).toContain('Enabled services:{}');
    await installVia(sh, readApk(APPIUM_APK.settings));
    await sh('settings put secure enabled_accessibility_services io.appium.settings/io.appium.settings.Fake; settings put secure accessibility_enabled 1');
    expect((await sh('dumpsys accessibility')).stdout).toContain('Enabled services:{{io.appium.settings/io.appium.settings.Fake}}');
  });

  it('battery, SurfaceFlinger --display-id and unknown services', async () => {
    const { sh } = await bootDevice();
    expect((await sh('dumpsys battery')).stdout).toContain('  level: 100\n');
    expect((await sh('dumpsys SurfaceFlinger --display-id')).stdout).toMatch(/^Display \d+ \(HWC display 0\): port=0/);
    expect(await sh('dumpsys nosuchservice')).toMatchObject({ stdout: '', stderr: "Can't find service: nosuchservice\n" });
  });

  it('activity processes lists persistent system processes', async () => {
    const { sh } = await bootDevice();
    const out = (await sh('dumpsys activity processes')).stdout;
    expect(out).toMatch(/ProcessRecord\{[0-9a-f]+ \d+:system_server\/system\}/);
    expect(out).toMatch(/ProcessRecord\{[0-9a-f]+ \d+:com\.android\.systemui\/u0a\d+\}/);
  });
});
