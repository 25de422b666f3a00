import { describe, expect, it } from 'vitest';
import { bootDevice, fixtureApk, installVia } from '../testing/run-shell.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('logcat', () => {
  it('-d -v threadtime prints the buffer in threadtime format and exits', async () => {
    const { sh, device } = await bootDevice();
    device.clearLog();
    device.log({ time: Date.UTC(2026, 10, 22, 3, 4, 5, 67), pid: 1234, tid: 1250, priority: 'I', tag: 'Tag', message: 'hello\nworld' });
    expect((await sh('logcat -d -v threadtime')).stdout).toBe(
      '--------- beginning of main\n11-22 03:04:05.067  1234  1250 I Tag     : hello\n11-22 03:04:05.067  1234  1250 I Tag     : world\n',
    );
    expect((await sh('logcat -d -v brief')).stdout).toContain('I/Tag     ( 1234): hello\n');
  });

  it('-t N prints the last N entries; -T time prints entries since then', async () => {
    const { sh, device } = await bootDevice();
    device.clearLog();
    for (const [second, message] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) {
      device.log({ time: Date.UTC(2026, 10, 22, 3, 0, second), pid: 2100, tid: 2100, priority: 'I', tag: 'T', message });
    }
    expect((await sh('logcat -t 1 -v brief')).stdout).toBe('--------- beginning of main\nI/T       ( 2100): three\n');
    const since = (await sh(`logcat -d -v brief -T '11-22 03:00:02.000'`)).stdout;
    expect(since).toContain('two');
    expect(since).not.toContain('one');
  });

  it('-b picks buffers: crash and events only when asked (events never by default), each announced once', async () => {
    const { sh, device } = await bootDevice();
    device.clearLog();
    const at = Date.UTC(2026, 10, 22, 3, 0, 0);
    device.log({ buffer: 'main', time: at, pid: 2100, tid: 2100, priority: 'I', tag: 'App', message: 'main line' });
    device.log({ buffer: 'crash', time: at + 1, pid: 2100, tid: 2100, priority: 'E', tag: 'AndroidRuntime', message: 'FATAL EXCEPTION: main' });
    device.log({ buffer: 'events', time: at + 2, pid: 520, tid: 540, priority: 'I', tag: 'am_crash', message: '[0,2100,org.example,1,x,y,z,1,0]' });
    device.logSystem('ActivityManager', 'Process org.example (pid 2100) has died');
    const byDefault = (await sh('logcat -d -v brief')).stdout;
    expect(byDefault).toContain('FATAL EXCEPTION');
    expect(byDefault).not.toContain('am_crash');
    expect((await sh('logcat -d -b crash -v brief')).stdout).toBe('--------- beginning of crash\nE/AndroidRuntime( 2100): FATAL EXCEPTION: main\n');
    const events = (await sh('logcat -d -b events -v threadtime')).stdout;
    expect(events).toMatch(/^--------- beginning of events\n\S+ \S+\s+520\s+540 I am_crash: \[0,2100,org\.example,/);
    const several = (await sh('logcat -d -b crash,events -b system -v brief')).stdout;
    expect(several.match(/^--------- beginning of \w+$/gm)).toEqual(['--------- beginning of crash', '--------- beginning of events', '--------- beginning of system']);
    expect(several).not.toContain('main line');
    expect((await sh('logcat -d -b all -v brief')).stdout).toContain('main line');
    expect(await sh('logcat -d -b nope')).toMatchObject({ status: 1, stderr: "logcat: Unknown buffer 'nope' listed for -b.\n" });
  });

  it('filters by tag specs and ANDROID_LOG_TAGS', async () => {
    const { sh, device } = await bootDevice();
    device.clearLog();
    device.log({ pid: 2000, tid: 2000, priority: 'D', tag: 'Keep', message: 'yes' });
    device.log({ pid: 2000, tid: 2000, priority: 'E', tag: 'Other', message: 'no' });
    expect((await sh("logcat -d '*:S' Keep:V")).stdout).toContain('Keep    : yes');
    expect((await sh("logcat -d '*:S' Keep:V")).stdout).not.toContain('Other');
    expect((await sh('export ANDROID_LOG_TAGS="Keep:I *:S"; logcat -d')).stdout).not.toContain('Keep');
    expect((await sh(`export ANDROID_LOG_TAGS="''"; logcat -d`)).stdout).toContain('Other   : no');
  });

  it('logcat | head -n N ends once N lines went through', async () => {
    const { sh } = await bootDevice();
    const result = await sh('logcat -v brief | head -n 2');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(3);
  });

  it('logcat | grep -m 1 ends at the first matching line', async () => {
    const { device } = await bootDevice();
    const { runLine } = await import('../testing/run-shell.ts');
    const waiting = runLine(device, 'logcat -v brief | grep -m 1 Wanted');
    device.log({ pid: 3100, tid: 3100, priority: 'I', tag: 'Other', message: 'noise' });
    device.log({ pid: 3100, tid: 3100, priority: 'I', tag: 'Wanted', message: 'here' });
    const result = await waiting;
    expect(result).toMatchObject({ status: 0, stdout: 'I/Wanted  ( 3100): here\n' });
  });

  it('-c clears; without -d it streams new entries until the stream closes', async () => {
    const { device } = await bootDevice();
    const { runLine } = await import('../testing/run-shell.ts');
    await runLine(device, 'logcat -c');
    expect(device.readLog()).toHaveLength(0);
    const controller = new AbortController();
    let seen = '';
    const done = device.runShell(`export ANDROID_LOG_TAGS="''"; exec logcat '-v' 'threadtime'`, {
      stdin: (async function* () {})(),
      stdout: (chunk) => { seen += chunk.toString(); if (seen.includes('second')) controller.abort(); },
      stderr: () => {},
      signal: controller.signal,
    });
    device.log({ pid: 3000, tid: 3001, priority: 'W', tag: 'Live', message: 'first' });
    device.log({ pid: 3000, tid: 3001, priority: 'W', tag: 'Live', message: 'second' });
    expect(await done).toBe(0);
    expect(seen).toMatch(/ 3000  3001 W Live    : first\n.* 3000  3001 W Live    : second\n$/);
  });
});

describe('screen commands', () => {
  it('screencap -p writes a PNG to stdout or a file', async () => {
    const { sh, device } = await bootDevice();
    const result = await sh('screencap -p');
    expect(result.raw.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(result.raw.readUInt32BE(16)).toBe(1080);
    expect((await sh('screencap -p | wc -c')).stdout).toBe(`${result.raw.length}\n`);
    await sh('screencap -p /sdcard/screen.png');
    expect(device.fs.read('/sdcard/screen.png')?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('uiautomator dump writes the hierarchy and prints Android\'s misspelt message', async () => {
    const { sh, device } = await bootDevice();
    expect((await sh('uiautomator dump')).stdout).toBe('UI hierchary dumped to: /sdcard/window_dump.xml\n');
    const xml = device.fs.read('/storage/emulated/0/window_dump.xml')?.toString() ?? '';
    expect(xml).toMatch(/^<\?xml version='1\.0' encoding='UTF-8' standalone='yes' \?><hierarchy rotation="0">/);
    // DumpCommand dumps the active window's root only: the launcher, not the system bars.
    expect(xml).toContain('package="com.android.launcher3"');
    expect(xml).not.toContain('package="com.android.systemui"');
    expect((await sh('uiautomator dump /data/local/tmp/d.xml')).stdout).toBe('UI hierchary dumped to: /data/local/tmp/d.xml\n');
    await sh('uiautomator dump --windows /data/local/tmp/all.xml');
    const all = device.fs.read('/data/local/tmp/all.xml')?.toString() ?? '';
    expect(all).toMatch(/<window [^>]*active="true"[^>]*type="TYPE_APPLICATION"><hierarchy rotation="0"><node [^>]*package="com\.android\.launcher3"/);
    expect(all).toContain('package="com.android.systemui"');
  });

  it('input keyevent, tap and text reach the UI', async () => {
    const { sh, device } = await bootDevice();
    await installVia(sh, fixtureApk('clean-pocket-notes'));
    await sh('am start -n org.example.pocketnotes/.NoteListActivity');
    expect(device.ui.focusedWindow().packageName).toBe('org.example.pocketnotes');
    expect((await sh('input keyevent KEYCODE_HOME')).status).toBe(0);
    expect(device.ui.focusedWindow().packageName).toBe('com.android.launcher3');
    expect((await sh('input tap 540 1200; input swipe 1 2 3 4 100; input text hello%sworld')).status).toBe(0);
    expect((await sh('input keyevent NOPE')).stderr).toBe('Error: Unknown keycode: NOPE\n');
  });
});

describe('file and text commands', () => {
  it('ls, mkdir -p, rm -rf, touch, cat, stat', async () => {
    const { sh, device } = await bootDevice();
    expect((await sh('ls /system/bin')).stdout.split('\n')).toEqual(expect.arrayContaining(['am', 'pm', 'sh', 'toybox', 'uiautomator']));
    await sh('mkdir -p /data/local/tmp/a/b && touch /data/local/tmp/a/b/c');
    expect((await sh('ls -R /data/local/tmp/a')).stdout).toBe('/data/local/tmp/a:\nb\n\n/data/local/tmp/a/b:\nc\n');
    expect((await sh('ls -l /data/local/tmp/a')).stdout).toMatch(/^total 8\ndrwxrwx--x  2 shell  shell +4096 \d{4}-\d\d-\d\d \d\d:\d\d b\n$/);
    expect((await sh('ls -l /')).stdout).toMatch(/lrwxrwxrwx .* sdcard -> \/storage\/self\/primary/);
    expect((await sh('ls -l /sdcard')).stdout).toMatch(/^lrwxrwxrwx .* \/sdcard -> \/storage\/self\/primary\n$/);
    expect((await sh('ls -l /sdcard/')).stdout).toMatch(/^total \d+\n/);
    expect((await sh('rm /data/local/tmp/a')).stderr).toBe('rm: /data/local/tmp/a: Is a directory\n');
    expect((await sh('rm -rf /data/local/tmp/a; ls /data/local/tmp/a')).stderr).toBe('ls: /data/local/tmp/a: No such file or directory\n');
    device.fs.write('/sdcard/t.txt', Buffer.from('x\ny\nz\n'));
    expect((await sh('cat /sdcard/t.txt | head -n 2')).stdout).toBe('x\ny\n');
    expect((await sh('wc -l /sdcard/t.txt')).stdout).toBe('3 /sdcard/t.txt\n');
    expect((await sh('grep -v y /sdcard/t.txt')).stdout).toBe('x\nz\n');
    expect((await sh('grep -q nothing /sdcard/t.txt')).status).toBe(1);
    expect((await sh('stat -c %s /sdcard/t.txt')).stdout).toBe('6\n');
    expect((await sh('sha256sum /sdcard/t.txt')).stdout).toMatch(/^[0-9a-f]{64}  \/sdcard\/t\.txt\n$/);
  });
});
