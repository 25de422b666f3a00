import { describe, expect, it } from 'vitest';
import { APPIUM_APK, bootDevice, fixtureApk, installVia, PROFILE_API29, readApk } from '../testing/run-shell.ts';

describe('getprop / setprop', () => {
  it('prints one property, a default for a missing one, and all as [key]: [value]', async () => {
    const { sh } = await bootDevice();
    expect((await sh('getprop ro.build.version.sdk')).stdout).toBe('33\n');
    expect((await sh('getprop ro.build.version.release')).stdout).toBe('13\n');
    expect((await sh('getprop no.such.prop fallback')).stdout).toBe('fallback\n');
    expect((await sh('getprop no.such.prop')).stdout).toBe('\n');
    const all = (await sh('getprop')).stdout;
    expect(all).toContain('[ro.kernel.qemu]: [1]\n');
    expect(all).toContain('[sys.boot_completed]: [1]\n');
    expect(all).toContain('[ro.product.model]: [sdk_gphone64_x86_64]\n');
    expect(all.split('\n').filter(Boolean).every((line) => /^\[[^\]]+\]: \[.*\]$/.test(line))).toBe(true);
  });

  it('follows the profile on API 29', async () => {
    const { sh } = await bootDevice(PROFILE_API29);
    expect((await sh('getprop ro.build.version.sdk; getprop ro.build.version.release')).stdout).toBe('29\n10\n');
  });

  it('setprop changes writable properties and refuses ro.* ones', async () => {
    const { sh } = await bootDevice();
    expect((await sh('setprop debug.x 5; getprop debug.x')).stdout).toBe('5\n');
    expect((await sh('setprop ro.build.version.sdk 99')).status).toBe(1);
    expect((await sh('getprop ro.build.version.sdk')).stdout).toBe('33\n');
  });
});

describe('settings', () => {
  it('get/put/delete/list in the three namespaces', async () => {
    const { sh } = await bootDevice();
    expect((await sh('settings get global adb_enabled')).stdout).toBe('1\n');
    expect((await sh('settings get global hidden_api_policy')).stdout).toBe('null\n');
    await sh('settings put global hidden_api_policy_pre_p_apps 1;settings put global hidden_api_policy_p_apps 1;settings put global hidden_api_policy 1');
    expect((await sh('settings get global hidden_api_policy')).stdout).toBe('1\n');
    expect((await sh('settings list global')).stdout).toContain('hidden_api_policy=1\n');
    expect((await sh('settings delete global hidden_api_policy')).stdout).toBe('Deleted 1 rows\n');
    expect((await sh('settings get global hidden_api_policy')).stdout).toBe('null\n');
    expect((await sh('settings --user 0 get secure enabled_accessibility_services')).stdout).toBe('\n');
    expect((await sh('settings get bogus x')).status).toBe(255);
  });

  it('enabling an accessibility service in secure settings binds it; removing it unbinds it', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('stalkerware-mspy'));
    const record = device.packages.all().find((entry) => entry.components.some((component) => component.kind === 'accessibility-service'));
    expect(record).toBeDefined();
    const service = record?.components.find((component) => component.kind === 'accessibility-service')?.name ?? '';
    const flat = `${record?.packageName ?? ''}/${service}`;
    await sh(`settings put secure enabled_accessibility_services ${flat}`);
    expect((await sh(`dumpsys activity services ${record?.packageName ?? ''}`)).stdout).toContain(`ServiceRecord{`);
    await sh('settings put secure enabled_accessibility_services ""');
    expect((await sh(`dumpsys activity services ${record?.packageName ?? ''}`)).stdout).toContain('(nothing)');
  });
});

describe('ps / pidof / kill', () => {
  it('ps --help mentions -A and ps -A has the header appium-adb parses', async () => {
    const { sh } = await bootDevice();
    expect((await sh('ps --help')).stdout).toMatch(/^-A\b/m);
    const lines = (await sh('ps -A')).stdout.split('\n');
    expect(lines[0]).toBe('USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME');
    expect(lines[1]).toMatch(/^root {13}1 {5}0 +\d+ +\d+ \S+ +0 S init$/);
    const titles = (lines[0] ?? '').split(/\s+/);
    const row = lines.find((line) => line.endsWith(' system_server'))?.split(/\s+/) ?? [];
    expect(row[titles.indexOf('NAME')]).toBe('system_server');
    expect(row[titles.indexOf('USER')]).toBe('system');
    expect(lines.some((line) => / ps$/.test(line))).toBe(true);
  });

  it('shows an app process as u0_aNN while it runs and not after force-stop', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    await sh('am start -n org.example.pocketnotes/.NoteListActivity');
    const row = (await sh('ps -A | grep pocketnotes')).stdout;
    expect(row).toMatch(/^u0_a\d+ +\d+ +\d+ +\d+ +\d+ \S+ +0 S org\.example\.pocketnotes\n$/);
    const pid = (await sh('pidof org.example.pocketnotes')).stdout.trim();
    expect(row).toContain(` ${pid} `);
    await sh('am force-stop org.example.pocketnotes');
    expect((await sh('ps -A | grep pocketnotes')).status).toBe(1);
  });

  it('kill refuses other users’ processes', async () => {
    const { sh } = await bootDevice();
    const pid = (await sh('pidof system_server')).stdout.trim();
    expect(await sh(`kill ${pid}`)).toMatchObject({ status: 1, stderr: `kill: ${pid}: Operation not permitted\n` });
    expect((await sh('kill 99999')).stderr).toBe('kill: 99999: No such process\n');
  });
});

describe('appops / dpm / cmd notification', () => {
  it('appops set then get', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, readApk(APPIUM_APK.settings));
    expect((await sh('appops get io.appium.settings')).stdout).toBe('No operations.\n');
    expect((await sh('appops set io.appium.settings PROJECT_MEDIA allow')).status).toBe(0);
    expect((await sh('cmd appops get io.appium.settings PROJECT_MEDIA')).stdout).toMatch(/^PROJECT_MEDIA: allow; time=\+\d+s\d+ms ago\n$/);
    expect((await sh('appops set io.appium.settings NOPE allow')).stderr).toBe('Error: Unknown operation string: NOPE\n');
  });

  it('cmd notification allow_listener writes enabled_notification_listeners', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, readApk(APPIUM_APK.settings));
    await sh('cmd notification allow_listener io.appium.settings/.NLService');
    expect((await sh('settings get secure enabled_notification_listeners')).stdout).toBe('io.appium.settings/io.appium.settings.NLService\n');
    await sh('cmd notification disallow_listener io.appium.settings/.NLService');
    expect((await sh('settings get secure enabled_notification_listeners')).stdout).toBe('\n');
  });

  it('dpm set-active-admin accepts device-admin receivers only; list-owners', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('stalkerware-mspy'));
    const record = device.packages.all().find((entry) => entry.components.some((component) => component.kind === 'device-admin'));
    const admin = record?.components.find((component) => component.kind === 'device-admin')?.name;
    expect(admin).toBeDefined();
    const result = await sh(`dpm set-active-admin ${record?.packageName ?? ''}/${admin ?? ''}`);
    expect(result.stdout).toMatch(/^Success: Active admin set to component \{/);
    expect(device.policy.deviceAdmins).toHaveLength(1);
    expect((await sh(`pm uninstall ${record?.packageName ?? ''}`)).stdout).toBe('Failure [DELETE_FAILED_DEVICE_POLICY_MANAGER]\n');
    expect((await sh('dpm set-active-admin com.android.settings/.Nope')).status).toBe(255);
    expect((await sh('dpm list-owners')).stdout).toBe('no owners\n');
  });

  it('dpm set-active-admin refuses a receiver without android.app.device_admin meta-data: "Bad admin"', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('stalkerware-mspy'));
    const record = device.packages.all().find((entry) => entry.components.some((component) => component.kind === 'device-admin'));
    const receiver = record?.components.find((component) => component.kind === 'device-admin');
    // Read from the aapt-built fixture's manifest.
    expect(receiver?.metaData).toContain('android.app.device_admin');
    // The same receiver as an APK that forgot its meta-data would declare it.
    delete receiver!.metaData;
    const result = await sh(`dpm set-active-admin ${record?.packageName ?? ''}/${receiver?.name ?? ''}`);
    expect(result.status).toBe(255);
    expect(result.stderr).toContain(`java.lang.IllegalArgumentException: Bad admin: ComponentInfo{${record?.packageName ?? ''}/${receiver?.name ?? ''}}`);
    expect(device.policy.deviceAdmins).toEqual([]);
  });
});

describe('misc tools', () => {
  it('date formats the device clock in GMT', async () => {
    const { createVirtualDevice } = await import('../../device/create-virtual-device.ts');
    const { runLine, PROFILE_API33 } = await import('../testing/run-shell.ts');
    const device = createVirtualDevice({ profile: PROFILE_API33, serial: 'emulator-5554', now: () => Date.UTC(2026, 10, 22, 3, 4, 5, 6) });
    expect((await runLine(device, 'date +%Y-%m-%dT%T%z')).stdout).toBe('2026-11-22T03:04:05+0000\n');
    expect((await runLine(device, 'date +%s; date +%F')).stdout).toBe('1795316645\n2026-11-22\n');
    expect((await runLine(device, 'date')).stdout).toBe('Sun Nov 22 03:04:05 GMT 2026\n');
    await device.shutdown();
  });

  it('id, whoami, which, run-as, wm', async () => {
    const { sh } = await bootDevice();
    expect((await sh('whoami')).stdout).toBe('shell\n');
    expect((await sh('id')).stdout).toMatch(/^uid=2000\(shell\) gid=2000\(shell\)/);
    expect((await sh('which pm')).stdout).toBe('/system/bin/pm\n');
    expect((await sh('run-as com.android.settings ls')).stderr).toBe('run-as: package not debuggable: com.android.settings\n');
    expect((await sh('wm size; wm density')).stdout).toBe('Physical size: 1080x2400\nPhysical density: 420\n');
  });

  it('monkey launches a package by its launcher activity, or aborts', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    const result = await sh('monkey -p org.example.pocketnotes -c android.intent.category.LAUNCHER 1');
    expect(result.stdout).toContain('Events injected: 1\n');
    expect(device.ui.focusedWindow().packageName).toBe('org.example.pocketnotes');
    expect((await sh('monkey -p no.such.pkg -c android.intent.category.LAUNCHER 1')).stderr).toBe('** No activities found to run, monkey aborted.\n');
  });

  it('dumpsys input_method reports no soft keyboard', async () => {
    const { sh } = await bootDevice();
    const out = (await sh('dumpsys input_method')).stdout;
    expect(/mInputShown=(\w+)/.exec(out)?.[1]).toBe('false');
    expect(/mIsInputViewShown=(\w+)/.exec(out)?.[1]).toBe('false');
  });
});
