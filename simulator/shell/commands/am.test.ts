import { describe, expect, it } from 'vitest';
import { APPIUM_APK, bootDevice, fixtureApk, installVia, readApk } from '../testing/run-shell.ts';

const settingsApk = readApk(APPIUM_APK.settings);

describe('am', () => {
  it('start-activity -W prints Starting/Status/Activity/TotalTime/Complete and focuses the app', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    const result = await sh('am start-activity -W -n org.example.pocketnotes/.NoteListActivity -S -a android.intent.action.MAIN -c android.intent.category.LAUNCHER -f 0x10200000');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Starting: Intent \{ act=android\.intent\.action\.MAIN cat=\[android\.intent\.category\.LAUNCHER\] flg=0x10200000 cmp=org\.example\.pocketnotes\/\.NoteListActivity \}\nStatus: ok\nLaunchState: COLD\nActivity: org\.example\.pocketnotes\/\.NoteListActivity\nTotalTime: \d+\nWaitTime: \d+\nComplete\n$/);
    expect(device.ui.focusedWindow()).toEqual({ packageName: 'org.example.pocketnotes', activity: 'org.example.pocketnotes.NoteListActivity' });
    expect((await sh('dumpsys activity processes')).stdout).toMatch(/ProcessRecord\{[0-9a-f]+ \d+:org\.example\.pocketnotes\/u0a\d+\}/);
    expect(device.readLog().some((entry) => entry.tag === 'ActivityManager' && entry.message.startsWith('Start proc '))).toBe(true);
  });

  it('the HOME intent brings the launcher to the front', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    await sh('am start -n org.example.pocketnotes/.NoteListActivity');
    const result = await sh('am start -W -a android.intent.action.MAIN -c android.intent.category.HOME');
    expect(result.stdout).toContain('Activity: com.android.launcher3/.uioverrides.QuickstepLauncher\n');
    expect(device.ui.focusedWindow().packageName).toBe('com.android.launcher3');
  });

  it('answers an unknown activity with Error type 3 and exit 1', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk);
    const result = await sh('am start -n io.appium.settings/.Nope');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Error type 3\nError: Activity class {io.appium.settings/io.appium.settings.Nope} does not exist.\n');
  });

  it('starting io.appium.settings runs its foreground service, as the Settings activity does', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk, '-r -g');
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toBe('ACTIVITY MANAGER SERVICES (dumpsys activity services)\n  (nothing)\n');
    await sh('am start-activity -n io.appium.settings/.Settings -a android.intent.action.MAIN -c android.intent.category.LAUNCHER -f 0x10200000');
    const services = (await sh('dumpsys activity services io.appium.settings')).stdout;
    expect(services).toContain('  * ServiceRecord{');
    expect(services).toContain(' u0 io.appium.settings/.ForegroundService}');
    expect(services).toContain('isForeground=true');
    expect((await sh('dumpsys window')).stdout).not.toContain('io.appium.settings');
  });

  it('force-stop ends processes, services and notifications of the package', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk, '-r -g');
    await sh('am start -n io.appium.settings/.Settings');
    expect((await sh('pidof io.appium.settings')).status).toBe(0);
    expect((await sh('am force-stop io.appium.settings')).status).toBe(0);
    expect((await sh('pidof io.appium.settings')).status).toBe(1);
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toContain('(nothing)');
    expect((await sh('dumpsys notification --noredact')).stdout).not.toContain('pkg=io.appium.settings');
    expect((await sh('dumpsys package io.appium.settings')).stdout).toContain('stopped=true');
  });

  it('start-foreground-service and stopservice', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, settingsApk);
    const started = await sh('am start-foreground-service -n io.appium.settings/.LocationService');
    expect(started).toMatchObject({ stdout: 'Starting service: Intent { cmp=io.appium.settings/.LocationService }\n', status: 0 });
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toContain('isForeground=true');
    expect((await sh('am stopservice -n io.appium.settings/.LocationService')).stdout).toBe('Stopping service: Intent { cmp=io.appium.settings/.LocationService }\nService stopped\n');
    expect((await sh('am startservice -n io.appium.settings/.Nope')).stderr).toBe('Error: Not found; no service started.\n');
  });

  it('refuses the shell uid a non-exported service with the owner uid, exit 255; the app itself and root may start it', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('stalkerware-thetruthspy'), '-g');
    const uid = device.packages.get('com.systemservice')?.uid;
    for (const verb of ['start-foreground-service', 'startservice']) {
      const refused = await sh(`am ${verb} -n com.systemservice/.service.SyncService`);
      expect(refused).toMatchObject({ stdout: 'Starting service: Intent { cmp=com.systemservice/.service.SyncService }\n', stderr: `Error: Requires permission not exported from uid ${uid}\n`, status: 255 });
    }
    expect((await sh('dumpsys activity services com.systemservice')).stdout).toContain('(nothing)');
    // A disabled service resolves to nothing.
    device.setProp('service.adb.root', '1');
    await sh('pm disable com.systemservice/.service.SyncService');
    expect((await sh('am startservice -n com.systemservice/.service.SyncService')).stderr).toBe('Error: Not found; no service started.\n');
    await sh('pm enable com.systemservice/.service.SyncService');
    expect((await sh('id')).stdout).toMatch(/^uid=0\(root\) /);
    expect((await sh('am start-foreground-service -n com.systemservice/.service.SyncService')).status).toBe(0);
    expect((await sh('dumpsys activity services com.systemservice')).stdout).toContain(' u0 com.systemservice/.service.SyncService}');
  });

  it('refuses the shell uid a non-exported activity with Permission Denial; exported ones start', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    const record = device.packages.get('org.example.pocketnotes');
    const activity = record?.components.find((component) => component.name === 'org.example.pocketnotes.NoteListActivity');
    if (record === undefined || activity === undefined) throw new Error('fixture lacks NoteListActivity');
    activity.exported = false;
    activity.actions = [];
    activity.categories = [];
    const refused = await sh('am start -n org.example.pocketnotes/.NoteListActivity');
    expect(refused.status).toBe(255);
    expect(refused.stdout).toBe('Starting: Intent { flg=0x10000000 cmp=org.example.pocketnotes/.NoteListActivity }\n');
    expect(refused.stderr).toMatch(new RegExp(`^Exception occurred while executing 'start':\njava\\.lang\\.SecurityException: Permission Denial: starting Intent \\{ flg=0x10000000 cmp=org\\.example\\.pocketnotes/\\.NoteListActivity \\} from null \\(pid=\\d+, uid=2000\\) not exported from uid ${record.uid}\n\tat com\\.android\\.server\\.wm\\.ActivityTaskSupervisor\\.checkStartAnyActivityPermission`));
    expect(device.ui.focusedWindow().packageName).not.toBe('org.example.pocketnotes');
    device.setProp('service.adb.root', '1');
    expect((await sh('am start -n org.example.pocketnotes/.NoteListActivity')).status).toBe(0);
    expect(device.ui.focusedWindow().packageName).toBe('org.example.pocketnotes');
  });

  it('broadcast completes; io.appium.settings receivers answer RESULT_OK', async () => {
    const { sh } = await bootDevice();
    expect((await sh('am broadcast -a com.example.PING')).stdout).toBe('Broadcasting: Intent { act=com.example.PING flg=0x400000 }\nBroadcast completed: result=0\n');
    await installVia(sh, settingsApk);
    expect((await sh('am broadcast -a io.appium.settings.animation -n io.appium.settings/.receivers.AnimationSettingReceiver --es setstatus disable')).stdout).toContain('result=-1');
  });

  it('instrument without the UiAutomator2 packages fails like Android', async () => {
    const { sh } = await bootDevice();
    const result = await sh('am instrument -w -e disableAnalytics true io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      'INSTRUMENTATION_STATUS: id=ActivityManagerService\n'
      + 'INSTRUMENTATION_STATUS: Error=Unable to find instrumentation info for: ComponentInfo{io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner}\n'
      + 'INSTRUMENTATION_STATUS_CODE: -1\n',
    );
    expect(result.stderr).toMatch(/^android\.util\.AndroidException: INSTRUMENTATION_FAILED: io\.appium\.uiautomator2\.server\.test\/androidx\.test\.runner\.AndroidJUnitRunner\n/);
  });

  it('dumpsys activity activities/top name the resumed activity; am kill spares the foreground app', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    await sh('am start -n org.example.pocketnotes/.NoteListActivity');
    expect((await sh('dumpsys activity activities')).stdout).toMatch(/ResumedActivity: ActivityRecord\{[0-9a-f]+ u0 org\.example\.pocketnotes\/\.NoteListActivity t\d+\}/);
    expect((await sh('dumpsys activity top')).stdout).toMatch(/^TASK \d+:org\.example\.pocketnotes id=\d+ userId=0\n  ACTIVITY org\.example\.pocketnotes\/\.NoteListActivity [0-9a-f]+ pid=\d+\n$/);
    await sh('am kill org.example.pocketnotes');
    expect((await sh('pidof org.example.pocketnotes')).status).toBe(0);
    await sh('input keyevent 3; am kill org.example.pocketnotes');
    expect((await sh('pidof org.example.pocketnotes')).status).toBe(1);
  });
});
