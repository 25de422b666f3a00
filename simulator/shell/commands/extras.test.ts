import { describe, expect, it } from 'vitest';
import { APPIUM_APK, bootDevice, installVia, readApk } from '../testing/run-shell.ts';

describe('toybox text tools', () => {
  it('printf, sort, uniq, tr, cut, seq, tee, basename, dirname', async () => {
    const { sh, device } = await bootDevice();
    expect((await sh(`printf '%s=%d%%\\n' load 42`)).stdout).toBe('load=42%\n');
    expect((await sh(`printf '%s\\n' b a c | sort -r`)).stdout).toBe('c\nb\na\n');
    expect((await sh(`printf 'a\\na\\nb\\n' | uniq -c`)).stdout).toBe('      2 a\n      1 b\n');
    expect((await sh(`echo hello | tr a-z A-Z`)).stdout).toBe('HELLO\n');
    expect((await sh(`echo 'a:b:c' | cut -d: -f2,3`)).stdout).toBe('b:c\n');
    expect((await sh('seq 3')).stdout).toBe('1\n2\n3\n');
    expect((await sh('echo x | tee /data/local/tmp/t')).stdout).toBe('x\n');
    expect(device.fs.read('/data/local/tmp/t')?.toString()).toBe('x\n');
    expect((await sh('basename /data/app/base.apk .apk; dirname /data/app/base.apk')).stdout).toBe('base\n/data/app\n');
  });
});

describe('system tools', () => {
  it('log writes to logcat as the shell', async () => {
    const { sh } = await bootDevice();
    await sh(`log -p w -t Harness 'case 3 started'`);
    expect((await sh('logcat -d -s Harness -v brief')).stdout).toMatch(/^W\/Harness \(\s*\d+\): case 3 started$/m);
  });

  it('env, getenforce, readlink, service, toybox', async () => {
    const { sh } = await bootDevice();
    expect((await sh('env')).stdout).toContain('EXTERNAL_STORAGE=/sdcard\n');
    expect((await sh('printenv ANDROID_DATA')).stdout).toBe('/data\n');
    expect((await sh('getenforce')).stdout).toBe('Enforcing\n');
    expect((await sh('readlink /sdcard; readlink -f /sdcard')).stdout).toBe('/storage/self/primary\n/storage/emulated/0\n');
    expect((await sh('service check package')).stdout).toBe('Service package: found\n');
    expect((await sh('toybox echo via-toybox')).stdout).toBe('via-toybox\n');
  });

  it('ime lists the keyboard and the Appium IMEs once io.appium.settings is installed', async () => {
    const { sh } = await bootDevice();
    expect((await sh('ime list -s')).stdout).toBe('com.android.inputmethod.latin/.LatinIME\n');
    await installVia(sh, readApk(APPIUM_APK.settings));
    expect((await sh('ime list -s')).stdout).toContain('io.appium.settings/.UnicodeIME\n');
    expect((await sh('ime set io.appium.settings/.UnicodeIME')).stdout).toBe('Input method io.appium.settings/.UnicodeIME selected for user #0\n');
    expect((await sh('settings get secure default_input_method')).stdout).toBe('io.appium.settings/.UnicodeIME\n');
  });

  it('cmd statusbar expand-notifications opens the shade with the posted notifications', async () => {
    const { sh, device } = await bootDevice();
    await sh(`cmd notification post -t 'Scan finished' scan 'No threats'`);
    const texts = (): string[] => {
      const out: string[] = [];
      const walk = (node: ReturnType<typeof device.ui.hierarchy>): void => { out.push(node.text); node.children.forEach(walk); };
      walk(device.ui.hierarchy());
      return out;
    };
    expect(texts()).not.toContain('Scan finished');
    expect((await sh('cmd statusbar expand-notifications')).status).toBe(0);
    expect(texts()).toContain('Scan finished');
    expect((await sh('service call alarm 3 s16 Europe/Paris')).stdout).toBe("Result: Parcel(00000000    '....')\n");
  });

  it('svc, locksettings, reboot, uname, tail, cp/mv, chmod, md5sum', async () => {
    const { sh, device } = await bootDevice();
    await sh('svc wifi disable; svc data disable');
    expect((await sh('settings get global wifi_on; settings get global mobile_data')).stdout).toBe('0\n0\n');
    expect((await sh('locksettings get-disabled')).stdout).toBe('false\n');
    expect((await sh('locksettings help && echo __PASS__')).stdout).toContain('__PASS__');
    expect(await sh('reboot')).toMatchObject({ status: 1, stderr: 'reboot: Operation not permitted\n' });
    expect((await sh('uname -m; uname -r')).stdout).toBe('x86_64\n5.15.41-android13-8-00055-g4f5025129fe8-ab8949913\n');
    expect((await sh("printf 'a\\nb\\nc\\n' | tail -n 2")).stdout).toBe('b\nc\n');
    await sh('echo data > /data/local/tmp/a; cp /data/local/tmp/a /data/local/tmp/b; mv /data/local/tmp/b /sdcard/');
    expect(device.fs.read('/sdcard/b')?.toString()).toBe('data\n');
    expect(device.fs.stat('/data/local/tmp/b')).toBeUndefined();
    expect((await sh('chmod 777 /data/local/tmp/a')).status).toBe(0);
    expect((await sh('chmod 777 /data/local/tmp/none')).status).toBe(1);
    expect((await sh('md5sum /data/local/tmp/a')).stdout).toBe('6137cde4893c59f76f005a8123d8e8e6  /data/local/tmp/a\n');
  });
});
