import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../../harness/errors/index.ts';
import { APPIUM_APK, bootDevice, fixtureApk, installVia, PROFILE_API33, readApk, runLine } from '../shell/testing/run-shell.ts';
import { createVirtualDevice } from './create-virtual-device.ts';

const INSTALL: { replace: boolean; grantRuntimePermissions: boolean; allowDowngrade: boolean; allowTest: boolean } = {
  replace: true, grantRuntimePermissions: false, allowDowngrade: false, allowTest: true,
};

async function pollFor<T>(read: () => T | undefined, budgetMs: number): Promise<T | undefined> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('createVirtualDevice', () => {
  it('boots like an emulator: boot_completed empty first, then 1 with the boot animation stopped', async () => {
    const device = createVirtualDevice({ profile: PROFILE_API33, serial: 'emulator-5554' });
    expect(device.getProp('sys.boot_completed')).toBeUndefined();
    expect((await runLine(device, 'getprop sys.boot_completed')).stdout).toBe('\n');
    const booted = await pollFor(() => (device.getProp('sys.boot_completed') === '1' ? true : undefined), 5_000);
    expect(booted).toBe(true);
    expect(device.getProp('init.svc.bootanim')).toBe('stopped');
    expect(device.getProp('dev.bootcomplete')).toBe('1');
    expect(device.getProp('ro.kernel.qemu')).toBe('1');
    await device.shutdown();
  });

  it('installs every fixture APK and the Appium APKs, emitting packageInstalled', async () => {
    const { device } = await bootDevice();
    const installed: string[] = [];
    device.events.on('packageInstalled', ({ packageName }) => installed.push(packageName));
    const dir = fileURLToPath(new URL('../../scenarios/apks/', import.meta.url));
    const names = readdirSync(dir).filter((name) => name.endsWith('.apk')).map((name) => name.slice(0, -4));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const result = await device.installApk(fixtureApk(name), INSTALL);
      expect(result, name).toMatchObject({ ok: true });
    }
    for (const url of Object.values(APPIUM_APK)) expect(await device.installApk(readApk(url), INSTALL)).toMatchObject({ ok: true });
    expect(installed).toHaveLength(names.length + 3);
    expect(installed).toContain('io.appium.uiautomator2.server.test');
    expect(device.readLog().some((entry) => entry.tag === 'PackageDexOptimizer' && entry.message.includes('pkg=io.appium.settings '))).toBe(true);
  });

  it('replacing a package keeps its uid and removes the old code path', async () => {
    const { device, sh } = await bootDevice();
    const apk = readApk(APPIUM_APK.settings);
    await installVia(sh, apk);
    const first = device.packages.get('io.appium.settings');
    await installVia(sh, apk);
    const second = device.packages.get('io.appium.settings');
    expect(second?.uid).toBe(first?.uid);
    expect(second?.codePath).not.toBe(first?.codePath);
    expect(device.fs.stat(first?.codePath ?? '/')).toBeUndefined();
    expect(device.fs.read(`${second?.codePath ?? ''}/base.apk`)?.length).toBe(apk.length);
  });

  it('saveState is plain data (JSON values and APK bytes) and loadState restores packages, settings, files and APK bytes, with apps stopped', async () => {
    const { device, sh } = await bootDevice();
    const apk = readApk(APPIUM_APK.settings);
    await installVia(sh, apk, '-r -g');
    await sh('settings put secure enabled_notification_listeners io.appium.settings/io.appium.settings.NLService; echo kept > /sdcard/note.txt');
    await sh('am start -n io.appium.settings/.Settings');
    const snapshot = structuredClone(device.saveState()) as unknown;

    await sh('pm uninstall io.appium.settings; rm /sdcard/note.txt; settings put global adb_enabled 0');
    expect(device.packages.get('io.appium.settings')).toBeUndefined();
    device.loadState(snapshot);
    expect(device.packages.get('io.appium.settings')?.grantedRuntime.length).toBeGreaterThan(0);
    expect((await sh('cat /sdcard/note.txt')).stdout).toBe('kept\n');
    expect((await sh('settings get global adb_enabled')).stdout).toBe('1\n');
    // Restoring stops running apps (contract): the service is gone until the app is started again.
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toContain('(nothing)');
    expect((await sh('pidof io.appium.settings')).status).toBe(1);
    await sh('am start -n io.appium.settings/.Settings');
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toContain('isForeground=true');
    const path = (await sh('pm path io.appium.settings')).stdout.slice(8).trim();
    expect(device.fs.read(path)?.equals(apk)).toBe(true);

    const fresh = createVirtualDevice({ profile: PROFILE_API33, serial: 'emulator-5556', bootDelayMs: 0 });
    fresh.loadState(snapshot);
    expect((await runLine(fresh, 'cmd package list packages -3')).stdout).toBe('package:io.appium.settings\n');
    expect((await runLine(fresh, 'getprop sys.boot_completed')).stdout).toBe('1\n');
    await fresh.shutdown();
  });

  it('refuses a state that is not a snapshot with SNAPSHOT_FAILED', async () => {
    const { device } = await bootDevice();
    let caught: unknown;
    try {
      device.loadState({ format: 'something-else' });
    } catch (error) {
      caught = error;
    }
    expect(isHarnessError(caught, 'SNAPSHOT_FAILED')).toBe(true);
  });

  it('uninstalling a package drops it from the bound-service settings and emits packageRemoved', async () => {
    const { device, sh } = await bootDevice();
    await installVia(sh, readApk(APPIUM_APK.settings));
    const removed: string[] = [];
    device.events.on('packageRemoved', ({ packageName }) => removed.push(packageName));
    await sh('cmd notification allow_listener io.appium.settings/.NLService');
    await sh('pm uninstall io.appium.settings');
    expect(device.getSetting('secure', 'enabled_notification_listeners')).toBe('');
    expect(removed).toEqual(['io.appium.settings']);
  });

  it('connects device-side TCP clients to a listening server and refuses closed ports', async () => {
    const { device } = await bootDevice();
    expect(device.connectTcp(6790)).toBeUndefined();
    const stop = device.listenTcp(6790, (stream) => {
      stream.on('data', (chunk: Buffer) => stream.write(Buffer.concat([Buffer.from('echo:'), chunk])));
    });
    const client = device.connectTcp(6790);
    const reply = await new Promise<string>((resolve) => {
      client?.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      client?.write('ping');
    });
    expect(reply).toBe('echo:ping');
    stop();
    expect(device.connectTcp(6790)).toBeUndefined();
  });
});
