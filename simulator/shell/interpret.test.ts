import { describe, expect, it } from 'vitest';
import { bootDevice } from './testing/run-shell.ts';

describe('device shell', () => {
  it('runs ; && || with exit statuses and $?', async () => {
    const { sh } = await bootDevice();
    expect(await sh('false || echo a; true && echo b; false && echo never; echo $?')).toMatchObject({ stdout: 'a\nb\n1\n', status: 0 });
    expect((await sh('true; false')).status).toBe(1);
  });

  it('answers unknown commands like mksh on Android, exit 127', async () => {
    const { sh } = await bootDevice();
    expect(await sh('frobnicate --x')).toMatchObject({ stdout: '', stderr: '/system/bin/sh: frobnicate: inaccessible or not found\n', status: 127 });
  });

  it('expands variables, keeps quoted whitespace and splits unquoted expansions', async () => {
    const { sh } = await bootDevice();
    expect((await sh(`X='a  b'; echo $X "$X" \${X}c; export Y=1; echo $Y`)).stdout).toBe('a b a  b a bc\n1\n');
    expect((await sh('echo "$EXTERNAL_STORAGE" $(getprop ro.build.version.sdk)')).stdout).toBe('/sdcard 33\n');
  });

  it('handles the redirections appium-adb and adb send', async () => {
    const { sh, device } = await bootDevice();
    expect(await sh('echo out >&2')).toMatchObject({ stdout: '', stderr: 'out\n' });
    expect(await sh('ls /nope 2>/dev/null || echo gone')).toMatchObject({ stdout: 'gone\n', stderr: '' });
    expect(await sh('ls /nope 2>&1')).toMatchObject({ stdout: 'ls: /nope: No such file or directory\n', status: 1 });
    await sh('echo one > /data/local/tmp/f; echo two >> /data/local/tmp/f');
    expect(device.fs.read('/data/local/tmp/f')?.toString()).toBe('one\ntwo\n');
    expect((await sh('cat < /data/local/tmp/f')).stdout).toBe('one\ntwo\n');
    expect((await sh('cat </dev/null')).stdout).toBe('');
  });

  it('pipes stdout between commands', async () => {
    const { sh } = await bootDevice();
    expect((await sh('getprop | grep ro.build.version.sdk')).stdout).toBe('[ro.build.version.sdk]: [33]\n');
    expect((await sh('ls /system/bin | grep -c -e "^pm$" -e "^am$"')).stdout).toBe('2\n');
  });

  it('exec runs the command and ends the script with its status; exit N ends it too', async () => {
    const { sh } = await bootDevice();
    expect(await sh('exec echo hi; echo never')).toMatchObject({ stdout: 'hi\n', status: 0 });
    expect(await sh('echo a; exit 3; echo b')).toMatchObject({ stdout: 'a\n', status: 3 });
  });

  it('evaluates [ … ] and test the way appium-adb fileExists does', async () => {
    const { sh } = await bootDevice();
    expect((await sh(`[ -e '/data/local/tmp/mock_apps.json' ] && echo __PASS__`)).stdout).toBe('');
    await sh('touch /data/local/tmp/mock_apps.json');
    expect((await sh(`[ -e '/data/local/tmp/mock_apps.json' ] && echo __PASS__`)).stdout).toBe('__PASS__\n');
    expect((await sh('[ -d /sdcard ] && [ -z "" ] && [ -n x ] && [ a = a ] && [ a != b ] && [ ! -f /sdcard ] && echo yes')).stdout).toBe('yes\n');
    expect((await sh('test -f /system/bin')).status).toBe(1);
  });

  it('echo -n, and backslash escapes on by default as in mksh (-E off)', async () => {
    const { sh } = await bootDevice();
    expect((await sh('echo -n a; echo -e "b\\tc"')).stdout).toBe('ab\tc\n');
    expect((await sh("echo 'x\\ny'; echo -E 'x\\ny'")).stdout).toBe('x\ny\nx\\ny\n');
  });

  it('cd changes the directory for later commands and globbing expands names', async () => {
    const { sh } = await bootDevice();
    await sh('mkdir -p /sdcard/Recordings; touch /sdcard/Recordings/a.mp4 /sdcard/Recordings/b.mp4');
    expect((await sh('cd /sdcard/Recordings && ls')).stdout).toBe('a.mp4\nb.mp4\n');
    expect((await sh('echo /sdcard/Recordings/*.mp4')).stdout).toBe('/sdcard/Recordings/a.mp4 /sdcard/Recordings/b.mp4\n');
    await sh('rm -f /sdcard/Recordings/*');
    expect((await sh('ls /sdcard/Recordings')).stdout).toBe('');
  });

  it('reports a syntax error with exit 1', async () => {
    const { sh } = await bootDevice();
    expect(await sh("echo 'oops")).toMatchObject({ status: 1, stderr: expect.stringContaining('syntax error') });
  });

  it('sh -c runs a nested command line', async () => {
    const { sh } = await bootDevice();
    expect((await sh(`sh -c 'echo nested && getprop ro.product.model'`)).stdout).toBe('nested\nsdk_gphone64_x86_64\n');
  });

  it('expands ${VAR:-x}, ${VAR:=x}, ${#VAR} and prefix/suffix removal', async () => {
    const { sh } = await bootDevice();
    expect((await sh('echo ${NOPE:-dflt} ${NOPE:+alt} ${HOME:+alt}')).stdout).toBe('dflt alt\n');
    expect((await sh('echo ${NEW:=set}; echo $NEW ${#NEW}')).stdout).toBe('set\nset 3\n');
    expect((await sh('P=/data/app/base.apk; echo ${P##*/} ${P%.apk} ${P#/data} ${PATH%%:*}')).stdout).toBe('base.apk /data/app/base /app/base.apk /product/bin\n');
    expect(await sh('echo ${NOPE:?missing}')).toMatchObject({ status: 1, stderr: '/system/bin/sh: NOPE: missing\n' });
  });

  it('runs if/elif/else, while, for with break/continue, groups and subshells', async () => {
    const { sh } = await bootDevice();
    expect((await sh('if [ -d /sdcard ]; then echo dir; else echo none; fi')).stdout).toBe('dir\n');
    expect((await sh('if false; then echo a; elif getprop ro.kernel.qemu | grep -q 1; then echo emulator; fi')).stdout).toBe('emulator\n');
    expect((await sh('for p in a b c d; do [ $p = b ] && continue; [ $p = d ] && break; echo $p; done')).stdout).toBe('a\nc\n');
    expect((await sh('i=x; while [ ${#i} -lt 3 ]; do i=${i}x; done; echo $i')).stdout).toBe('xxx\n');
    expect((await sh('{ echo one; echo two; } | grep -c o')).stdout).toBe('2\n');
    expect((await sh('(cd /system/bin && exit 4); echo $? $(pwd)')).stdout).toBe('4 /\n');
    expect((await sh('if true; then echo quiet; fi > /data/local/tmp/q; cat /data/local/tmp/q')).stdout).toBe('quiet\n');
  });

  it('evaluates $(( … )) arithmetic', async () => {
    const { sh } = await bootDevice();
    expect((await sh('n=4; echo $((n * 3 + 1)) $(( (7 - 1) / 4 )) $((n > 3 && 1)) $((-n % 3))')).stdout).toBe('13 1 1 -1\n');
    expect((await sh('i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo $i')).stdout).toBe('3\n');
    expect(await sh('echo $((1 / 0))')).toMatchObject({ status: 1, stderr: '/system/bin/sh: division by zero\n' });
  });
});
